from django.urls import include, path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("uslugi/", views.search_page, name="search"),
    path("uslugi/<int:card_id>/", views.card_page, name="card"),
    # The provider's own cards (provider_urls.py), in this namespace:
    path("", include("kierunek.catalogue.provider_urls")),
]
