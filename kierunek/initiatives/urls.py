from django.urls import path

from .views import gmina, jury, office, organiser, public

app_name = "initiatives"

urlpatterns = [
    path("inicjatywy/", public.index, name="index"),
    path("inicjatywy/egm/<int:year>/", public.edition, name="edition"),
    path("inicjatywy/egm/<int:year>/regulamin/", public.rules_document, name="rules_document"),
    path("inicjatywy/gmina/konkurs/", gmina.home, name="gmina_home"),
    path("inicjatywy/gmina/konkurs/<int:application_id>/", gmina.application, name="gmina_application"),
    path("inicjatywy/gmina/konkurs/<int:application_id>/wycofanie/", gmina.withdraw, name="gmina_withdraw"),
    path(
        "inicjatywy/gmina/konkurs/<int:application_id>/dowody/<int:evidence_id>/",
        gmina.evidence_file,
        name="gmina_evidence",
    ),
    path("inicjatywy/biuro/konkurs/", office.editions, name="office_editions"),
    path("inicjatywy/biuro/konkurs/<int:edition_id>/", office.edition, name="office_edition"),
    path("inicjatywy/biuro/konkurs/<int:edition_id>/etap/", office.edition_move, name="office_edition_move"),
    path("inicjatywy/biuro/konkurs/<int:edition_id>/jury/", office.juror_appoint, name="office_juror"),
    path(
        "inicjatywy/biuro/konkurs/<int:edition_id>/kryteria/", office.criterion_add, name="office_criterion"
    ),
    path("inicjatywy/biuro/konkurs/<int:edition_id>/nagrody/", office.award_grant, name="office_award"),
    path("inicjatywy/biuro/konkurs/<int:edition_id>/warsztaty/", office.workshop_add, name="office_workshop"),
    path(
        "inicjatywy/biuro/zgloszenia/<int:application_id>/etap/",
        office.application_move,
        name="office_application_move",
    ),
    path("inicjatywy/biuro/dowody/<int:evidence_id>/", office.evidence_file, name="office_evidence"),
    path("inicjatywy/jury/", jury.home, name="jury_home"),
    path("inicjatywy/jury/<int:application_id>/", jury.application, name="jury_application"),
    path(
        "inicjatywy/jury/<int:application_id>/dowody/<int:evidence_id>/",
        jury.evidence_file,
        name="jury_evidence",
    ),
    path("inicjatywy/dzialania/", organiser.mine, name="activities_mine"),
    path("inicjatywy/dzialania/nowe/<int:campaign_id>/", organiser.register, name="activity_register"),
    path("inicjatywy/dzialania/<int:activity_id>/uczestnicy/", organiser.count, name="activity_count"),
    path("inicjatywy/<slug:slug>/<int:year>/", public.campaign, name="campaign"),
]
