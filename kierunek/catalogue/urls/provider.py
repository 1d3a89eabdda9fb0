from django.urls import path, re_path

from ..views import provider as views

urlpatterns = [
    path("instytucja/uslugi/", views.card_list, name="provider_cards"),
    path("instytucja/uslugi/nowa/", views.card_create, name="provider_card_create"),
    path("instytucja/uslugi/import/", views.card_import, name="provider_card_import"),
    path("instytucja/uslugi/import/<int:job_id>/", views.card_import_job, name="provider_card_import_job"),
    path(
        "instytucja/uslugi/import/przyklad-bur.json",
        views.card_import_example,
        name="provider_card_import_example",
    ),
    path("instytucja/uslugi/eksport-bur.json", views.card_export_bur, name="provider_card_export_bur"),
    re_path(
        r"^instytucja/uslugi/eksport\.(?P<file_format>csv|json)$",
        views.card_export,
        name="provider_card_export",
    ),
    path("instytucja/uslugi/<int:card_id>/", views.card_edit, name="provider_card_edit"),
    path("instytucja/uslugi/<int:card_id>/publikuj/", views.card_publish, name="provider_card_publish"),
    path("instytucja/uslugi/<int:card_id>/anuluj/", views.card_cancel, name="provider_card_cancel"),
    path("instytucja/uslugi/<int:card_id>/zakoncz/", views.card_complete, name="provider_card_complete"),
]
