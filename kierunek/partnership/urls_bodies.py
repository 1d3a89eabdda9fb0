"""Pages of bodies and groups: public ones under /partnerstwa/<code>/organy/ and
/partnerstwa/<code>/produkty/, the keepers' and the office's under /partnerstwo/organy/."""

from django.urls import path

from .views import bodies_public as public
from .views import bodies_staff as staff

BODY = "partnerstwo/organy/<int:body_id>/"
PRODUCT = BODY + "produkty/<int:product_id>/"

urlpatterns = [
    path("partnerstwa/<slug:code>/organy/", public.bodies, name="bodies"),
    path("partnerstwa/<slug:code>/organy/<slug:slug>/", public.body_page, name="body"),
    path(
        "partnerstwa/<slug:code>/organy/<slug:slug>/protokoly/<int:meeting_id>/",
        public.minutes,
        name="body_minutes",
    ),
    path("partnerstwa/<slug:code>/produkty/", public.products, name="products"),
    path("partnerstwa/<slug:code>/produkty/<int:product_id>/", public.product_page, name="product"),
    path("partnerstwa/<slug:code>/produkty/<int:product_id>/plik/", public.product_file, name="product_file"),
    path("partnerstwo/organy/", staff.kept_bodies, name="bodies_kept"),
    path("partnerstwo/organy/nowy/", staff.body_new, name="body_new"),
    path(BODY, staff.body_manage, name="body_manage"),
    path(BODY + "dane/", staff.body_edit, name="body_edit"),
    path(BODY + "kadencje/", staff.term_add, name="body_term_add"),
    path(BODY + "czlonkowie/", staff.member_add, name="body_member_add"),
    path(BODY + "czlonkowie/<int:member_id>/odejscie/", staff.member_leave, name="body_member_leave"),
    path(BODY + "posiedzenia/nowe/", staff.meeting_new, name="body_meeting_new"),
    path(BODY + "posiedzenia/<int:meeting_id>/protokol/", staff.minutes_attach, name="body_minutes_attach"),
    path(BODY + "uchwaly/nowa/", staff.decision_new, name="body_decision_new"),
    path(
        BODY + "uchwaly/<int:decision_id>/wykonana/",
        staff.decision_move,
        {"transition": "implement"},
        name="body_decision_implement",
    ),
    path(
        BODY + "uchwaly/<int:decision_id>/uchylona/",
        staff.decision_move,
        {"transition": "repeal"},
        name="body_decision_repeal",
    ),
    path(BODY + "produkty/nowy/", staff.product_new, name="body_product_new"),
    path(PRODUCT, staff.product_manage, name="body_product"),
    path(PRODUCT + "wersje/<int:version_id>/", staff.product_version_file, name="body_product_version"),
    path(PRODUCT + "zglos/", staff.product_submit, name="body_product_submit"),
    path(PRODUCT + "ocena/", staff.product_review, name="body_product_review"),
    path(PRODUCT + "publikuj/", staff.product_publish, name="body_product_publish"),
]
