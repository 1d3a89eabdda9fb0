"""Pages of the MSUES quality-mark workflow (included by providers/urls.py at the site root, in
the ``providers`` namespace)."""

from django.urls import path

from . import quality_views as views

urlpatterns = [
    # provider staff
    path("instytucja/znak-jakosci/", views.provider_home, name="quality_home"),
    path("instytucja/znak-jakosci/wniosek/", views.provider_apply, name="quality_apply"),
    path("instytucja/znak-jakosci/akcja/", views.provider_action, name="quality_provider_action"),
    path(
        "instytucja/znak-jakosci/samoocena/", views.provider_self_assessment, name="quality_self_assessment"
    ),
    path(
        "instytucja/znak-jakosci/samoocena/<int:standard_id>/",
        views.provider_self_assessment_standard,
        name="quality_self_assessment_standard",
    ),
    path(
        "instytucja/znak-jakosci/dzialania-naprawcze/<int:action_id>/wykonane/",
        views.provider_corrective_action_done,
        name="quality_corrective_action_done",
    ),
    # programme officers
    path("urzad/znak-jakosci/", views.officer_cases, name="quality_officer_cases"),
    path("urzad/znak-jakosci/<int:case_id>/", views.officer_case, name="quality_officer_case"),
    path("urzad/znak-jakosci/<int:case_id>/audytor/", views.officer_assign, name="quality_officer_assign"),
    path("urzad/znak-jakosci/<int:case_id>/przyznanie/", views.officer_grant, name="quality_officer_grant"),
    path("urzad/znak-jakosci/<int:case_id>/odmowa/", views.officer_refuse, name="quality_officer_refuse"),
    path(
        "urzad/znak-jakosci/<int:case_id>/zawieszenie/", views.officer_suspend, name="quality_officer_suspend"
    ),
    path(
        "urzad/znak-jakosci/<int:case_id>/przywrocenie/",
        views.officer_reinstate,
        name="quality_officer_reinstate",
    ),
    path(
        "urzad/znak-jakosci/<int:case_id>/cofniecie/", views.officer_withdraw, name="quality_officer_withdraw"
    ),
    path(
        "urzad/znak-jakosci/<int:case_id>/wizyty/", views.officer_visit_add, name="quality_officer_visit_add"
    ),
    path(
        "urzad/znak-jakosci/wizyty/<int:visit_id>/",
        views.officer_visit_record,
        name="quality_officer_visit_record",
    ),
    path(
        "urzad/znak-jakosci/wizyty/<int:visit_id>/dzialania-naprawcze/",
        views.officer_corrective_action_add,
        name="quality_officer_corrective_action_add",
    ),
    path(
        "urzad/znak-jakosci/dzialania-naprawcze/<int:action_id>/wykonane/",
        views.officer_corrective_action_done,
        name="quality_officer_corrective_action_done",
    ),
    # auditors
    path("audytor/audyty/", views.auditor_assignments, name="quality_auditor_assignments"),
    path("audytor/audyty/<int:assignment_id>/", views.auditor_assignment, name="quality_auditor_assignment"),
    path(
        "audytor/audyty/<int:assignment_id>/oswiadczenie/",
        views.auditor_declare,
        name="quality_auditor_declare",
    ),
    path("audytor/audyty/<int:assignment_id>/raport/", views.auditor_report, name="quality_auditor_report"),
    # evidence files, for the people who may read them
    path("znak-jakosci/dowody/<int:evidence_id>/", views.evidence_download, name="quality_evidence"),
]
