"""Pages of the MSUES quality mark (included by config/urls.py at the site root, in the
``quality`` namespace; the paths are the ones they had under providers)."""

from django.urls import path

from .views import auditor, evidence, officer, provider, register

app_name = "quality"

urlpatterns = [
    # provider staff
    path("instytucja/znak-jakosci/", provider.provider_home, name="home"),
    path("instytucja/znak-jakosci/wniosek/", provider.provider_apply, name="apply"),
    path("instytucja/znak-jakosci/akcja/", provider.provider_action, name="provider_action"),
    path("instytucja/znak-jakosci/samoocena/", provider.provider_self_assessment, name="self_assessment"),
    path(
        "instytucja/znak-jakosci/samoocena/<int:standard_id>/",
        provider.provider_self_assessment_standard,
        name="self_assessment_standard",
    ),
    path(
        "instytucja/znak-jakosci/dzialania-naprawcze/<int:action_id>/wykonane/",
        provider.provider_corrective_action_done,
        name="corrective_action_done",
    ),
    # programme officers
    path("urzad/znak-jakosci/", officer.officer_cases, name="officer_cases"),
    path("urzad/znak-jakosci/<int:case_id>/", officer.officer_case, name="officer_case"),
    path("urzad/znak-jakosci/<int:case_id>/audytor/", officer.officer_assign, name="officer_assign"),
    path("urzad/znak-jakosci/<int:case_id>/przyznanie/", officer.officer_grant, name="officer_grant"),
    path("urzad/znak-jakosci/<int:case_id>/odmowa/", officer.officer_refuse, name="officer_refuse"),
    path("urzad/znak-jakosci/<int:case_id>/zawieszenie/", officer.officer_suspend, name="officer_suspend"),
    path(
        "urzad/znak-jakosci/<int:case_id>/przywrocenie/",
        officer.officer_reinstate,
        name="officer_reinstate",
    ),
    path("urzad/znak-jakosci/<int:case_id>/cofniecie/", officer.officer_withdraw, name="officer_withdraw"),
    path("urzad/znak-jakosci/<int:case_id>/wizyty/", officer.officer_visit_add, name="officer_visit_add"),
    path(
        "urzad/znak-jakosci/wizyty/<int:visit_id>/",
        officer.officer_visit_record,
        name="officer_visit_record",
    ),
    path(
        "urzad/znak-jakosci/wizyty/<int:visit_id>/dzialania-naprawcze/",
        officer.officer_corrective_action_add,
        name="officer_corrective_action_add",
    ),
    path(
        "urzad/znak-jakosci/dzialania-naprawcze/<int:action_id>/wykonane/",
        officer.officer_corrective_action_done,
        name="officer_corrective_action_done",
    ),
    # auditors
    path("audytor/audyty/", auditor.auditor_assignments, name="auditor_assignments"),
    path("audytor/audyty/<int:assignment_id>/", auditor.auditor_assignment, name="auditor_assignment"),
    path(
        "audytor/audyty/<int:assignment_id>/oswiadczenie/",
        auditor.auditor_declare,
        name="auditor_declare",
    ),
    path("audytor/audyty/<int:assignment_id>/raport/", auditor.auditor_report, name="auditor_report"),
    # the public register of holders, for anybody
    path("rejestr-znaku-jakosci/", register.public_register, name="public_register"),
    # evidence files, for the people who may read them
    path("znak-jakosci/dowody/<int:evidence_id>/", evidence.evidence_download, name="evidence"),
]
