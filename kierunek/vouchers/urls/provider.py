"""Routes of the provider pages of the vouchers context."""

from django.urls import URLPattern, path

from ..views import provider as views

urlpatterns: list[URLPattern] = [
    path("instytucja/rezerwacje/", views.bookings, name="provider_bookings"),
    path("instytucja/rezerwacje/<int:booking_id>/", views.booking_detail, name="provider_booking"),
    path("instytucja/rezerwacje/<int:booking_id>/przyjmij/", views.booking_accept, name="provider_accept"),
    path("instytucja/rezerwacje/<int:booking_id>/odrzuc/", views.booking_reject, name="provider_reject"),
    path("instytucja/rezerwacje/<int:booking_id>/obecnosc/", views.attendance, name="provider_attendance"),
    path("instytucja/rezerwacje/<int:booking_id>/raport/", views.report, name="provider_report"),
    path("instytucja/rozliczenia/", views.settlements, name="provider_settlements"),
]
