"""The vouchers context's pages: one route list per audience, each in its own module."""

from django.urls import path

from ..views import not_me
from . import office as office_urls
from . import participant as participant_urls
from . import provider as provider_urls

app_name = "vouchers"

urlpatterns = [
    path("rezerwacje/to-nie-ja/<str:token>/", not_me.not_me, name="not_me"),
    *participant_urls.urlpatterns,
    *provider_urls.urlpatterns,
    *office_urls.urlpatterns,
]
