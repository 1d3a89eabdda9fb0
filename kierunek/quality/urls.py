"""Pages of the MSUES quality mark (included by config/urls.py at the site root, in the
``quality`` namespace; the paths are the ones they had under providers)."""

from django.urls import path

from . import views

app_name = "quality"

urlpatterns = [
    # provider staff
    path("instytucja/znak-jakosci/", views.provider_home, name="home"),
    path("instytucja/znak-jakosci/wniosek/", views.provider_apply, name="apply"),
    path("instytucja/znak-jakosci/akcja/", views.provider_action, name="provider_action"),
    path("instytucja/znak-jakosci/samoocena/", views.provider_self_assessment, name="self_assessment"),
    path(
        "instytucja/znak-jakosci/samoocena/<int:standard_id>/",
        views.provider_self_assessment_standard,
        name="self_assessment_standard",
    ),
    path(
        "instytucja/znak-jakosci/dzialania-naprawcze/<int:action_id>/wykonane/",
        views.provider_corrective_action_done,
        name="corrective_action_done",
    ),
    # programme officers
    path("urzad/znak-jakosci/", views.officer_cases, name="officer_cases"),
    path("urzad/znak-jakosci/<int:case_id>/", views.officer_case, name="officer_case"),
    path("urzad/znak-jakosci/<int:case_id>/audytor/", views.officer_assign, name="officer_assign"),
    path("urzad/znak-jakosci/<int:case_id>/przyznanie/", views.officer_grant, name="officer_grant"),
    path("urzad/znak-jakosci/<int:case_id>/odmowa/", views.officer_refuse, name="officer_refuse"),
    path("urzad/znak-jakosci/<int:case_id>/zawieszenie/", views.officer_suspend, name="officer_suspend"),
    path(
        "urzad/znak-jakosci/<int:case_id>/przywrocenie/",
        views.officer_reinstate,
        name="officer_reinstate",
    ),
    path("urzad/znak-jakosci/<int:case_id>/cofniecie/", views.officer_withdraw, name="officer_withdraw"),
    path("urzad/znak-jakosci/<int:case_id>/wizyty/", views.officer_visit_add, name="officer_visit_add"),
    path(
        "urzad/znak-jakosci/wizyty/<int:visit_id>/",
        views.officer_visit_record,
        name="officer_visit_record",
    ),
    path(
        "urzad/znak-jakosci/wizyty/<int:visit_id>/dzialania-naprawcze/",
        views.officer_corrective_action_add,
        name="officer_corrective_action_add",
    ),
    path(
        "urzad/znak-jakosci/dzialania-naprawcze/<int:action_id>/wykonane/",
        views.officer_corrective_action_done,
        name="officer_corrective_action_done",
    ),
    # auditors
    path("audytor/audyty/", views.auditor_assignments, name="auditor_assignments"),
    path("audytor/audyty/<int:assignment_id>/", views.auditor_assignment, name="auditor_assignment"),
    path(
        "audytor/audyty/<int:assignment_id>/oswiadczenie/",
        views.auditor_declare,
        name="auditor_declare",
    ),
    path("audytor/audyty/<int:assignment_id>/raport/", views.auditor_report, name="auditor_report"),
    # the public register of holders, for anybody
    path("rejestr-znaku-jakosci/", views.public_register, name="public_register"),
    # evidence files, for the people who may read them
    path("znak-jakosci/dowody/<int:evidence_id>/", views.evidence_download, name="evidence"),
]
