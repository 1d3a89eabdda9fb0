"""Pages of the anonymous survey, at the addresses they had under vouchers."""

from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("moje-bony/rezerwacje/<int:booking_id>/ocen/", views.booking_rate, name="booking_rate"),
    path("instytucja/oceny/", views.provider_ratings, name="provider_ratings"),
]
