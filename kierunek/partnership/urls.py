"""Pages of the partnership: public ones under /znajdz-instytucje/, /instytucje/ and
/dobre-praktyki/, partner staff's under /partner/, the office's under /urzad/partnerstwo/."""

from django.urls import path

from .views import indicators, office, partner, public

app_name = "partnership"

urlpatterns = [
    path("znajdz-instytucje/", public.directory, name="directory"),
    path("znajdz-instytucje/<int:entry_id>/", public.entry_page, name="entry"),
    path("instytucje/<slug:slug>/", public.institution_page, name="institution"),
    path("dobre-praktyki/", public.library, name="library"),
    path("dobre-praktyki/<int:practice_id>/", public.practice_page, name="practice"),
    path(
        "dobre-praktyki/<int:practice_id>/pliki/<int:attachment_id>/",
        public.practice_attachment,
        name="practice_attachment",
    ),
    path("partner/instytucja/", partner.profile, name="partner_profile"),
    path("partner/instytucja/deklaracja/", partner.declare, name="partner_declare"),
    path("partner/oferta/", partner.entries, name="partner_entries"),
    path("partner/oferta/nowa/", partner.entry_edit, name="partner_entry_new"),
    path("partner/oferta/<int:entry_id>/", partner.entry_edit, name="partner_entry"),
    path("partner/dobre-praktyki/", partner.practices, name="partner_practices"),
    path("partner/dobre-praktyki/nowa/", partner.practice_edit, name="partner_practice_new"),
    path("partner/dobre-praktyki/<int:practice_id>/", partner.practice_edit, name="partner_practice"),
    path(
        "partner/dobre-praktyki/<int:practice_id>/zglos/",
        partner.practice_submit,
        name="partner_practice_submit",
    ),
    path("urzad/partnerstwo/", office.institutions, name="office_institutions"),
    path("urzad/partnerstwo/instytucje/nowa/", office.institution_new, name="office_institution_new"),
    path("urzad/partnerstwo/instytucje/<int:institution_id>/", office.institution, name="office_institution"),
    path(
        "urzad/partnerstwo/instytucje/<int:institution_id>/czlonkostwo/",
        office.membership_add,
        name="office_membership_add",
    ),
    path(
        "urzad/partnerstwo/instytucje/<int:institution_id>/pracownicy/",
        office.staff_link,
        name="office_staff_link",
    ),
    path(
        "urzad/partnerstwo/instytucje/<int:institution_id>/czlonkostwo/<int:membership_id>/przyjmij/",
        office.membership_change,
        {"action": "admit"},
        name="office_membership_admit",
    ),
    path(
        "urzad/partnerstwo/instytucje/<int:institution_id>/czlonkostwo/<int:membership_id>/wystapienie/",
        office.membership_change,
        {"action": "leave"},
        name="office_membership_leave",
    ),
    path("urzad/partnerstwo/dobre-praktyki/", office.review_queue, name="office_review_queue"),
    path("urzad/partnerstwo/dobre-praktyki/<int:practice_id>/", office.review, name="office_review"),
    # the indicators (decision 0023)
    path("partnerstwo/wyroznienia/", indicators.recognition_lists, name="recognition_lists"),
    path("partnerstwo/wyroznienia/<int:year>/", indicators.recognition_list, name="recognition_list"),
    path("partner/aktywnosc/", indicators.partner_activity, name="partner_activity"),
    path(
        "partner/samoocena/<int:round_id>/",
        indicators.partner_self_assessment,
        name="partner_self_assessment",
    ),
    path("urzad/partnerstwo/wskazniki/", indicators.dashboard, name="indicators"),
    path("urzad/partnerstwo/samoocena/", indicators.office_rounds, name="office_rounds"),
    path("urzad/partnerstwo/samoocena/<int:round_id>/", indicators.round_results, name="round_results"),
    path(
        "urzad/partnerstwo/wyroznienia/<int:year>/", indicators.office_recognition, name="office_recognition"
    ),
    path(
        "urzad/partnerstwo/wyroznienia/<int:year>/oblicz/",
        indicators.office_recognition_compute,
        name="office_recognition_compute",
    ),
    path(
        "urzad/partnerstwo/wyroznienia/<int:year>/zatwierdz/",
        indicators.office_recognition_approve,
        name="office_recognition_approve",
    ),
    path(
        "urzad/partnerstwo/wyroznienia/<int:year>/cofnij/",
        indicators.office_recognition_reopen,
        name="office_recognition_reopen",
    ),
]

# Bodies and groups (decision 0020).
from .urls_bodies import urlpatterns as bodies_urlpatterns  # noqa: E402

urlpatterns += bodies_urlpatterns
