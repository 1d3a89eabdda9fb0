from django.urls import path

from ..views import public as views
from ..views import suggest

urlpatterns = [
    path("uslugi/", views.search_page, name="search"),
    path("uslugi/podpowiedzi/", suggest.suggestions, name="suggestions"),
    path("uslugi/<int:card_id>/", views.card_page, name="card"),
]
