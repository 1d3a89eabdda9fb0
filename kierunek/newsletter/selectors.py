"""Reads of the newsletter: the public archive, the office's lists, a user's own subscription,
and the reach that the partnership's indicators show (:func:`reach`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from kierunek.accounts.models import User

from . import domain
from .models import Audience, Issue, Subscriber, Topic


@dataclass(frozen=True)
class Reach:
    """Confirmed subscribers: in all, per audience (its code) and per topic (its slug)."""

    total: int
    by_audience: dict[str, int] = field(default_factory=dict)
    by_topic: dict[str, int] = field(default_factory=dict)


def reach(
    *,
    audience: str | None = None,
    topics: Iterable[str] | None = None,
    email_domains: Iterable[str] | None = None,
) -> Reach:
    """How many confirmed subscribers the newsletter reaches, narrowed to an audience, to the
    topics (slugs: subscribers with any of them) and to addresses at some mail domains (an
    institution's ``example.pl``: its staff subscribed), per audience and per topic."""
    subscribers = Subscriber.objects.filter(status=domain.CONFIRMED)
    if audience:
        subscribers = subscribers.filter(audience=audience)
    if topics is not None:
        subscribers = subscribers.filter(topics__slug__in=list(topics)).distinct()
    if email_domains is not None:
        domains = Q(pk__in=[])
        for name in email_domains:
            domains |= Q(email__endswith="@" + name.strip().lower())
        subscribers = subscribers.filter(domains)
    ids = subscribers.values("pk")
    per_audience = dict(
        Subscriber.objects.filter(pk__in=ids).values_list("audience").annotate(n=Count("pk")).order_by()
    )
    per_topic = dict(
        Topic.objects.annotate(n=Count("subscribers", filter=Q(subscribers__in=ids))).values_list("slug", "n")
    )
    return Reach(
        total=sum(per_audience.values()),
        by_audience={code: per_audience.get(code, 0) for code in Audience.values},
        by_topic=per_topic,
    )


def topics_offered() -> QuerySet[Topic]:
    return Topic.objects.filter(offered=True)


def archive() -> QuerySet[Issue]:
    """Issues that were sent, newest first: the public archive."""
    return Issue.objects.filter(status=domain.SENT).order_by("-sent_at", "-pk").prefetch_related("topics")


def issues_for_office() -> QuerySet[Issue]:
    return Issue.objects.order_by("-created_at", "-pk").prefetch_related("topics")


def subscribers_for_office(*, query: str = "", status: str = "") -> QuerySet[Subscriber]:
    subscribers = Subscriber.objects.prefetch_related("topics").order_by("email")
    if query:
        subscribers = subscribers.filter(email__icontains=query.strip().lower())
    if status:
        subscribers = subscribers.filter(status=status)
    return subscribers


def subscription_of(*, user: User) -> Subscriber | None:
    """The subscription of a user's own address (linked to the account, or at its e-mail)."""
    return (
        Subscriber.objects.filter(Q(user=user) | Q(email=domain.normalised_email(user.email)))
        .order_by("-updated_at")
        .first()
    )


def subscribed_users(*, user_ids: Iterable[int], on: datetime) -> set[int]:
    """Which of these accounts received the newsletter at the moment ``on``: a subscription of
    the account (or of its e-mail address) confirmed by then and not ended before it."""
    users = dict(User.objects.filter(pk__in=list(user_ids)).values_list("email", "pk"))
    active = Subscriber.objects.filter(confirmed_at__lte=on).filter(
        Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__gt=on)
    )
    found = set(active.filter(user_id__in=users.values()).values_list("user_id", flat=True))
    for email in active.filter(email__in=list(users)).values_list("email", flat=True):
        found.add(users[email])
    return found
