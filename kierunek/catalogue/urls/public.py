from django.urls import path

from ..views import public as views

urlpatterns = [
    path("uslugi/", views.search_page, name="search"),
    path("uslugi/<int:card_id>/", views.card_page, name="card"),
]
