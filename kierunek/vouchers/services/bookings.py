"""Bookings: the quote of a service, booking it for vouchers (the reservation), the provider's
answer, the participant's cancellation and the "this was not me" link."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role, User
from kierunek.agreements.selectors import provider_agreement_check
from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.catalogue.services import card_seat_take
from kierunek.core import agents
from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.programmes import selectors as programme_selectors
from kierunek.programmes.models import Programme, RuleKey
from kierunek.programmes.service_type_rules import BASIS_NOT_PAYABLE, BASIS_TYPE_CAP, service_cost
from kierunek.providers.selectors import is_provider_member, provider_staff_users
from kierunek.quality.selectors import provider_meets_quality_requirement

from .. import domain, ledger
from ..audit_actions import VOUCHERS_BOOKING_CREATED
from ..ledger import Leg
from ..models import Booking, BookingEvent, EventNote, TransactionKind
from ..workflows import BOOKING
from .base import _key_required, _lock_voucher_account, _locked_booking, _release, _token_hash, today
from .calendar import POLISH_HOLIDAYS


@dataclass(frozen=True)
class Quote:
    """What a service would take from a voucher account if booked on ``day``."""

    vouchers: int
    amount: int
    top_up: int
    per_hour: int | None
    basis: str
    rule_version_id: int
    decision_ref: str
    voucher_unit: int
    day: date


def booking_quote(*, card: ServiceCard, programme: Programme, voucher_unit: int | None, day: date) -> Quote:
    """The vouchers a service takes under the consumption and service types rules in force on ``day``
    (none for a kind the vouchers do not pay for: ``basis`` says so), valued at
    ``voucher_unit`` (a voucher account's unit; the unit in force that day when None), and the
    top-up the participant pays the provider directly."""
    version = programme_selectors.rule_version_on(programme=programme, key=RuleKey.CONSUMPTION, day=day)
    rules = programme_selectors.consumption_rules_on(programme=programme, day=day)
    if voucher_unit is not None:
        rules = replace(rules, voucher_unit=voucher_unit)
    category = card.category
    parent = category.parent.code if category.parent_id else None  # type: ignore[union-attr]
    types = programme_selectors.service_type_rules_on(programme=programme, day=day)
    cost = service_cost(
        rules=rules,
        types=types[1] if types else None,
        category_code=category.code,
        parent_category_code=parent,
        service_type=card.service_type,
        hours=_counted_hours(card=card, programme=programme, day=day),
        price_gross=card.price_gross,
    )
    if cost.basis == BASIS_TYPE_CAP and types:
        version = types[0]  # the kind's own cap gave the cost: the booking names that version
    return Quote(
        vouchers=cost.vouchers,
        amount=cost.covered,
        top_up=cost.top_up,
        per_hour=cost.per_hour,
        basis=cost.basis,
        rule_version_id=version.pk,
        decision_ref=version.decision_ref,
        voucher_unit=rules.voucher_unit,
        day=day,
    )


def _counted_hours(*, card: ServiceCard, programme: Programme, day: date) -> Decimal:
    """The hours a card is charged for under the programme's hours rule in force on ``day``: the
    declared hours, or those of its sessions when it declares more. Without the rule, as declared."""
    try:
        rules = programme_selectors.hours_rules_on(programme=programme, day=day)
    except programme_selectors.RuleNotInForce:
        return card.hours
    meetings = [(s.date, s.start_time, s.end_time) for s in card.sessions.all()]
    return rules.counted_hours(card.hours, meetings)


@dataclass(frozen=True)
class BookingCreated:
    booking: Booking
    created: bool
    not_me_token: str | None


def booking_create(
    *,
    actor: Actor,
    card_id: int,
    voucher_account_id: int,
    idempotency_key: str,
    on: date | None = None,
    on_behalf_of: User | None = None,
) -> BookingCreated:
    """Book a service for vouchers: reserve what it takes under the rule in force today and send
    the participant an e-mail with a "this was not me" link.

    Never overspends: the voucher account's ledger rows are locked (SQLite: the write lock of
    ``BEGIN IMMEDIATE``) before the balance is read, and the database's CHECK is the backstop.
    A retry with the same ``idempotency_key`` returns the first booking. The participant is the
    ``actor``, or ``on_behalf_of`` when the ``actor`` books for them (only as a registered agent
    check allows, :mod:`kierunek.core.agents`; the history and the audit name the actor)."""
    participant = _participant_acted_for(actor, on_behalf_of, agents.BOOK)
    _key_required(idempotency_key)
    day = on or today()
    with transaction.atomic():
        voucher_account = _lock_voucher_account(voucher_account_id)
        if voucher_account.participant_id != participant.pk:
            raise PermissionDenied(_("This is not your voucher account."))
        earlier = Booking.objects.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            if earlier.participant_id != participant.pk:
                raise ValidationError(_("This request was already used."))
            return BookingCreated(booking=earlier, created=False, not_me_token=None)
        card = (
            ServiceCard.objects.select_for_update(of=("self",))
            .select_related("category__parent", "provider")
            .get(pk=card_id)
        )
        programme = voucher_account.programme
        if card.status != CardStatus.PUBLISHED:
            raise ValidationError(_("This service is not open for booking."))
        if voucher_account.expired_at is not None or day > voucher_account.expires_on:
            raise ValidationError(
                _("These vouchers expired on %(day)s.") % {"day": f"{voucher_account.expires_on:%d.%m.%Y}"}
            )
        if not provider_meets_quality_requirement(provider=card.provider, today=day):
            raise ValidationError(_("This provider does not meet the programme's quality requirement now."))
        provider_agreement_check(provider=card.provider, programme=programme, day=day)
        _version, rules = programme_selectors.booking_rules_on(programme=programme, day=day)
        if domain.booking_too_late(
            booked_on=day, starts_on=card.starts_on, min_days_before_start=rules.min_days_before_start
        ):
            raise ValidationError(
                _("A booking must be made at least %(days)s days before the service starts.")
                % {"days": rules.min_days_before_start}
            )
        if day > card.enrolment_deadline:
            raise ValidationError(_("Enrolment for this service has closed."))
        if card.seats_taken >= card.max_participants:
            raise ValidationError(_("This service has no free places left."))
        if Booking.objects.filter(
            participant=participant, card=card, status__in=[domain.REQUESTED, domain.ACCEPTED, domain.FROZEN]
        ).exists():
            raise ValidationError(_("You have already booked this service."))
        quote = booking_quote(
            card=card, programme=programme, voucher_unit=voucher_account.voucher_unit, day=day
        )
        if quote.basis == BASIS_NOT_PAYABLE:
            raise ValidationError(
                _("The programme's rules do not let vouchers pay for a service of this kind (%(kind)s).")
                % {"kind": card.get_service_type_display()}
            )
        if quote.vouchers <= 0:
            raise ValidationError(_("This service cannot be paid with vouchers."))
        if voucher_account.account.balance < quote.amount:
            raise ValidationError(
                _("Not enough vouchers: this service takes %(needed)s and you have %(left)s.")
                % {
                    "needed": quote.vouchers,
                    "left": voucher_account.account.balance // voucher_account.voucher_unit,
                }
            )
        deadlines = domain.booking_deadlines(
            booked_on=day,
            starts_on=card.starts_on,
            ends_on=card.ends_on,
            answer_working_days=rules.answer_working_days,
            cancel_days_before_start=rules.cancel_days_before_start,
            report_days_after_end=rules.report_days_after_end,
            holidays=POLISH_HOLIDAYS,
        )
        token = secrets.token_urlsafe(32)
        booking = Booking.objects.create(
            participant=participant,
            voucher_account=voucher_account,
            card=card,
            provider=card.provider,
            vouchers=quote.vouchers,
            voucher_unit=quote.voucher_unit,
            amount=quote.amount,
            top_up=quote.top_up,
            rule_version_id=quote.rule_version_id,
            booked_on=day,
            answer_by=deadlines.answer_by,
            cancel_until=deadlines.cancel_until,
            report_by=deadlines.report_by,
            idempotency_key=idempotency_key,
            not_me_token_hash=_token_hash(token),
        )
        ledger.post(
            kind=TransactionKind.RESERVE,
            programme_id=programme.pk,
            idempotency_key=f"reserve:{booking.pk}",
            legs=[
                Leg(voucher_account.account, -quote.amount, booking.pk),
                Leg(voucher_account.reserved, quote.amount, booking.pk),
            ],
            voucher_account=voucher_account,
            booking=booking,
            actor=actor.user,
        )
        card_seat_take(card_id=card.pk)
        BookingEvent.objects.create(
            booking=booking, status_from="", status_to=booking.status, actor=actor.user
        )
        audit_record(
            action=VOUCHERS_BOOKING_CREATED, actor=actor, obj=booking, details=_on_behalf(on_behalf_of)
        )
        notify(
            recipients=[participant],
            subject=gettext_noop("Your booking"),
            template="vouchers/email/booked.txt",
            context={
                "booking": booking,
                "card": card,
                "not_me_path": reverse("vouchers:not_me", args=[token]),
            },
        )
        notify(
            recipients=provider_staff_users(provider=card.provider),
            subject=gettext_noop("A new booking waits for your answer"),
            template="vouchers/email/provider_new_booking.txt",
            context={"booking": booking, "card": card},
        )
    return BookingCreated(booking=booking, created=True, not_me_token=token)


def _participant_acted_for(actor: Actor, on_behalf_of: User | None, action: str) -> User:
    """The participant of a booking's act: the actor, or the person the actor acts for."""
    if on_behalf_of is None:
        require_role(actor.user, Role.PARTICIPANT)
        return actor.user
    require_role(on_behalf_of, Role.PARTICIPANT)
    if not agents.may_act_for(agent=actor.user, participant=on_behalf_of, action=action):
        raise PermissionDenied(_("You may not do this on this participant's behalf."))
    return on_behalf_of


