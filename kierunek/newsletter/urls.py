"""Pages of the newsletter: public under /newsletter/ (the archive at /newsletter/archiwum/, the
signed links of the messages), the account's at /newsletter/moja-subskrypcja/, the office's under
/newsletter/biuro/."""

from django.urls import path

from .views import account, office, public

app_name = "newsletter"

urlpatterns = [
    path("newsletter/", public.subscribe, name="subscribe"),
    path("newsletter/potwierdz/<str:token>/", public.confirm, name="confirm"),
    path("newsletter/ustawienia/<str:token>/", public.preferences, name="preferences"),
    path("newsletter/wypisz/<str:token>/", public.unsubscribe, name="unsubscribe"),
    path("newsletter/archiwum/", public.archive, name="archive"),
    path("newsletter/archiwum/<int:issue_id>/", public.archive_issue, name="archive_issue"),
    path("newsletter/moja-subskrypcja/", account.mine, name="mine"),
    path("newsletter/moja-subskrypcja/usun/", account.mine_erase, name="mine_erase"),
    path("newsletter/biuro/", office.office, name="office"),
    path("newsletter/biuro/wydania/nowe/", office.issue_new, name="issue_new"),
    path("newsletter/biuro/wydania/<int:issue_id>/", office.issue, name="issue"),
    path("newsletter/biuro/wydania/<int:issue_id>/edycja/", office.issue_edit, name="issue_edit"),
    path("newsletter/biuro/wydania/<int:issue_id>/postep/", office.issue_progress, name="issue_progress"),
    path("newsletter/biuro/wydania/<int:issue_id>/test/", office.issue_test, name="issue_test"),
    path("newsletter/biuro/wydania/<int:issue_id>/zaplanuj/", office.issue_schedule, name="issue_schedule"),
    path(
        "newsletter/biuro/wydania/<int:issue_id>/odwolaj/", office.issue_unschedule, name="issue_unschedule"
    ),
    path("newsletter/biuro/wydania/<int:issue_id>/wyslij/", office.issue_send, name="issue_send"),
    path("newsletter/biuro/tematy/", office.topics, name="topics"),
    path("newsletter/biuro/tematy/<int:topic_id>/", office.topics, name="topic_edit"),
    path("newsletter/biuro/zgoda/", office.wording, name="wording"),
    path("newsletter/biuro/subskrybenci/", office.subscribers, name="subscribers"),
    path("newsletter/biuro/subskrybenci/<int:subscriber_id>/", office.subscriber, name="subscriber"),
    path(
        "newsletter/biuro/subskrybenci/<int:subscriber_id>/zgoda.<str:fmt>",
        office.subscriber_proof,
        name="subscriber_proof",
    ),
    path(
        "newsletter/biuro/subskrybenci/<int:subscriber_id>/wypisz/",
        office.subscriber_unsubscribe,
        name="subscriber_unsubscribe",
    ),
    path(
        "newsletter/biuro/subskrybenci/<int:subscriber_id>/usun/",
        office.subscriber_erase,
        name="subscriber_erase",
    ),
]
