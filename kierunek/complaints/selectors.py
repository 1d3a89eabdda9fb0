"""Reads of complaints, scoped by role and object: a participant's own, a provider's (once an
officer has taken them up), every one for officers; the deadlines in force; the counts of the
dashboards and of the officers' quality overview."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kierunek.accounts.models import Role, User
from kierunek.programmes.complaint_rules import ComplaintRules
from kierunek.programmes.models import Programme
from kierunek.programmes.selectors import RuleNotInForce, complaints_rules_on
from kierunek.providers.models import Provider
from kierunek.providers.selectors import provider_for_member

from . import domain
from .models import Complaint, ComplaintEvent

SHOW_OPEN = "open"
SHOW_OVERDUE = "overdue"
SHOW_DECIDED = "decided"
SHOW_ALL = "all"
SHOWS = (SHOW_OPEN, SHOW_OVERDUE, SHOW_DECIDED, SHOW_ALL)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def complaint_rules(*, programme: Programme | None, day: date) -> ComplaintRules:
    """The deadlines in force on ``day``: the programme's ``complaints`` rule, or, where no
    programme or no version applies (a card outside any running programme), the defaults of
    :class:`ComplaintRules` (the provider's week, the administrative month)."""
    if programme is None:
        return ComplaintRules()
    try:
        return complaints_rules_on(programme=programme, day=day)[1]
    except RuleNotInForce:
        return ComplaintRules()


def _complaints() -> QuerySet[Complaint]:
    return Complaint.objects.select_related("provider", "card", "booking")


def overdue_q(today: date | None = None) -> Q:
    """Open complaints past the decision deadline, or waiting for the provider's answer past its
    deadline (the same rule as :func:`domain.is_overdue`, as a query)."""
    today = today or timezone.localdate()
    return Q(status__in=domain.OPEN) & (
        Q(decision_due__lt=today) | Q(status=domain.UNDER_REVIEW, answer_due__lt=today)
    )


# --- participants and anonymous complainants --------------------------------------------------


def complaints_of_participant(*, user: User) -> QuerySet[Complaint]:
    return _complaints().filter(complainant=user)


def complaint_of_participant(*, user: User, complaint_id: int) -> Complaint:
    """Raises ``Complaint.DoesNotExist`` for a complaint of anybody else."""
    return complaints_of_participant(user=user).get(pk=complaint_id)


def complaint_for_token(*, token: str) -> Complaint | None:
    if not token or len(token) > 100:
        return None
    return _complaints().filter(access_token_hash=token_hash(token)).first()


def complaint_events(*, complaint: Complaint) -> QuerySet[ComplaintEvent]:
    return complaint.events.select_related("actor").order_by("occurred_at", "pk")


# --- providers -----------------------------------------------------------------------------


def complaints_of_provider(*, provider: Provider) -> QuerySet[Complaint]:
    """What the provider sees: complaints about it that an officer has taken up."""
    return _complaints().filter(provider=provider).exclude(status=domain.RECEIVED)


def complaint_for_provider(*, provider: Provider, complaint_id: int) -> Complaint:
    return complaints_of_provider(provider=provider).get(pk=complaint_id)


def provider_to_answer_count(*, provider: Provider) -> int:
    return Complaint.objects.filter(provider=provider, status=domain.UNDER_REVIEW).count()


# --- officers ------------------------------------------------------------------------------


def complaints_for_officer(*, show: str = SHOW_OPEN) -> QuerySet[Complaint]:
    complaints = _complaints()
    if show == SHOW_OPEN:
        return complaints.filter(status__in=domain.OPEN).order_by("decision_due", "pk")
    if show == SHOW_OVERDUE:
        return complaints.filter(overdue_q()).order_by("decision_due", "pk")
    if show == SHOW_DECIDED:
        return complaints.filter(status__in=domain.DECIDED).order_by("-decided_at", "-pk")
    return complaints.order_by("-created_at", "-pk")


def complaint_for_officer(*, complaint_id: int) -> Complaint:
    return _complaints().get(pk=complaint_id)


def officer_waiting_count() -> int:
    """Complaints waiting for an officer: to take up, or answered and to decide."""
    return Complaint.objects.filter(status__in=(domain.RECEIVED, domain.ANSWERED)).count()


def overdue_count() -> int:
    return Complaint.objects.filter(overdue_q()).count()


# --- any person who may see one complaint ------------------------------------------------------


def complaint_visible_to(*, user: Any, complaint_id: int) -> Complaint:
    """The complaint if ``user`` may see it (its complainant, its provider's staff once taken up,
    an officer); else ``Complaint.DoesNotExist``."""
    role = getattr(user, "role", None)
    if role == Role.OFFICER:
        return complaint_for_officer(complaint_id=complaint_id)
    if role == Role.PROVIDER_STAFF:
        provider = provider_for_member(user=user)
        if provider is None:
            raise Complaint.DoesNotExist
        return complaint_for_provider(provider=provider, complaint_id=complaint_id)
    return complaint_of_participant(user=user, complaint_id=complaint_id)


# --- the officers' quality overview (evaluations' QUALITY_SIGNALS) ---------------------------------


def _counted(statuses: tuple[str, ...], since: date | None) -> QuerySet[Complaint]:
    complaints = Complaint.objects.filter(status__in=statuses)
    return complaints if since is None else complaints.filter(received_on__gte=since)


def complaints_per_provider(*, statuses: tuple[str, ...], since: date | None = None) -> Mapping[int, int]:
    rows = _counted(statuses, since).values("provider_id").annotate(n=Count("pk"))
    return {row["provider_id"]: row["n"] for row in rows}


def complaints_per_category(*, statuses: tuple[str, ...], since: date | None = None) -> Mapping[str, int]:
    rows = (
        _counted(statuses, since)
        .filter(card__isnull=False)
        .values("card__category__code")
        .annotate(n=Count("pk"))
    )
    return {row["card__category__code"]: row["n"] for row in rows}