def _on_behalf(on_behalf_of: User | None) -> dict[str, int] | None:
    return None if on_behalf_of is None else {"on_behalf_of": on_behalf_of.pk}


def _provider_booking(booking_id: int, actor: Actor) -> Booking:
    require_role(actor.user, Role.PROVIDER_STAFF)
    booking = _locked_booking(booking_id)
    if not is_provider_member(user=actor.user, provider=booking.provider):
        raise PermissionDenied(_("This booking is not for your organisation."))
    return booking


def _own_booking(booking_id: int, participant: User) -> Booking:
    require_role(participant, Role.PARTICIPANT)
    booking = _locked_booking(booking_id)
    if booking.participant_id != participant.pk:
        raise PermissionDenied(_("This is not your booking."))
    return booking


def booking_accept(*, booking_id: int, actor: Actor, on: date | None = None) -> Booking:
    """The provider accepts a booking, by its answer deadline."""
    day = on or today()
    with transaction.atomic():
        booking = _provider_booking(booking_id, actor)
        if booking.status == domain.REQUESTED and day > booking.answer_by:
            raise ValidationError(_("The deadline to answer this booking has passed."))
        BOOKING.apply(booking, "accept", actor=actor, details={})
    return booking


def booking_reject(*, booking_id: int, actor: Actor, reason: str) -> Booking:
    """The provider rejects a booking; the vouchers return to the participant."""
    if not reason.strip():
        raise ValidationError(_("Give the reason of the rejection."))
    with transaction.atomic():
        booking = _provider_booking(booking_id, actor)
        BOOKING.apply(booking, "reject", actor=actor, note=reason.strip(), details={})
        _release(booking, actor=actor, free_seat=True)
    return booking


