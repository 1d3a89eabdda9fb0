"""Reads of events: what a person may see and register for, the public list with its filters,
a person's registrations, an organiser's events and their registrations (by role and object)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.surveys import selectors as survey_selectors

from . import domain, survey
from .hooks import gates_admit
from .models import Audience, Certificate, Event, Registration
from .workflows import ORGANISER_ROLES


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def visible_q(user: Any) -> Q:
    """Published events open to everyone; partners' events to partner staff and officers; an
    invitation's event to the invited addresses; every event to its organiser and helpers."""
    shown = Q(published=True, audience=Audience.PUBLIC)
    if not _authenticated(user):
        return shown
    if user.role in ORGANISER_ROLES:
        shown |= Q(published=True, audience=Audience.PARTNERS)
    shown |= Q(published=True, audience=Audience.INVITATION, invitations__email__iexact=user.email)
    return shown | Q(organiser=user) | Q(helpers=user)


def event_visible(*, event_id: int, user: Any) -> Event:
    """The event if this person may see it, else ``Event.DoesNotExist`` (a 404: the event of an
    invitation is not revealed to others)."""
    found = Event.objects.filter(visible_q(user), pk=event_id).values_list("pk", flat=True).first()
    if found is None:
        raise Event.DoesNotExist
    return Event.objects.select_related("gmina__powiat", "organiser").get(pk=found)


def events_listed(
    *,
    user: Any,
    since: date | None = None,
    kind: str | None = None,
    powiat_teryt: str | None = None,
    now: datetime | None = None,
) -> QuerySet[Event]:
    """The list: events this person may see, ending on or after ``since`` (today by default),
    soonest first."""
    since = since or timezone.localdate(now)
    start = timezone.make_aware(datetime.combine(since, time.min))
    events = Event.objects.filter(visible_q(user), ends_at__gte=start)
    if kind:
        events = events.filter(kind=kind)
    if powiat_teryt:
        events = events.filter(gmina__powiat__teryt=powiat_teryt)
    ids = events.values_list("pk", flat=True).distinct()
    return Event.objects.filter(pk__in=ids).select_related("gmina__powiat").order_by("starts_at", "pk")


def may_register(*, event: Event, user: Any) -> bool:
    """The audience rule: anyone with an account for a public event, partner staff for a
    partners' event, the invited addresses for an invitation's; and every gate a context above
    registered (:mod:`kierunek.events.hooks`) must admit the person."""
    if not _authenticated(user) or not event.published:
        return False
    if not gates_admit(event=event, user=user):
        return False
    if event.audience == Audience.PUBLIC:
        return True
    if event.audience == Audience.PARTNERS:
        return bool(user.role == Role.PARTNER_STAFF)
    return event.invitations.filter(email__iexact=user.email).exists()


def is_organiser(*, event: Event, user: Any) -> bool:
    return _authenticated(user) and user.role in ORGANISER_ROLES and event.organiser_id == user.pk


def is_door_staff(*, event: Event, user: Any) -> bool:
    """The organiser and the staff they added as helpers check people in."""
    if not _authenticated(user) or user.role not in ORGANISER_ROLES:
        return False
    return event.organiser_id == user.pk or event.helpers.filter(pk=user.pk).exists()


def events_organised(*, user: Any) -> QuerySet[Event]:
    """The events a person organises or helps at, newest first."""
    ids = Event.objects.filter(Q(organiser=user) | Q(helpers=user)).values_list("pk", flat=True).distinct()
    return Event.objects.filter(pk__in=ids).select_related("gmina").order_by("-starts_at", "-pk")


def event_organised(*, event_id: int, user: Any) -> Event:
    """An event the person organises (a helper's is not: helpers only check people in)."""
    return Event.objects.select_related("gmina__powiat").get(pk=event_id, organiser=user)


def event_at_the_door(*, event_id: int, user: Any) -> Event:
    event = Event.objects.get(pk=event_id)
    if not is_door_staff(event=event, user=user):
        raise Event.DoesNotExist
    return event


def registration_live(*, event: Event, user: Any) -> Registration | None:
    if not _authenticated(user):
        return None
    return Registration.objects.filter(event=event, person=user, status__in=domain.ACTIVE).first()


def registrations_of(*, user: Any) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(person=user)
        .select_related("event__gmina", "certificate")
        .order_by("-event__starts_at", "-pk")
    )


def registration_of(*, user: Any, registration_id: int) -> Registration:
    return Registration.objects.select_related("event__gmina", "person").get(pk=registration_id, person=user)


