"""Pages of complaints, under /skargi/."""

from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("skargi/rezerwacja/<int:booking_id>/", views.booking_complain, name="booking_complain"),
    path("skargi/moje/", views.my_complaints, name="my_complaints"),
    path("skargi/moje/<int:complaint_id>/", views.my_complaint, name="mine"),
    path("skargi/usluga/<int:card_id>/", views.card_complain, name="card_complain"),
    path("skargi/status/<str:token>/", views.token_status, name="status"),
    path("skargi/instytucja/", views.provider_complaints, name="provider_complaints"),
    path("skargi/instytucja/<int:complaint_id>/", views.provider_complaint, name="provider_complaint"),
    path("skargi/urzad/", views.office_complaints, name="office_complaints"),
    path("skargi/urzad/<int:complaint_id>/", views.office_complaint, name="office_complaint"),
    path("skargi/urzad/<int:complaint_id>/podejmij/", views.office_take, name="office_take"),
    path(
        "skargi/urzad/<int:complaint_id>/wstrzymanie-wyplat/",
        views.office_money,
        {"action": "freeze"},
        name="office_freeze",
    ),
    path(
        "skargi/urzad/<int:complaint_id>/zwrot-platnosci/",
        views.office_money,
        {"action": "clawback"},
        name="office_clawback",
    ),
    path("skargi/<int:complaint_id>/zalacznik/", views.attachment, name="attachment"),
]
