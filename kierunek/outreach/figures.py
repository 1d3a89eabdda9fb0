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
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role, User
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


def steps(*, until: date | None = None) -> Steps:
    """Every participant's journey, optionally only as it stood at the end of ``until`` (by when
    they registered, had the balance started, vouchers issued, the booking made)."""
    end = None
    if until is not None:
        end = timezone.make_aware(datetime.combine(until, datetime.max.time()))
    users = User.objects.filter(role=Role.PARTICIPANT)
    balances = CompetenceBalance.objects.all()
    accounts = VoucherAccount.objects.all()
    bookings = Booking.objects.all()
    if end is not None:
        users = users.filter(date_joined__lte=end)
        balances = balances.filter(started_at__lte=end)
        accounts = accounts.filter(issued_at__lte=end)
        bookings = bookings.filter(created_at__lte=end)
    joined = dict(users.values_list("pk", "date_joined"))
    registered = set(joined)
    return Steps(
        people={
            REGISTERED: registered,
            BALANCE: set(balances.values_list("participant_id", flat=True)) & registered,
            ISSUED: set(accounts.values_list("participant_id", flat=True)) & registered,
            USED: set(bookings.filter(status__in=USED_STATES).values_list("participant_id", flat=True))
            & registered,
            COMPLETED: set(
                bookings.filter(status__in=COMPLETED_STATES).values_list("participant_id", flat=True)
            )
            & registered,
        },
        joined=joined,
    )


def residence() -> dict[int, int | None]:
    """Person -> gmina of residence (None: lives outside Małopolska) of their newest submitted,
    not withdrawn application; people who never applied are not in it."""
    newest: dict[int, int | None] = {}
    applications = (
        Application.objects.exclude(status__in=(ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN))
        .order_by("submitted_at", "pk")
        .values_list("participant_id", "residence_gmina_id")
    )
    for person_id, gmina_id in applications:
        newest[person_id] = gmina_id
    return newest


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
