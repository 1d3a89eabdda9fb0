"""Reads of the vouchers context for the participant's and the provider's pages and API, each
scoped to the person asking: a participant reads their own orders, accounts and bookings; a
provider's staff read the bookings, ratings and payouts of their own organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from kierunek.accounts.models import User
from kierunek.agreements.selectors import provider_agreement_in_force
from kierunek.catalogue.models import ServiceCard
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.audit_actions import PARTICIPANT_FILE_READ
from kierunek.guidance.models import DevelopmentPlan
from kierunek.programmes import selectors as programme_selectors
from kierunek.programmes.models import Package, Programme
from kierunek.programmes.service_type_rules import BASIS_NOT_PAYABLE
from kierunek.providers.models import Provider

from .. import domain
from ..audit_actions import VOUCHERS_PARTICIPANT_CONTACT_VIEWED
from ..models import (
    ENDED_ORDERS,
    Attendance,
    Booking,
    BookingStatus,
    PaymentLine,
    VoucherAccount,
    VoucherOrder,
)
from ..services.bookings import Quote, booking_quote
from ..services.contributions import ContributionQuote, contribution_quote
from ..services.orders import plan_packages

# --- participant ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderablePackage:
    """A package of the current programme as the wallet offers it."""

    package: Package
    value: int  # grosze: vouchers x the unit in force today
    allowed: bool  # the signed development plan includes it
    ordered: bool  # a live (not refused) order exists
    window_open: bool
    # The own contribution ordering it today would ask (shown before ordering).
    contribution: ContributionQuote | None = None

    @property
    def can_order(self) -> bool:
        return self.allowed and not self.ordered and self.window_open


@dataclass(frozen=True)
class AccountView:
    """A voucher account with its balances in vouchers and grosze."""

    account: VoucherAccount
    available: int  # grosze
    reserved: int  # grosze

    @property
    def available_vouchers(self) -> int:
        return self.available // self.account.voucher_unit

    @property
    def reserved_vouchers(self) -> int:
        return self.reserved // self.account.voucher_unit


def orderable_packages(*, participant: User, today: date) -> tuple[Programme | None, list[OrderablePackage]]:
    """The current programme's packages, each with whether the participant may order it now."""
    programme = programme_selectors.programme_current(today=today)
    if programme is None:
        return None, []
    plan = DevelopmentPlan.objects.filter(balance__participant=participant).first()
    allowed = plan_packages(plan=plan)
    ordered = set(
        VoucherOrder.objects.filter(participant=participant, programme=programme)
        .exclude(status__in=ENDED_ORDERS)
        .values_list("package_id", flat=True)
    )
    window_open = programme.orders_open_on <= today <= programme.orders_close_on
    try:
        values = programme_selectors.package_values_on(programme=programme, day=today)
    except programme_selectors.RuleNotInForce:
        return programme, []
    return programme, [
        OrderablePackage(
            package=package,
            value=value,
            allowed=package.kind in allowed,
            ordered=package.pk in ordered,
            window_open=window_open,
            contribution=contribution_quote(participant=participant, package=package, day=today)
            if package.kind in allowed and package.pk not in ordered
            else None,
        )
        for package, value in values
    ]


def orders_of(*, participant: User) -> QuerySet[VoucherOrder]:
    return VoucherOrder.objects.filter(participant=participant).select_related("package", "contribution")


def voucher_accounts_of(*, participant: User) -> list[AccountView]:
    accounts = VoucherAccount.objects.filter(participant=participant).select_related(
        "account", "reserved", "package", "programme"
    )
    return [
        AccountView(account=a, available=a.account.balance, reserved=a.reserved.balance) for a in accounts
    ]


def usable_accounts_of(*, participant: User, today: date) -> QuerySet[VoucherAccount]:
    """The participant's voucher accounts that may still pay for a booking."""
    return (
        VoucherAccount.objects.filter(participant=participant, expired_at__isnull=True, expires_on__gte=today)
        .select_related("account", "package", "programme")
        .order_by("issued_at", "pk")
    )


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.select_related(
        "card", "card__category__parent", "provider", "voucher_account__package", "rule_version"
    )


def bookings_of(*, participant: User) -> QuerySet[Booking]:
    return _bookings().filter(participant=participant)


def _with_attendance(bookings: QuerySet[Booking], *more: str) -> QuerySet[Booking]:
    """``bookings`` with the attendance recorded (and its session) and the card's sessions."""
    return bookings.prefetch_related(
        Prefetch("attendance", queryset=Attendance.objects.select_related("session")), "card__sessions", *more
    )


