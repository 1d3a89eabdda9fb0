"""Reads of the Forum Edukacji: members, meetings, topics, standards with their versions, and the
good practices with an education tag on a map."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from kierunek.accounts.models import Role, User
from kierunek.core.collation import polish_sorted
from kierunek.partnership.models import GoodPractice, PracticeStatus

from .models import Metropolis
from .models_forum import ForumMeeting, ForumMember, ForumTopic, Standard, StandardVersion, VersionStatus

# The tags of the partnership's good practices the Forum maps as education.
EDUCATION_TAGS = (
    "edukacja",
    "szkoly",
    "szkolnictwo-zawodowe",
    "mlodziez",
    "doradztwo",
    "uczelnie",
    "kompetencje-cyfrowe",
)


def members(metropolis: Metropolis) -> list[ForumMember]:
    rows = ForumMember.objects.filter(metropolis=metropolis).select_related("user", "gmina")
    return polish_sorted(rows, key=lambda m: m.organisation)


def is_member(*, user: User, metropolis: Metropolis) -> bool:
    return ForumMember.objects.filter(metropolis=metropolis, user=user).exists()


def meetings(metropolis: Metropolis) -> QuerySet[ForumMeeting]:
    return (
        ForumMeeting.objects.filter(metropolis=metropolis)
        .select_related("event", "event__gmina")
        .prefetch_related("topics")
        .order_by("-event__starts_at")
    )


def topics(metropolis: Metropolis) -> list[ForumTopic]:
    return polish_sorted(ForumTopic.objects.filter(metropolis=metropolis), key=lambda t: t.title)


def versions_visible(*, user: User, metropolis: Metropolis) -> QuerySet[StandardVersion]:
    """The coordinator sees every version; members every version but drafts; others the
    published ones."""
    rows = (
        StandardVersion.objects.filter(standard__metropolis=metropolis)
        .select_related("standard")
        .annotate(
            comment_count=Count("comments"), unanswered=Count("comments", filter=Q(comments__answer=""))
        )
    )
    if user.role == Role.METROPOLIS_STAFF:
        return rows
    if is_member(user=user, metropolis=metropolis):
        return rows.exclude(status=VersionStatus.DRAFT)
    return rows.filter(status=VersionStatus.PUBLISHED)


def standards(metropolis: Metropolis) -> list[Standard]:
    return polish_sorted(Standard.objects.filter(metropolis=metropolis), key=lambda s: s.title)


@dataclass(frozen=True)
class PracticePoint:
    practice: GoodPractice
    x: float
    y: float


def education_practices() -> QuerySet[GoodPractice]:
    """Published good practices of the partners with an education tag, with their institutions."""
    return (
        GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED, tags__slug__in=EDUCATION_TAGS)
        .select_related("institution__gmina", "institution__powiat")
        .distinct()
        .order_by("title")
    )
