"""Reads of the outcome survey: a participant's invitations, and the results for officers per
provider and per category (response rates always; answers only from ``MIN_RESPONSES_SHOWN``
responses on, so that nobody's answers can be recognised)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet

from kierunek.accounts.models import User

from ..models import MIN_RESPONSES_SHOWN, JobChange, OutcomeInvitation, OutcomeResponse


def invitations_open(*, user: User, today: date) -> QuerySet[OutcomeInvitation]:
    return (
        OutcomeInvitation.objects.filter(participant=user, answered_on__isnull=True, closes_on__gte=today)
        .select_related("booking__card")
        .order_by("closes_on", "pk")
    )


def invitation_of(*, user: User, booking_id: int) -> OutcomeInvitation:
    """The person's invitation for their booking. Raises ``OutcomeInvitation.DoesNotExist``."""
    return OutcomeInvitation.objects.select_related("booking__card__provider").get(
        participant=user, booking_id=booking_id
    )


@dataclass(frozen=True)
class OutcomeRow:
    key: Any  # provider id or category code
    invited: int
    answered: int
    count: int  # anonymous answers in the period
    hidden: bool  # fewer than MIN_RESPONSES_SHOWN answers: no results shown
    rate: int | None = None  # % of the invited who answered
    better_job: int | None = None  # % with a new job or a promotion
    skills_use: float | None = None  # average, 1-5
    qualification: int | None = None  # % who obtained a certificate or qualification
    recommend: float | None = None  # average, 0-10


def _pct(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def outcome_rows(*, by: str, since: date | None = None) -> dict[Any, OutcomeRow]:
    """``by`` "provider" (keys: provider ids) or "category" (keys: category codes)."""
    invitation_key = {"provider": "booking__provider_id", "category": "booking__card__category__code"}[by]
    response_key = {"provider": "provider_id", "category": "category__code"}[by]
    invitations = OutcomeInvitation.objects.all()
    responses = OutcomeResponse.objects.all()
    if since is not None:
        invitations = invitations.filter(invited_on__gte=since)
        responses = responses.filter(month__gte=since.replace(day=1))
    sent: dict[Any, Mapping[str, Any]] = {
        row["key"]: row
        for row in invitations.values(key=F(invitation_key)).annotate(
            invited=Count("id"), answered=Count("id", filter=Q(answered_on__isnull=False))
        )
    }
    answers: dict[Any, Mapping[str, Any]] = {
        row["key"]: row
        for row in responses.values(key=F(response_key)).annotate(
            count=Count("id"),
            better=Count("id", filter=Q(job_change__in=[JobChange.NEW_JOB, JobChange.PROMOTION])),
            qualified=Count("id", filter=Q(qualification=True)),
            skills=Avg("skills_use"),
            recommend_avg=Avg("recommend"),
        )
    }
    rows = {}
    for key in {*sent, *answers}:
        invited = int(sent.get(key, {}).get("invited", 0))
        answered = int(sent.get(key, {}).get("answered", 0))
        stats = answers.get(key, {})
        count = int(stats.get("count", 0))
        if count < MIN_RESPONSES_SHOWN:
            rows[key] = OutcomeRow(key, invited, answered, count, hidden=True, rate=_pct(answered, invited))
            continue
        rows[key] = OutcomeRow(
            key,
            invited,
            answered,
            count,
            hidden=False,
            rate=_pct(answered, invited),
            better_job=_pct(stats["better"], count),
            skills_use=round(float(stats["skills"]), 1),
            qualification=_pct(stats["qualified"], count),
            recommend=round(float(stats["recommend_avg"]), 1),
        )
    return rows