def registrations_for(*, event: Event, status: str | None = None) -> QuerySet[Registration]:
    found = Registration.objects.filter(event=event).select_related("person", "certificate")
    if status:
        found = found.filter(status=status)
    return found.order_by("waiting_since", "created_at", "pk")


def status_counts(*, event: Event) -> dict[str, int]:
    counts = dict(
        Registration.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    counts["present"] = Registration.objects.filter(event=event, attendance=domain.CHECKED_IN).count()
    return counts


@dataclass(frozen=True)
class SurveyResults:
    """What the organiser sees of the event's survey: the number of answers, and, from the
    threshold on (``hidden`` below it), the average rating, how many found it useful and the
    comments, sorted, without names."""

    count: int
    threshold: int
    hidden: bool
    average: float | None = None
    useful: int = 0
    comments: tuple[str, ...] = ()


def survey_results(*, event: Event) -> SurveyResults:
    event_survey = event.survey
    (whole,) = survey_selectors.results(event_survey, groups=[""])
    found = SurveyResults(count=whole.responses, threshold=event_survey.threshold, hidden=whole.hidden)
    if whole.hidden:
        return found
    by_key = {question.key: result for question, result in whole.results}
    useful = by_key[survey.USEFUL].choices
    return replace(
        found,
        average=by_key[survey.RATING].mean,
        useful=useful[survey.YES].count if useful else 0,
        comments=by_key[survey.COMMENT].texts,
    )


def survey_answered(*, user: Any, registrations: Iterable[Registration]) -> set[int]:
    """The registrations (by id) whose event's survey this person has answered."""
    registrations = list(registrations)
    answered = survey_selectors.answers_of(user=user, survey_ids={r.event.survey_id for r in registrations})
    return {r.pk for r in registrations if r.event.survey_id in answered}


def survey_answers_of(*, user: Any, events: Iterable[Event]) -> dict[int, dict[str, object]]:
    """This person's answers to the surveys of these events, by event id (those answered only):
    the rating, whether it was useful (True or False) and the comment."""
    events = list(events)
    found = survey_selectors.answers_of(user=user, survey_ids={e.survey_id for e in events})
    out: dict[int, dict[str, object]] = {}
    for e in events:
        if e.survey_id not in found:
            continue
        given = found[e.survey_id]
        useful = given.get(survey.USEFUL)
        out[e.pk] = {
            "rating": given.get(survey.RATING),
            "useful": useful == [survey.YES] if useful else None,
            "comment": given.get(survey.COMMENT, ""),
        }
    return out


def certificate_by_code(*, code: str) -> Certificate:
    return Certificate.objects.select_related("registration__event", "registration__person").get(
        code=domain.code_normalised(code)
    )


# --- for the contexts above: the partnership's indicators and an institution's page -----------------


def _day_span(start: date, end: date) -> tuple[datetime, datetime]:
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end, time.max)),
    )


def organised_counts(*, user_ids: Iterable[int], start: date, end: date) -> dict[int, int]:
    """How many published events each of these people organised that begin between ``start`` and
    ``end`` (both included), by the organiser's id; people with none are left out."""
    since, until = _day_span(start, end)
    rows = (
        Event.objects.filter(
            organiser_id__in=list(user_ids), published=True, starts_at__gte=since, starts_at__lte=until
        )
        .values("organiser_id")
        .annotate(n=Count("pk"))
        .values_list("organiser_id", "n")
    )
    return dict(rows)


def attended_counts(*, user_ids: Iterable[int], start: date, end: date) -> dict[int, int]:
    """How many events each of these people was checked in at, of those beginning between
    ``start`` and ``end``, by the person's id (a registration only counts once it is checked in)."""
    since, until = _day_span(start, end)
    rows = (
        Registration.objects.filter(
            person_id__in=list(user_ids),
            attendance=domain.CHECKED_IN,
            event__starts_at__gte=since,
            event__starts_at__lte=until,
        )
        .values("person_id")
        .annotate(n=Count("event_id", distinct=True))
        .values_list("person_id", "n")
    )
    return dict(rows)


def public_events_organised_by(
    *, user_ids: Iterable[int], since: date | None = None, limit: int = 20
) -> list[Event]:
    """Published events open to everyone that these people organise, ending on or after ``since``
    (today by default), soonest first: an institution's events on its public page."""
    since = since or timezone.localdate()
    start, _end = _day_span(since, since)
    return list(
        Event.objects.filter(
            organiser_id__in=list(user_ids), published=True, audience=Audience.PUBLIC, ends_at__gte=start
        )
        .select_related("gmina__powiat")
        .order_by("starts_at", "pk")[:limit]
    )
