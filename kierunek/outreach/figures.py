"""The figures of outreach, counted from the contexts below (people, never money): how far each
step of the journey people got — registered, a competence balance (guidance), vouchers issued and
used (vouchers), a completed training — per campaign and channel, per gmina (absolute and per
1 000 adult residents), and per month.

Where a person lives is the gmina of residence of their newest submitted application to a
programme (a withdrawn one does not count), as for the human-resources offer
(:func:`kierunek.labourmarket.figures.residents_of`); a person who has not applied yet lives
nowhere known. Counts are distinct people."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role, User
from kierunek.core.indicators import person_path
from kierunek.guidance.models import CompetenceBalance
from kierunek.programmes.models import Application, ApplicationStatus
from kierunek.vouchers.models import Booking, BookingStatus, VoucherAccount

from .models import CampaignSignup, Channel

REGISTERED = "registered"
BALANCE = "balance"
ISSUED = "vouchers_issued"
USED = "vouchers_used"
COMPLETED = "completed"
STEPS = (REGISTERED, BALANCE, ISSUED, USED, COMPLETED)
STEP_LABELS = {
    REGISTERED: _("registered"),
    BALANCE: _("competence balance"),
    ISSUED: _("vouchers issued"),
    USED: _("vouchers used"),
    COMPLETED: _("training completed"),
}
# A booking in these states holds or has spent the person's vouchers (frozen ones were reported as
# not made by the person; rejected, lapsed and cancelled ones gave the vouchers back).
USED_STATES = (
    BookingStatus.REQUESTED,
    BookingStatus.ACCEPTED,
    BookingStatus.COMPLETED,
    BookingStatus.UNCONFIRMED,
    BookingStatus.SETTLED,
)
# A completed training: completed, or settled after completion (a clawed-back one was reversed).
COMPLETED_STATES = (BookingStatus.COMPLETED, BookingStatus.SETTLED)
# Each step's first moment of a person, from the person: the earliest of the rows :func:`_step_rows`
# gives, as the database reads it for the indicators. The balance (one a person), the first voucher
# account (:class:`~kierunek.outreach.models.FirstVouchers`) and the first booking of each of the
# bookings' steps (:class:`~kierunek.outreach.models.FirstBooking`, a view whose SQL writes out the
# states above); the tests compare each step with the sets of :func:`steps`.
FIRST_MOMENT = {
    BALANCE: "competence_balance__started_at",
    ISSUED: "first_vouchers__first_issued_at",
    USED: "first_booking__first_used_at",
    COMPLETED: "first_booking__first_completed_at",
}
# Applications that say nothing about where a person lives.
LIVES_NOWHERE = (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)
DIRECT = "direct"  # came through no campaign
CHANNEL_LABELS = {**dict(Channel.choices), DIRECT: _("no campaign")}


@dataclass
class Steps:
    """The people (user ids) who reached each step, and when each registered."""

    people: dict[str, set[int]] = field(default_factory=dict)
    joined: dict[int, datetime] = field(default_factory=dict)

    def count(self, step: str, among: Collection[int] | None = None) -> int:
        reached = self.people[step]
        return len(reached) if among is None else len(reached & set(among))


def end_of(day: date) -> datetime:
    """The last moment of ``day``: a step reached by then counts as reached "by the day"."""
    return timezone.make_aware(datetime.combine(day, datetime.max.time()))


def step_people(step: str, end: datetime | None = None) -> QuerySet:
    """The ids (``participant_id``) of the people who had reached ``step`` (not REGISTERED) by
    ``end`` (None: ever), whether or not they had registered by then, read as sets by
    :func:`steps`. The indicators read the same from each person's first moment
    (:data:`FIRST_MOMENT`); tests/outreach/test_indicators.py compares the two step by step."""
    rows, moment = _step_rows(step)
    if end is not None:
        rows = rows.filter(**{f"{moment}__lte": end})
    return rows.filter(participant_id__isnull=False).values("participant_id")


def _step_rows(step: str) -> tuple[QuerySet, str]:
    """The rows that say a person reached ``step`` (not REGISTERED), and their field of when."""
    sources: dict[str, tuple[QuerySet, str]] = {
        BALANCE: (CompetenceBalance.objects.all(), "started_at"),
        ISSUED: (VoucherAccount.objects.all(), "issued_at"),
        USED: (Booking.objects.filter(status__in=USED_STATES), "created_at"),
        COMPLETED: (Booking.objects.filter(status__in=COMPLETED_STATES), "created_at"),
    }
    return sources[step]


def steps(*, until: date | None = None) -> Steps:
    """Every participant's journey, optionally only as it stood at the end of ``until`` (by when
    they registered, had the balance started, vouchers issued, the booking made)."""
    end = None if until is None else end_of(until)
    users = User.objects.filter(role=Role.PARTICIPANT)
    if end is not None:
        users = users.filter(date_joined__lte=end)
    joined = dict(users.values_list("pk", "date_joined"))
    registered = set(joined)
    people = {REGISTERED: registered}
    for step in STEPS[1:]:
        people[step] = set(step_people(step, end).values_list("participant_id", flat=True)) & registered
    return Steps(people=people, joined=joined)


def reaching(step: str, *, first: date, last: date) -> QuerySet[User]:
    """The participants who reached ``step`` from ``first`` to ``last``: reached by the end of
    ``last`` and not by the day before ``first`` (both as :func:`steps` reads them: registered and
    reached by then), as a query for the database to count."""
    return participants_by(last).filter(reached_in(step, first=first, last=last))


def participants_by(last: date) -> QuerySet[User]:
    """The participants registered by the end of ``last``: everyone who can have reached a step
    by then."""
    return User.objects.filter(role=Role.PARTICIPANT, date_joined__lte=end_of(last))


def reached_in(step: str, *, first: date, last: date) -> Q:
    """The condition on a participant of :func:`participants_by` ``last`` that they reached
    ``step`` from ``first`` to ``last``.

    A person reached the step by a day when they had registered and had reached it by then, so
    they reached it in the period when, of what they had reached by its end, the step's first moment
    or their registration came after the day before ``first``: one reading of the step's rows
    (grouped by person, the first moment of each), not one reading per day. Each person's first
    moment is joined to them (:data:`FIRST_MOMENT`): a query about many people reads the step's
    rows once, and asks no list of people for each of them."""
    end, before = end_of(last), end_of(first - timedelta(days=1))
    if step == REGISTERED:
        return Q(date_joined__gt=before)
    # The first moment of all is the first by the end of the period, when there is one by then.
    moment = FIRST_MOMENT[step]
    return Q(**{f"{moment}__lte": end}) & (Q(**{f"{moment}__gt": before}) | Q(date_joined__gt=before))


def residence() -> dict[int, int | None]:
    """Person -> gmina of residence (None: lives outside Małopolska) of their newest submitted,
    not withdrawn application; people who never applied are not in it."""
    newest: dict[int, int | None] = {}
    applications = (
        Application.objects.exclude(status__in=LIVES_NOWHERE)
        .order_by("submitted_at", "pk")
        .values_list("participant_id", "residence_gmina_id")
    )
    for person_id, gmina_id in applications:
        newest[person_id] = gmina_id
    return newest


def residence_of(field: str, person: str = "pk") -> F:
    """What :func:`residence` reads, as the database computes it for the person whose id is the
    field ``person`` of the rows: ``field`` (``residence_gmina_id``, ``residence_gmina__teryt``...)
    of their newest submitted, not withdrawn application
    (:class:`~kierunek.programmes.models.StandingApplication`, joined once); NULL for none."""
    return F(person_path(person, f"standing_application__{field}"))


def people_by_gmina(people: Iterable[int], lives: dict[int, int | None]) -> dict[int | None, set[int]]:
    by_gmina: dict[int | None, set[int]] = defaultdict(set)
    for person in people:
        by_gmina[lives.get(person)].add(person)
    return by_gmina


def signups() -> dict[int, tuple[int, str]]:
    """Person -> (campaign id, channel) of the campaign they registered through."""
    return {
        user_id: (campaign_id, channel)
        for user_id, campaign_id, channel in CampaignSignup.objects.values_list(
            "user_id", "campaign_id", "campaign__channel"
        )
    }


def channel_of(person: int, came: dict[int, tuple[int, str]]) -> str:
    return came[person][1] if person in came else DIRECT