def booking_cancel(
    *, booking_id: int, actor: Actor, on: date | None = None, on_behalf_of: User | None = None
) -> Booking:
    """The participant (``actor``, or ``on_behalf_of`` when an agent cancels for them) cancels
    before the programme's cancellation deadline; the vouchers return."""
    day = on or today()
    participant = _participant_acted_for(actor, on_behalf_of, agents.CANCEL)
    with transaction.atomic():
        booking = _own_booking(booking_id, participant)
        if day > booking.cancel_until:
            raise ValidationError(
                _("This booking could be cancelled until %(day)s.")
                % {"day": f"{booking.cancel_until:%d.%m.%Y}"}
            )
        BOOKING.apply(
            booking,
            "cancel",
            actor=actor,
            check_role=on_behalf_of is None,  # an agent's authority is the check above
            details=_on_behalf(on_behalf_of) or {},
        )
        _release(booking, actor=actor, free_seat=True)
    return booking


def booking_for_not_me_token(token: str) -> Booking | None:
    return Booking.objects.select_related("card").filter(not_me_token_hash=_token_hash(token)).first()


def booking_not_me(*, token: str, actor: Actor = SYSTEM) -> Booking:
    """ "This was not me": freeze the booking the e-mailed link names (the vouchers stay reserved,
    nothing can be settled) and alert the programme officers. Idempotent. Whoever opens the link
    (signed in or not) is the ``actor``."""
    with transaction.atomic():
        found = booking_for_not_me_token(token)
        if found is None:
            raise ValidationError(_("This link is not valid."))
        booking = _locked_booking(found.pk)
        if booking.status != domain.FROZEN:
            booking.frozen_from = booking.status
            BOOKING.apply(
                booking, "disown", actor=actor, note=EventNote.NOT_ME, fields=["frozen_from"], details={}
            )
    return booking


def booking_mark_evaluated(*, booking: Booking) -> None:
    """Called by the evaluations context inside its transaction, with the booking locked."""
    booking.evaluated_at = timezone.now()
    booking.save(update_fields=["evaluated_at", "updated_at"])


def lock_booking_for_participant(*, booking_id: int, participant: User) -> Booking:
    """The participant's own booking, locked (for the evaluations context)."""
    return _own_booking(booking_id, participant)