def booking_of_participant(*, participant: User, booking_id: int) -> Booking:
    """The participant's own booking with its attendance. Raises ``Booking.DoesNotExist`` for
    anybody else's."""
    return _with_attendance(bookings_of(participant=participant)).get(pk=booking_id)


@dataclass(frozen=True)
class CardOffer:
    """What booking a card would take from each of the participant's usable voucher accounts."""

    card: ServiceCard
    quotes: list[tuple[VoucherAccount, Quote]]
    # The provider has no agreement in force with the programme of a voucher account: not bookable.
    without_agreement: bool = False
    # The programme's service types rule does not let its vouchers pay for the card's kind.
    not_payable: bool = False


def card_offer(*, participant: User, card: ServiceCard, today: date) -> CardOffer | None:
    """None when the participant has no usable voucher account (nothing to offer)."""
    accounts = list(usable_accounts_of(participant=participant, today=today))
    if not accounts:
        return None
    quotes = []
    without_agreement = not_payable = False
    for account in accounts:
        if (
            provider_agreement_in_force(provider=card.provider, programme=account.programme, day=today)
            is None
        ):
            without_agreement = True
            continue
        try:
            quote = booking_quote(
                card=card, programme=account.programme, voucher_unit=account.voucher_unit, day=today
            )
        except programme_selectors.RuleNotInForce:
            continue
        if quote.basis == BASIS_NOT_PAYABLE:
            not_payable = True
            continue
        quotes.append((account, quote))
    return CardOffer(card=card, quotes=quotes, without_agreement=without_agreement, not_payable=not_payable)


# --- provider ---------------------------------------------------------------------------------

# The states a provider filters by, in the order of a booking's life.
PROVIDER_FILTERS = [
    BookingStatus.REQUESTED,
    BookingStatus.ACCEPTED,
    BookingStatus.COMPLETED,
    BookingStatus.UNCONFIRMED,
    BookingStatus.SETTLED,
    BookingStatus.REJECTED,
    BookingStatus.CANCELLED,
    BookingStatus.LAPSED,
    BookingStatus.NOT_COMPLETED,
    BookingStatus.NO_SHOW,
    BookingStatus.NOT_DELIVERED,
    BookingStatus.FROZEN,
    BookingStatus.CLAWED_BACK,
]


def bookings_for_provider(*, provider: Provider, status: str = "") -> QuerySet[Booking]:
    bookings = _bookings().select_related("participant").filter(provider=provider)
    return bookings.filter(status=status) if status else bookings


def booking_for_provider(*, provider: Provider, booking_id: int) -> Booking:
    """One of the provider's bookings with its attendance. Raises ``Booking.DoesNotExist`` for
    another provider's."""
    return _with_attendance(bookings_for_provider(provider=provider), "events").get(pk=booking_id)


def booking_read_record(*, booking: Booking, actor: Actor) -> Booking:
    """Record in the audit log that a staff member (the provider's or an officer) has read the
    participant's file in ``booking`` (page or API); returns the booking."""
    audit_record(
        action=PARTICIPANT_FILE_READ,
        actor=actor,
        obj=booking,
        details={"participant": booking.participant_id, "what": "booking"},
    )
    return booking


@dataclass(frozen=True)
class ParticipantContact:
    name: str
    email: str
    phone: str  # empty: the programme does not ask participants for a phone number


def participant_contact_read(*, booking: Booking, actor: Actor) -> ParticipantContact | None:
    """The participant's contact for the provider's staff, once the provider has accepted the
    booking (``domain.CONTACTS_SHARED``), each read recorded in the audit log; ``None`` before the
    acceptance or after a cancellation. ``booking`` comes scoped to the provider
    (:func:`booking_for_provider`)."""
    if booking.status not in domain.CONTACTS_SHARED:
        return None
    participant = booking.participant
    audit_record(
        action=VOUCHERS_PARTICIPANT_CONTACT_VIEWED,
        actor=actor,
        obj=booking,
        details={"participant": participant.pk, "provider": booking.provider_id},
    )
    return ParticipantContact(name=participant.get_full_name(), email=participant.email, phone="")


def provider_contact_of(*, booking: Booking) -> Provider | None:
    """The provider whose contact (e-mail, phone, address) the participant sees on their booking,
    once the provider has accepted it; ``None`` before. ``booking`` is the participant's own."""
    return booking.provider if booking.status in domain.CONTACTS_SHARED else None


def settled_bookings_of(*, provider: Provider) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(provider=provider, status__in=domain.SETTLED_STATES)
        .select_related("card")
        .order_by("-settled_at", "-pk")
    )


def payment_lines_of(*, provider: Provider) -> QuerySet[PaymentLine]:
    return (
        PaymentLine.objects.filter(provider=provider)
        .select_related("batch")
        .order_by("-batch__built_at", "-pk")
    )
