"""The vouchers context's pages: one route list per audience, each in its own module."""

from django.urls import path

from . import office_urls, participant_urls, provider_urls, views

app_name = "vouchers"

urlpatterns = [
    path("rezerwacje/to-nie-ja/<str:token>/", views.not_me, name="not_me"),
    *participant_urls.urlpatterns,
    *provider_urls.urlpatterns,
    *office_urls.urlpatterns,
]
