"""Addresses of the Forum Edukacji, under /edukacja/forum/."""

from django.urls import path

from .views import forum

urlpatterns = [
    path("edukacja/forum/", forum.forum, name="forum"),
    path(
        "edukacja/forum/spotkania/<int:meeting_id>/<str:which>.pdf",
        forum.meeting_file,
        name="forum_meeting_file",
    ),
    path("edukacja/forum/zarzadzanie/", forum.manage, name="forum_manage"),
    path("edukacja/forum/czlonkowie/dodaj/", forum.member_add, name="forum_member_add"),
    path("edukacja/forum/czlonkowie/<int:member_id>/usun/", forum.member_remove, name="forum_member_remove"),
    path("edukacja/forum/tematy/dodaj/", forum.topic_add, name="forum_topic_add"),
    path("edukacja/forum/tematy/<int:topic_id>/usun/", forum.topic_remove, name="forum_topic_remove"),
    path("edukacja/forum/standardy/nowy/", forum.draft, name="standard_draft"),
    path("edukacja/forum/standardy/<int:version_id>/", forum.version_page, name="standard_version"),
    path(
        "edukacja/forum/standardy/<int:version_id>/<str:step>/",
        forum.version_step,
        name="standard_version_step",
    ),
    path(
        "edukacja/forum/standardy/<int:version_id>/uwagi/<int:comment_id>/odpowiedz/",
        forum.comment_answer,
        name="standard_comment_answer",
    ),
]
