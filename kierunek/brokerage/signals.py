"""Fraud signals over a group of participants: the people a broker acts for (or registered), or at
the merge with outreach a campaign's sign-ups (``outreach.selectors.campaign_users``). Each signal
names the bookings behind it; the thresholds are data (:class:`~.models.SignalThreshold`, with
their reasons; the defaults in :data:`.domain.DEFAULT_THRESHOLDS`).

- one provider: many of the group's bookings with one provider;
- quick bookings: booked minutes after the person's registration;
- identical answers: the same survey (scores and comment) given for one service in one month, as
  often as the group evaluated it (the survey is anonymous: the signal shows the coincidence and the
  group's evaluated bookings, never who answered what);
- one device: attendance of several people confirmed from one address (the audit log keeps the
  address of every confirmation)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role, User
from kierunek.core.models import AuditEvent
from kierunek.evaluations.models import SCORE_FIELDS, SurveyResponse
from kierunek.vouchers.audit_actions import VOUCHERS_ATTENDANCE_CONFIRMED
from kierunek.vouchers.models import Booking

from . import domain
from .models import AssistedRegistration, Mandate, SignalThreshold


@dataclass(frozen=True)
class Signal:
    kind: str
    subject: str  # what the signal is about: a provider, a service and month, an address
    count: int
    threshold: domain.Threshold
    booking_ids: list[int] = field(default_factory=list)


def thresholds() -> dict[str, domain.Threshold]:
    """The thresholds in force: the office's, else the defaults."""
    current = dict(domain.DEFAULT_THRESHOLDS)
    for row in SignalThreshold.objects.all():
        current[row.signal] = domain.Threshold(count=row.count, measure=row.measure, reason=row.reason)
    return current


def broker_group(*, broker: User) -> set[int]:
    """The participants a broker acts or acted for, and the people they registered."""
    ids = set(Mandate.objects.filter(broker=broker).values_list("participant_id", flat=True))
    ids |= set(AssistedRegistration.objects.filter(broker=broker).values_list("person_id", flat=True))
    return ids


def brokers() -> list[User]:
    return list(User.objects.filter(role=Role.BROKER).order_by("last_name", "first_name", "pk"))


def _group_bookings(participant_ids: Collection[int]) -> QuerySet[Booking]:
    return Booking.objects.filter(participant_id__in=list(participant_ids)).select_related("provider", "card")


def one_provider(participant_ids: Collection[int], threshold: domain.Threshold) -> list[Signal]:
    by_provider: dict[int, list[Booking]] = defaultdict(list)
    for booking in _group_bookings(participant_ids):
        by_provider[booking.provider_id].append(booking)
    counts = {provider: len(rows) for provider, rows in by_provider.items()}
    return [
        Signal(
            kind=domain.ONE_PROVIDER,
            subject=str(by_provider[provider][0].provider),
            count=counts[provider],
            threshold=threshold,
            booking_ids=sorted(b.pk for b in by_provider[provider]),
        )
        for provider in domain.dominant_provider(counts, threshold=threshold)
    ]


def quick_bookings(participant_ids: Collection[int], threshold: domain.Threshold) -> list[Signal]:
    joined = dict(User.objects.filter(pk__in=list(participant_ids)).values_list("pk", "date_joined"))
    quick = [
        booking
        for booking in _group_bookings(participant_ids)
        if domain.booked_quickly(
            registered_at=joined[booking.participant_id], booked_at=booking.created_at, threshold=threshold
        )
    ]
    if len(quick) < threshold.count:
        return []
    return [
        Signal(
            kind=domain.QUICK_BOOKING,
            subject=str(len({b.participant_id for b in quick})),
            count=len(quick),
            threshold=threshold,
            booking_ids=sorted(b.pk for b in quick),
        )
    ]


def identical_answers(participant_ids: Collection[int], threshold: domain.Threshold) -> list[Signal]:
    evaluated: dict[tuple[int, date], list[Booking]] = defaultdict(list)
    for booking in _group_bookings(participant_ids).filter(evaluated_at__isnull=False):
        month = timezone.localtime(booking.evaluated_at).date().replace(day=1)
        evaluated[(booking.card_id, month)].append(booking)
    found = []
    for (card_id, month), bookings in sorted(evaluated.items(), key=lambda item: str(item[0])):
        if len(bookings) < threshold.count:
            continue
        clusters: dict[tuple[object, ...], int] = defaultdict(int)
        for response in SurveyResponse.objects.filter(card_id=card_id, month=month).exclude(comment=""):
            comment = " ".join(response.comment.lower().split())
            answer = (*(getattr(response, name) for name in SCORE_FIELDS), comment)
            clusters[answer] += 1
        largest = max(clusters.values(), default=0)
        if largest >= threshold.count:
            found.append(
                Signal(
                    kind=domain.IDENTICAL_ANSWERS,
                    subject=f"{bookings[0].card.title} ({month:%m.%Y})",
                    count=largest,
                    threshold=threshold,
                    booking_ids=sorted(b.pk for b in bookings),
                )
            )
    return found


def one_device(participant_ids: Collection[int], threshold: domain.Threshold) -> list[Signal]:
    bookings = {str(b.pk): b for b in _group_bookings(participant_ids).filter(confirmed_at__isnull=False)}
    events = AuditEvent.objects.filter(
        Q(action=VOUCHERS_ATTENDANCE_CONFIRMED),
        object_type="vouchers.booking",
        object_id__in=list(bookings),
        ip_address__isnull=False,
    ).values_list("ip_address", "object_id")
    by_address: dict[str, set[str]] = defaultdict(set)
    for address, booking_id in events:
        if address:
            by_address[address].add(booking_id)
    found = []
    for address, booking_ids in sorted(by_address.items()):
        people = {bookings[b].participant_id for b in booking_ids}
        if len(people) >= threshold.count:
            found.append(
                Signal(
                    kind=domain.ONE_DEVICE,
                    subject=address,
                    count=len(people),
                    threshold=threshold,
                    booking_ids=sorted(int(b) for b in booking_ids),
                )
            )
    return found


SIGNAL_FUNCTIONS = {
    domain.ONE_PROVIDER: one_provider,
    domain.QUICK_BOOKING: quick_bookings,
    domain.IDENTICAL_ANSWERS: identical_answers,
    domain.ONE_DEVICE: one_device,
}


def group_signals(participant_ids: Collection[int]) -> list[Signal]:
    """Every signal the group raises under the thresholds in force."""
    if not participant_ids:
        return []
    limits = thresholds()
    return [
        signal
        for kind, function in SIGNAL_FUNCTIONS.items()
        for signal in function(participant_ids, limits[kind])
    ]


SIGNAL_LABELS = {
    domain.ONE_PROVIDER: _("Many bookings with one provider"),
    domain.QUICK_BOOKING: _("Bookings made minutes after registration"),
    domain.IDENTICAL_ANSWERS: _("Identical survey answers"),
    domain.ONE_DEVICE: _("Attendance confirmed from one device for many people"),
}
