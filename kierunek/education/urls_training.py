"""Addresses of the teacher-training offer: the public offer and verification under
/edukacja/szkolenia/, a teacher's pages, consultations, networks, and the centre's pages under
/edukacja/osrodek/."""

from django.urls import path

from .views import training, training_centre

urlpatterns = [
    path("edukacja/szkolenia/", training.offer, name="training_offer"),
    path("edukacja/szkolenia/<int:course_id>/", training.course_detail, name="training_course"),
    path("edukacja/szkolenia/<int:course_id>/zapis/", training.enrol, name="training_enrol"),
    path("edukacja/szkolenia/moje/", training.my_trainings, name="training_mine"),
    path("edukacja/szkolenia/moje/<int:enrolment_id>/rezygnacja/", training.cancel, name="training_cancel"),
    path(
        "edukacja/szkolenia/moje/<int:enrolment_id>/zaswiadczenie.pdf",
        training.certificate,
        name="training_certificate",
    ),
    path("edukacja/szkolenia/zaswiadczenia/<str:code>/", training.verify, name="training_verify"),
    path("edukacja/konsultacje/", training.consultations, name="consultations"),
    path(
        "edukacja/konsultacje/<int:slot_id>/rezerwuj/", training.consultation_book, name="consultation_book"
    ),
    path(
        "edukacja/konsultacje/rezerwacje/<int:booking_id>/odwolaj/",
        training.consultation_cancel,
        name="consultation_cancel",
    ),
    path("edukacja/sieci/", training.networks, name="networks"),
    path("edukacja/sieci/<int:network_id>/", training.network, name="network"),
    path("edukacja/sieci/<int:network_id>/dolacz/", training.network_join, name="network_join"),
    path("edukacja/sieci/materialy/<int:material_id>/", training.network_material, name="network_material"),
    path("edukacja/osrodek/", training_centre.centre_home, name="centre"),
    path("edukacja/osrodek/szkolenia/nowe/", training_centre.course_new, name="centre_course_new"),
    path("edukacja/osrodek/szkolenia/<int:course_id>/", training_centre.centre_course, name="centre_course"),
    path(
        "edukacja/osrodek/szkolenia/<int:course_id>/zmiana/",
        training_centre.course_edit,
        name="centre_course_edit",
    ),
    path("edukacja/osrodek/konsultacje/", training_centre.centre_consultations, name="centre_consultations"),
    path("edukacja/osrodek/sieci/nowa/", training_centre.network_new, name="centre_network_new"),
    path(
        "edukacja/osrodek/sieci/<int:network_id>/spotkania/",
        training_centre.network_meeting_new,
        name="centre_meeting_new",
    ),
]
