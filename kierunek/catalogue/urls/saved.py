from django.urls import path

from ..views import saved as views

urlpatterns = [
    path("uslugi/zapisane/", views.saved_search_list, name="saved_searches"),
    path("uslugi/zapisane/zapisz/", views.saved_search_save, name="saved_search_save"),
    path(
        "uslugi/zapisane/<int:saved_search_id>/czestotliwosc/",
        views.saved_search_frequency,
        name="saved_search_frequency",
    ),
    path(
        "uslugi/zapisane/<int:saved_search_id>/usun/", views.saved_search_remove, name="saved_search_remove"
    ),
    path(
        "uslugi/zapisane/wypisz/<str:token>/", views.saved_search_unsubscribe, name="saved_search_unsubscribe"
    ),
    path(
        "uslugi/zapisane/wypisz/<str:token>/przywroc/",
        views.saved_search_resubscribe,
        name="saved_search_resubscribe",
    ),
]
