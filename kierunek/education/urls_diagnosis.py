"""Addresses of the diagnosis of training needs, under /edukacja/diagnoza/."""

from django.urls import path

from .views import diagnosis

urlpatterns = [
    path("edukacja/diagnoza/", diagnosis.overview, name="diagnosis"),
    path("edukacja/diagnoza/ankieta/", diagnosis.answer, name="needs_answer"),
    path("edukacja/diagnoza/<int:assessment_id>/", diagnosis.results, name="diagnosis_results"),
    path("edukacja/diagnoza/<int:assessment_id>/wyniki.<str:fmt>", diagnosis.export, name="diagnosis_export"),
    path("edukacja/diagnoza/<int:assessment_id>/luki/", diagnosis.gaps, name="diagnosis_gaps"),
    path("edukacja/diagnoza/<int:assessment_id>/plan/", diagnosis.plan, name="diagnosis_plan"),
    path(
        "edukacja/diagnoza/<int:assessment_id>/plan/<int:line_id>/",
        diagnosis.delivery,
        name="diagnosis_delivery",
    ),
]
