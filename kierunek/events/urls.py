"""Pages of events: public under /wydarzenia/, the organiser's under /wydarzenia/organizator/,
certificate verification at /wydarzenia/zaswiadczenia/<code>/."""

from django.urls import path

from .views import attendee, organiser, public

app_name = "events"

urlpatterns = [
    path("wydarzenia/", public.event_list, name="list"),
    path("wydarzenia/<int:event_id>/", public.event_detail, name="detail"),
    path("wydarzenia/zaswiadczenia/<str:code>/", public.certificate_verify, name="verify"),
    path("wydarzenia/<int:event_id>/zapisz/", attendee.register, name="register"),
    path("wydarzenia/moje/", attendee.my_registrations, name="mine"),
    path("wydarzenia/moje/<int:registration_id>/", attendee.ticket, name="ticket"),
    path("wydarzenia/moje/<int:registration_id>/kalendarz.ics", attendee.ics, name="ics"),
    path("wydarzenia/moje/<int:registration_id>/rezygnacja/", attendee.cancel, name="cancel"),
    path("wydarzenia/moje/<int:registration_id>/przyjmij/", attendee.accept, name="accept"),
    path("wydarzenia/moje/<int:registration_id>/zaswiadczenie.pdf", attendee.certificate, name="certificate"),
    path("wydarzenia/moje/<int:registration_id>/ankieta/", attendee.survey, name="survey"),
    path("wydarzenia/materialy/<int:material_id>/", attendee.material, name="material"),
    path("wydarzenia/organizator/", organiser.organiser_home, name="organiser"),
    path("wydarzenia/organizator/nowe/", organiser.event_new, name="new"),
    path("wydarzenia/organizator/<int:event_id>/", organiser.event_manage, name="manage"),
    path("wydarzenia/organizator/<int:event_id>/edycja/", organiser.event_edit, name="edit"),
    path("wydarzenia/organizator/<int:event_id>/sesje/", organiser.session_add, name="session_add"),
    path(
        "wydarzenia/organizator/<int:event_id>/sesje/<int:session_id>/",
        organiser.session_edit,
        name="session_edit",
    ),
    path("wydarzenia/organizator/<int:event_id>/pomocnicy/", organiser.helper_add, name="helper_add"),
    path(
        "wydarzenia/organizator/<int:event_id>/zaproszenia/",
        organiser.invitations_add,
        name="invitations_add",
    ),
    path("wydarzenia/organizator/<int:event_id>/materialy/", organiser.material_add, name="material_add"),
    path("wydarzenia/organizator/<int:event_id>/zapisy/", organiser.registrations, name="registrations"),
    path("wydarzenia/organizator/<int:event_id>/wejscie/", organiser.door, name="door"),
    path(
        "wydarzenia/organizator/<int:event_id>/zaswiadczenia/",
        organiser.certificates_issue,
        name="certificates",
    ),
    path("wydarzenia/organizator/<int:event_id>/ankieta/", organiser.survey_results, name="survey_results"),
    path("wydarzenia/organizator/zapisy/<int:registration_id>/akceptuj/", organiser.approve, name="approve"),
    path("wydarzenia/organizator/zapisy/<int:registration_id>/odrzuc/", organiser.reject, name="reject"),
    path(
        "wydarzenia/organizator/wejscie/<int:registration_id>/cofnij/", organiser.door_undo, name="door_undo"
    ),
]
