"""Validation's addresses: the candidate's under /walidacja/, the certifying institution's under
/certyfikacja/, the office's register of institutions under /biuro/instytucje-certyfikujace/."""

from django.urls import path

from .views import candidate, office, reports, staff

app_name = "validation"

urlpatterns = [
    path("walidacja/wniosek/", candidate.apply, name="apply"),
    path("walidacja/", candidate.mine, name="mine"),
    path("walidacja/<int:validation_id>/", candidate.mine_detail, name="mine_detail"),
    path("walidacja/<int:validation_id>/samoocena/", candidate.self_assessment, name="mine_self_assessment"),
    path(
        "walidacja/<int:validation_id>/dowody/portfolio/",
        candidate.evidence_portfolio,
        name="mine_evidence_portfolio",
    ),
    path(
        "walidacja/<int:validation_id>/dowody/plik/", candidate.evidence_upload, name="mine_evidence_upload"
    ),
    path(
        "walidacja/<int:validation_id>/dowody/<int:evidence_id>/usun/",
        candidate.evidence_remove,
        name="mine_evidence_remove",
    ),
    path("walidacja/<int:validation_id>/miejsce/", candidate.seat, name="mine_seat"),
    path("walidacja/<int:validation_id>/wycofaj/", candidate.withdraw, name="mine_withdraw"),
    path("walidacja/<int:validation_id>/poprawka/", candidate.resit, name="mine_resit"),
    path("walidacja/<int:validation_id>/odwolanie/", candidate.appeal, name="mine_appeal"),
    path("walidacja/dowod/<int:evidence_id>/", candidate.evidence_file, name="evidence_file"),
    path("certyfikacja/walidacje/", staff.validations, name="staff_list"),
    path("certyfikacja/walidacje/<int:validation_id>/", staff.detail, name="staff_detail"),
    path("certyfikacja/walidacje/<int:validation_id>/przyjmij/", staff.accept, name="staff_accept"),
    path("certyfikacja/walidacje/<int:validation_id>/odmow/", staff.refuse, name="staff_refuse"),
    path("certyfikacja/walidacje/<int:validation_id>/etap/", staff.finish_stage, name="staff_finish_stage"),
    path(
        "certyfikacja/walidacje/<int:validation_id>/samoocena/",
        staff.self_assessment,
        name="staff_self_assessment",
    ),
    path("certyfikacja/walidacje/<int:validation_id>/oswiadczenie/", staff.declare, name="staff_declare"),
    path("certyfikacja/walidacje/<int:validation_id>/miejsce/", staff.seat, name="staff_seat"),
    path("certyfikacja/walidacje/<int:validation_id>/odwolanie/", staff.appeal_decide, name="staff_appeal"),
    path("certyfikacja/walidacje/<int:validation_id>/certyfikat/", staff.certify, name="staff_certify"),
    path("certyfikacja/walidacje/dowod/<int:evidence_id>/", staff.evidence_file, name="staff_evidence_file"),
    path("certyfikacja/sesje/", staff.sessions, name="staff_sessions"),
    path("certyfikacja/sesje/<int:session_id>/", staff.session, name="staff_session"),
    path("certyfikacja/sesje/miejsce/<int:seat_id>/wyniki/", staff.results, name="staff_results"),
    path("certyfikacja/raport/", reports.quarterly, name="report"),
    path("certyfikacja/raport/csv/", reports.quarterly_csv, name="report_csv"),
    path("certyfikacja/raport/xlsx/", reports.quarterly_xlsx, name="report_xlsx"),
    path("biuro/instytucje-certyfikujace/raporty/", reports.office_quarterly, name="office_reports"),
    path("biuro/zdawalnosc-walidacji/", reports.pass_rates, name="office_pass_rates"),
    path("biuro/zdawalnosc-walidacji/csv/", reports.pass_rates_csv, name="office_pass_rates_csv"),
    path("biuro/instytucje-certyfikujace/", office.institutions, name="office_institutions"),
    path(
        "biuro/instytucje-certyfikujace/<int:institution_id>/", office.institution, name="office_institution"
    ),
    path(
        "biuro/instytucje-certyfikujace/<int:institution_id>/uprawnienia/",
        office.authorise,
        name="office_authorise",
    ),
    path(
        "biuro/instytucje-certyfikujace/<int:institution_id>/kadra/",
        office.staff_add,
        name="office_staff_add",
    ),
    path(
        "biuro/instytucje-certyfikujace/kadra/<int:staff_id>/zakoncz/",
        office.staff_end,
        name="office_staff_end",
    ),
]
