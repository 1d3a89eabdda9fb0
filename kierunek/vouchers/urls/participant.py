"""Routes of the participant pages of the vouchers context."""

from django.urls import URLPattern, path

from ..views import contributions
from ..views import participant as views

urlpatterns: list[URLPattern] = [
    path("moje-bony/", views.wallet, name="wallet"),
    path("moje-bony/zamow/<int:package_id>/", views.order, name="order"),
    path(
        "moje-bony/zamowienia/<int:order_id>/wklad-wlasny/",
        contributions.participant_contribution,
        name="contribution",
    ),
    path("moje-bony/rezerwuj/<int:card_id>/", views.book, name="book"),
    path("moje-bony/rezerwacje/<int:booking_id>/", views.booking_detail, name="booking"),
    path("moje-bony/rezerwacje/<int:booking_id>/anuluj/", views.booking_cancel, name="booking_cancel"),
    path("moje-bony/rezerwacje/<int:booking_id>/potwierdz/", views.booking_confirm, name="booking_confirm"),
    path(
        "moje-bony/rezerwacje/<int:booking_id>/zglos-problem/", views.booking_dispute, name="booking_dispute"
    ),
]
