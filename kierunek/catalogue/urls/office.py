from django.urls import path

from ..views import office as views

urlpatterns = [
    path("administracja/indeks-wyszukiwania/", views.search_index, name="office_search_index"),
    path(
        "administracja/indeks-wyszukiwania/przebuduj/",
        views.search_index_rebuild,
        name="office_search_index_rebuild",
    ),
]
