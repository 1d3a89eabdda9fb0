"""Pages of outreach: the poster's address under /k/, a gmina's page under /gminy-partnerskie/, the
campaigns under /kampanie-lokalne/, the office's under /urzad/gminy-partnerskie/."""

from django.urls import path

from .views import campaigns, gmina, office, public

app_name = "outreach"

urlpatterns = [
    path("k/<str:code>/", public.join, name="join"),
    path("rejestracja/kampania/usun/", public.forget, name="forget"),
    path("moja-gmina/", gmina.my_gmina, name="my_gmina"),
    path("gminy-partnerskie/<str:teryt>/", gmina.gmina_page, name="gmina"),
    path("gminy-partnerskie/<str:teryt>/liderzy/nowy/", gmina.leader_new, name="leader_new"),
    path("gminy-partnerskie/<str:teryt>/kampanie/nowa/", gmina.campaign_new, name="campaign_new"),
    path("liderzy-lokalni/<int:leader_id>/kontakt/", gmina.contact_new, name="contact_new"),
    path("liderzy-lokalni/<int:leader_id>/usun/", gmina.leader_erase, name="leader_erase"),
    path("kampanie-lokalne/<int:campaign_id>/", campaigns.campaign_page, name="campaign"),
    path("kampanie-lokalne/<int:campaign_id>/plakat.pdf", campaigns.campaign_poster, name="campaign_poster"),
    path("kampanie-lokalne/<int:campaign_id>/zamknij/", campaigns.campaign_close, name="campaign_close"),
    path("urzad/gminy-partnerskie/", office.office_home, name="office"),
    path("urzad/gminy-partnerskie/kampanie/nowa/", office.region_campaign_new, name="region_campaign_new"),
    path(
        "urzad/gminy-partnerskie/porozumienia/<int:agreement_id>/<slug:transition>/",
        office.agreement_move,
        name="agreement_move",
    ),
    path("urzad/gminy-partnerskie/ludnosc/", office.population, name="population"),
    path("urzad/gminy-partnerskie/zasieg/", office.reach_page, name="reach"),
    path("urzad/gminy-partnerskie/zasieg.csv", office.reach_download, {"fmt": "csv"}, name="reach_csv"),
    path("urzad/gminy-partnerskie/zasieg.xlsx", office.reach_download, {"fmt": "xlsx"}, name="reach_xlsx"),
]
