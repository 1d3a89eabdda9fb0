"""Addresses of the funding sources, the career-orientation offer, the LOWE centres and the
materials library, under /edukacja/."""

from django.urls import path

from .views import career, centres, funding, materials

urlpatterns = [
    path("edukacja/finansowanie/", funding.search, name="funding_search"),
    path("edukacja/finansowanie/<int:source_id>/", funding.source, name="funding_source"),
    path("edukacja/finansowanie/powiadomienia/", funding.subscription, name="funding_subscription"),
    path("edukacja/metropolia/finansowanie/", funding.office, name="funding_office"),
    path(
        "edukacja/metropolia/finansowanie/<int:source_id>/", funding.office_edit, name="funding_office_edit"
    ),
    path("edukacja/metropolia/budzety-doskonalenia/", funding.budgets, name="budgets"),
    path("edukacja/gmina/budzet-doskonalenia/", funding.budget, name="budget"),
    path("edukacja/orientacja-zawodowa/", career.search, name="career_search"),
    path("edukacja/orientacja-zawodowa/nowe/", career.publish, name="career_publish"),
    path("edukacja/orientacja-zawodowa/<int:activity_id>/", career.activity, name="career_activity"),
    path("edukacja/orientacja-zawodowa/<int:activity_id>/rezerwacja/", career.book, name="career_book"),
    path(
        "edukacja/orientacja-zawodowa/<int:activity_id>/odwolanie/",
        career.activity_cancel,
        name="career_activity_cancel",
    ),
    path(
        "edukacja/orientacja-zawodowa/rezerwacje/<int:booking_id>/odwolanie/",
        career.cancel,
        name="career_booking_cancel",
    ),
    path("edukacja/gmina/orientacja-zawodowa/", career.gmina, name="career_gmina"),
    path("edukacja/szkola/orientacja-zawodowa/", career.school, name="career_school"),
    path("edukacja/metropolia/orientacja-zawodowa/", career.reach, name="career_reach"),
    path("edukacja/lowe/", centres.register, name="lowe"),
    path("edukacja/lowe/wytyczne/<int:number>/", centres.guidelines, name="lowe_guidelines"),
    path("edukacja/lowe/osrodki/<int:centre_id>/", centres.centre, name="lowe_centre"),
    path("edukacja/metropolia/lowe/", centres.office, name="lowe_office"),
    path("edukacja/materialy/", materials.library, name="materials"),
    path("edukacja/materialy/dodaj/", materials.upload, name="material_upload"),
    path("edukacja/materialy/przeglad/", materials.review_list, name="materials_review"),
    path("edukacja/materialy/<int:material_id>/", materials.material, name="material"),
    path("edukacja/materialy/<int:material_id>/pobierz/", materials.download, name="material_download"),
    path("edukacja/materialy/<int:material_id>/ponownie/", materials.resubmit, name="material_resubmit"),
    path("edukacja/materialy/<int:material_id>/przeglad/", materials.review, name="material_review"),
    path("edukacja/materialy/<int:material_id>/plik/", materials.review_file, name="material_file"),
]
