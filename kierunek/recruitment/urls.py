"""Pages of the recruitment under /rekrutacja/: the candidate's, the public "what-if" page, the
school's (szkola/) and the authority's (metropolia/)."""

from django.urls import path

from .views import authority, candidate, school

app_name = "recruitment"

urlpatterns = [
    path("rekrutacja/", candidate.mine, name="mine"),
    path("rekrutacja/wniosek/", candidate.application_edit, name="application_edit"),
    path("rekrutacja/lista/<int:class_id>/", candidate.class_list, name="candidate_list"),
    path("rekrutacja/ranking/", candidate.ranking, name="ranking"),
    path("rekrutacja/ranking-uzupelniajacy/", candidate.ranking_supplementary, name="ranking_supplementary"),
    path("rekrutacja/zloz/", candidate.application_submit, name="submit"),
    path("rekrutacja/potwierdz/<int:placement_id>/", candidate.confirm, name="confirm"),
    path(
        "rekrutacja/uzasadnienie/<int:class_id>/",
        candidate.justification_request,
        name="justification_request",
    ),
    path("rekrutacja/odwolanie/<int:appeal_id>/", candidate.appeal, name="appeal"),
    path("rekrutacja/co-jesli/", candidate.whatif, name="whatif"),
    path("rekrutacja/szkola/", school.school, name="school"),
    path("rekrutacja/szkola/oddzial/<int:class_id>/", school.class_lists, name="class_lists"),
    path("rekrutacja/szkola/oddzial/<int:class_id>/sprawdzian/", school.aptitude, name="aptitude"),
    path("rekrutacja/szkola/komisja/", school.committee, name="committee"),
    path(
        "rekrutacja/szkola/komisja/<int:member_id>/odwolaj/",
        school.committee_dismiss,
        name="committee_dismiss",
    ),
    path(
        "rekrutacja/szkola/wniosek/<int:application_id>/", school.application_check, name="application_check"
    ),
    path("rekrutacja/szkola/wniosek/<int:application_id>/wyniki/", school.results, name="school_results"),
    path("rekrutacja/szkola/wyniki/", school.results_file, name="school_results_file"),
    path("rekrutacja/szkola/publikuj/<str:round_>/", school.publish, name="school_publish"),
    path("rekrutacja/szkola/potwierdz/<int:placement_id>/", school.confirm, name="school_confirm"),
    path("rekrutacja/szkola/odwolanie/<int:appeal_id>/", school.appeal, name="school_appeal"),
    path("rekrutacja/szkola/odwolanie/<int:appeal_id>/pdf/", school.appeal_pdf, name="appeal_pdf"),
    path("rekrutacja/metropolia/", authority.authority, name="authority"),
    path("rekrutacja/metropolia/krok/<str:step>/", authority.step, name="step"),
    path("rekrutacja/metropolia/statystyki.<str:kind>", authority.statistics_file, name="statistics_file"),
]
