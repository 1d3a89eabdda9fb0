"""Pages of evaluations: the survey at the addresses it had under vouchers, the outcome survey, the
provider's replies, and the officers' moderation and quality overview."""

from django.urls import path

from .views import office, outcome, survey

app_name = "evaluations"

urlpatterns = [
    path("moje-bony/rezerwacje/<int:booking_id>/ocen/", survey.booking_rate, name="booking_rate"),
    path("moje-bony/rezerwacje/<int:booking_id>/efekty/", outcome.outcome_survey, name="outcome_survey"),
    path("instytucja/oceny/", survey.provider_ratings, name="provider_ratings"),
    path(
        "instytucja/oceny/komentarze/<int:response_id>/odpowiedz/", survey.comment_reply, name="comment_reply"
    ),
    path("urzad/komentarze/", office.comments, name="office_comments"),
    path("urzad/komentarze/<int:response_id>/publikacja/", office.comment_approve, name="comment_approve"),
    path("urzad/komentarze/<int:response_id>/odrzucenie/", office.comment_reject, name="comment_reject"),
    path("urzad/komentarze/<int:response_id>/wycofanie/", office.comment_withdraw, name="comment_withdraw"),
    path("urzad/jakosc-uslug/", office.quality, name="office_quality"),
    path(
        "urzad/jakosc-uslug/instytucje/<int:provider_id>/wizyta/",
        office.monitoring_visit_open,
        name="monitoring_visit_open",
    ),
]
