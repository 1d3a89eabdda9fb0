"""Every change of vouchers, bookings and payouts, each in one database transaction: lock what the
decision depends on, apply the rule (``domain``), move money through ``ledger.post``, record the
event and the audit entry, and send e-mails after commit.

Money operations take an ``idempotency_key``: a retried request returns the first result.
Permissions are checked here as well as in the views: the role, and that the object belongs to the
actor (a provider's member for its bookings, the participant for their own)."""

from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache

import holidays as public_holidays
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.db.models.expressions import Combinable
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.catalogue.models import CardStatus, ServiceCard, ServiceSession
from kierunek.catalogue.services import card_seat_release, card_seat_take
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.guidance.domain import PlanStatus
from kierunek.guidance.models import DevelopmentPlan
from kierunek.programmes import selectors as programme_selectors
from kierunek.programmes.models import Package, Programme, RuleKey
from kierunek.providers.models import BankAccount, BankAccountStatus, Provider
from kierunek.providers.selectors import active_officers, is_provider_member, provider_staff_users
from kierunek.quality.selectors import provider_meets_quality_requirement

from . import domain, ledger
from .ledger import InsufficientFunds, Leg
from .models import (
    AccountKind,
    Attendance,
    BatchStatus,
    Booking,
    BookingEvent,
    LedgerAccount,
    OrderStatus,
    PaymentBatch,
    PaymentLine,
    PayoutFreeze,
    SettlementRun,
    SettlementRunStatus,
    TransactionKind,
    VoucherAccount,
    VoucherOrder,
)

OPERATOR_ROLES = (Role.FINANCIAL_OPERATOR,)
SIGNED_PLAN_STATUSES = (PlanStatus.SIGNED.value, PlanStatus.ACKNOWLEDGED.value)


def today() -> date:
    return timezone.localdate()


@cache
def _holidays(year: int) -> frozenset[date]:
    return frozenset(public_holidays.country_holidays("PL", years=year))


class _PolishHolidays:
    """Polish public holidays of any year, for ``domain.add_working_days``."""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day in _holidays(day.year)


POLISH_HOLIDAYS = _PolishHolidays()


def _key_required(idempotency_key: str) -> None:
    if not idempotency_key or len(idempotency_key) > 150:
        raise ValidationError(_("Every money operation needs an idempotency key of at most 150 characters."))


# --- orders and issuing -------------------------------------------------------------------------


def plan_packages(*, plan: DevelopmentPlan | None) -> set[str]:
    """The package kinds a signed development plan allows (those of its areas)."""
    if plan is None or plan.status not in SIGNED_PLAN_STATUSES:
        return set()
    return set(plan.areas.values_list("package_kind", flat=True))


def order_create(
    *, participant: User, package_id: int, on: date | None = None, request: HttpRequest | None = None
) -> VoucherOrder:
    """Order one package the participant's signed development plan allows, inside the programme's
    order window. One live order per package."""
    require_role(participant, Role.PARTICIPANT)
    day = on or today()
    with transaction.atomic():
        package = Package.objects.select_related("programme").get(pk=package_id)
        programme = package.programme
        if not programme.orders_open_on <= day <= programme.orders_close_on:
            raise ValidationError(
                _("Vouchers of this programme may be ordered from %(start)s to %(end)s.")
                % {
                    "start": f"{programme.orders_open_on:%d.%m.%Y}",
                    "end": f"{programme.orders_close_on:%d.%m.%Y}",
                }
            )
        plan = DevelopmentPlan.objects.filter(balance__participant=participant).first()
        if package.kind not in plan_packages(plan=plan):
            raise ValidationError(
                _("Your signed development plan does not include this package. Talk to your advisor.")
            )
        assert plan is not None
        if (
            VoucherOrder.objects.filter(participant=participant, package=package)
            .exclude(status=OrderStatus.REFUSED)
            .exists()
        ):
            raise ValidationError(_("You have already ordered this package."))
        try:
            with transaction.atomic():
                order = VoucherOrder.objects.create(
                    participant=participant, programme=programme, package=package, plan=plan
                )
        except IntegrityError as error:
            raise ValidationError(_("You have already ordered this package.")) from error
        audit_record(action="vouchers.order_created", actor=participant, obj=order, request=request)
    return order


def order_issue(
    *,
    order_id: int,
    actor: User,
    idempotency_key: str,
    on: date | None = None,
    request: HttpRequest | None = None,
) -> VoucherAccount:
    """Issue an ordered package from the programme budget (which cannot be overdrawn) into a new
    voucher account, at the voucher unit in force today, usable until the booking rule's use-by
    date. Issuing an order twice returns the first voucher account."""
    require_role(actor, *OPERATOR_ROLES)
    _key_required(idempotency_key)
    day = on or today()
    with transaction.atomic():
        order = (
            VoucherOrder.objects.select_for_update().select_related("package", "programme").get(pk=order_id)
        )
        if order.status == OrderStatus.ISSUED:
            return order.voucher_account
        if order.status != OrderStatus.ORDERED:
            raise ValidationError(_("This order was refused and cannot be issued."))
        programme = order.programme
        unit = programme_selectors.voucher_unit_on(programme=programme, day=day)
        _version, rules = programme_selectors.booking_rules_on(programme=programme, day=day)
        budget = ledger.programme_account(programme_id=programme.pk, kind=AccountKind.BUDGET)
        wallet = ledger.account_open(kind=AccountKind.VOUCHERS, programme_id=programme.pk)
        reserved = ledger.account_open(kind=AccountKind.RESERVED, programme_id=programme.pk)
        voucher_account = VoucherAccount.objects.create(
            order=order,
            participant_id=order.participant_id,
            programme=programme,
            package=order.package,
            vouchers_issued=order.package.vouchers,
            voucher_unit=unit,
            expires_on=domain.expiry_date(
                issued_on=day, use_by_days=rules.use_by_days, programme_ends_on=programme.ends_on
            ),
            account=wallet,
            reserved=reserved,
        )
        value = voucher_account.issued_value
        try:
            ledger.post(
                kind=TransactionKind.ISSUE,
                programme_id=programme.pk,
                idempotency_key=idempotency_key,
                legs=[Leg(budget, -value), Leg(wallet, value)],
                voucher_account=voucher_account,
                actor=actor,
                memo=f"Order {order.pk}",
            )
        except InsufficientFunds as error:
            raise ValidationError(
                _("The programme budget has not enough money left for this package.")
            ) from error
        wallet.refresh_from_db(fields=["balance"])
        order.status = OrderStatus.ISSUED
        order.decided_at = timezone.now()
        order.decided_by = actor
        order.save(update_fields=["status", "decided_at", "decided_by"])
        audit_record(
            action="vouchers.order_issued", actor=actor, obj=order, request=request, details={"grosze": value}
        )
        notify(
            recipients=[order.participant],
            subject="Your vouchers have been issued",
            template="vouchers/email/issued.txt",
            context={"voucher_account": voucher_account},
        )
    return voucher_account


def order_refuse(
    *, order_id: int, actor: User, reason: str, request: HttpRequest | None = None
) -> VoucherOrder:
    require_role(actor, *OPERATOR_ROLES)
    if not reason.strip():
        raise ValidationError(_("Give the reason of the refusal."))
    with transaction.atomic():
        order = VoucherOrder.objects.select_for_update().get(pk=order_id)
        if order.status != OrderStatus.ORDERED:
            raise ValidationError(_("Only an order waiting to be issued can be refused."))
        order.status = OrderStatus.REFUSED
        order.decided_at = timezone.now()
        order.decided_by = actor
        order.refusal_reason = reason.strip()
        order.save(update_fields=["status", "decided_at", "decided_by", "refusal_reason"])
        audit_record(action="vouchers.order_refused", actor=actor, obj=order, request=request)
        notify(
            recipients=[order.participant],
            subject="Your voucher order was refused",
            template="vouchers/email/refused.txt",
            context={"order": order},
        )
    return order


# --- booking ----------------------------------------------------------------------------------


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
    """The vouchers a service takes under the consumption rule in force on ``day``, valued at
    ``voucher_unit`` (a voucher account's unit; the unit in force that day when None), and the
    top-up the participant pays the provider directly."""
    version = programme_selectors.rule_version_on(programme=programme, key=RuleKey.CONSUMPTION, day=day)
    rules = programme_selectors.consumption_rules_on(programme=programme, day=day)
    if voucher_unit is not None:
        rules = replace(rules, voucher_unit=voucher_unit)
    category = card.category
    parent = category.parent.code if category.parent_id else None  # type: ignore[union-attr]
    from kierunek.programmes.domain import voucher_cost

    cost = voucher_cost(
        rules=rules,
        category_code=category.code,
        parent_category_code=parent,
        service_type=card.service_type,
        hours=card.hours,
        price_gross=card.price_gross,
    )
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


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _event(booking: Booking, status_from: str, actor: User | None, note: str = "") -> None:
    BookingEvent.objects.create(
        booking=booking, status_from=status_from, status_to=booking.status, actor=actor, note=note
    )


def _transition(
    booking: Booking, transition: str, *, actor: User | None, note: str = "", fields: Iterable[str] = ()
) -> None:
    """Move a locked booking along the state machine and record the event."""
    try:
        target = domain.next_status(booking.status, transition)
    except domain.TransitionError as error:
        raise ValidationError(
            _("This booking is %(status)s: that cannot be done now.")
            % {"status": booking.get_status_display()}
        ) from error
    status_from = booking.status
    booking.status = target
    booking.save(update_fields=["status", "updated_at", *fields])
    _event(booking, status_from, actor, note)


def _release(booking: Booking, *, actor: User | None, free_seat: bool) -> None:
    """Return a booking's reservation to the participant's vouchers."""
    account = booking.voucher_account
    ledger.post(
        kind=TransactionKind.RELEASE,
        programme_id=account.programme_id,
        idempotency_key=f"release:{booking.pk}",
        legs=[
            Leg(account.reserved, -booking.amount, booking.pk),
            Leg(account.account, booking.amount, booking.pk),
        ],
        voucher_account=account,
        booking=booking,
        actor=actor,
    )
    if free_seat:
        card_seat_release(card_id=booking.card_id)


def _locked_booking(booking_id: int) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related(
            "voucher_account__account", "voucher_account__reserved", "card", "provider", "participant"
        )
        .get(pk=booking_id)
    )


def _lock_voucher_account(voucher_account_id: int) -> VoucherAccount:
    """Lock a voucher account's ledger rows (the balance a booking draws on) and return it."""
    voucher_account = VoucherAccount.objects.select_related("account", "reserved", "programme").get(
        pk=voucher_account_id
    )
    locked = ledger.lock_accounts([voucher_account.account_id, voucher_account.reserved_id])
    voucher_account.account = locked[voucher_account.account_id]
    voucher_account.reserved = locked[voucher_account.reserved_id]
    return voucher_account


@dataclass(frozen=True)
class BookingCreated:
    booking: Booking
    created: bool
    not_me_token: str | None


def booking_create(
    *,
    participant: User,
    card_id: int,
    voucher_account_id: int,
    idempotency_key: str,
    on: date | None = None,
    request: HttpRequest | None = None,
) -> BookingCreated:
    """Book a service for vouchers: reserve what it takes under the rule in force today and send
    the participant an e-mail with a "this was not me" link.

    Never overspends: the voucher account's ledger rows are locked (SQLite: the write lock of
    ``BEGIN IMMEDIATE``) before the balance is read, and the database's CHECK is the backstop.
    A retry with the same ``idempotency_key`` returns the first booking."""
    require_role(participant, Role.PARTICIPANT)
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
            actor=participant,
        )
        card_seat_take(card_id=card.pk)
        _event(booking, "", participant)
        audit_record(action="vouchers.booking_created", actor=participant, obj=booking, request=request)
        notify(
            recipients=[participant],
            subject="Your booking",
            template="vouchers/email/booked.txt",
            context={
                "booking": booking,
                "card": card,
                "not_me_path": reverse("vouchers:not_me", args=[token]),
            },
        )
        notify(
            recipients=provider_staff_users(provider=card.provider),
            subject="A new booking waits for your answer",
            template="vouchers/email/provider_new_booking.txt",
            context={"booking": booking, "card": card},
        )
    return BookingCreated(booking=booking, created=True, not_me_token=token)


def _provider_booking(booking_id: int, actor: User) -> Booking:
    require_role(actor, Role.PROVIDER_STAFF)
    booking = _locked_booking(booking_id)
    if not is_provider_member(user=actor, provider=booking.provider):
        raise PermissionDenied(_("This booking is not for your organisation."))
    return booking


def _own_booking(booking_id: int, participant: User) -> Booking:
    require_role(participant, Role.PARTICIPANT)
    booking = _locked_booking(booking_id)
    if booking.participant_id != participant.pk:
        raise PermissionDenied(_("This is not your booking."))
    return booking


def booking_accept(
    *, booking_id: int, actor: User, on: date | None = None, request: HttpRequest | None = None
) -> Booking:
    """The provider accepts a booking, by its answer deadline."""
    day = on or today()
    with transaction.atomic():
        booking = _provider_booking(booking_id, actor)
        if booking.status == domain.REQUESTED and day > booking.answer_by:
            raise ValidationError(_("The deadline to answer this booking has passed."))
        _transition(booking, "accept", actor=actor)
        audit_record(action="vouchers.booking_accepted", actor=actor, obj=booking, request=request)
        notify(
            recipients=[booking.participant],
            subject="Your booking was accepted",
            template="vouchers/email/status.txt",
            context={"booking": booking},
        )
    return booking


def booking_reject(
    *, booking_id: int, actor: User, reason: str, request: HttpRequest | None = None
) -> Booking:
    """The provider rejects a booking; the vouchers return to the participant."""
    if not reason.strip():
        raise ValidationError(_("Give the reason of the rejection."))
    with transaction.atomic():
        booking = _provider_booking(booking_id, actor)
        _transition(booking, "reject", actor=actor, note=reason.strip())
        _release(booking, actor=actor, free_seat=True)
        audit_record(action="vouchers.booking_rejected", actor=actor, obj=booking, request=request)
        notify(
            recipients=[booking.participant],
            subject="Your booking was rejected",
            template="vouchers/email/status.txt",
            context={"booking": booking, "reason": reason.strip()},
        )
    return booking


def booking_cancel(
    *, booking_id: int, participant: User, on: date | None = None, request: HttpRequest | None = None
) -> Booking:
    """The participant cancels before the programme's cancellation deadline; the vouchers return."""
    day = on or today()
    with transaction.atomic():
        booking = _own_booking(booking_id, participant)
        if day > booking.cancel_until:
            raise ValidationError(
                _("This booking could be cancelled until %(day)s.")
                % {"day": f"{booking.cancel_until:%d.%m.%Y}"}
            )
        _transition(booking, "cancel", actor=participant)
        _release(booking, actor=participant, free_seat=True)
        audit_record(action="vouchers.booking_cancelled", actor=participant, obj=booking, request=request)
        notify(
            recipients=provider_staff_users(provider=booking.provider),
            subject="A booking was cancelled",
            template="vouchers/email/provider_status.txt",
            context={"booking": booking},
        )
    return booking


def booking_for_not_me_token(token: str) -> Booking | None:
    return Booking.objects.select_related("card").filter(not_me_token_hash=_token_hash(token)).first()


def booking_not_me(*, token: str, request: HttpRequest | None = None) -> Booking:
    """ "This was not me": freeze the booking the e-mailed link names (the vouchers stay reserved,
    nothing can be settled) and alert the programme officers. Idempotent."""
    with transaction.atomic():
        found = booking_for_not_me_token(token)
        if found is None:
            raise ValidationError(_("This link is not valid."))
        booking = _locked_booking(found.pk)
        if booking.status != domain.FROZEN:
            booking.frozen_from = booking.status
            _transition(booking, "freeze", actor=None, note="not me", fields=["frozen_from"])
            audit_record(action="vouchers.booking_disowned", obj=booking, request=request)
            notify(
                recipients=active_officers(),
                subject="A booking was reported as not made by the participant",
                template="vouchers/email/officer_frozen.txt",
                context={"booking": booking},
            )
    return booking


def booking_dispute(
    *, booking_id: int, participant: User, note: str, request: HttpRequest | None = None
) -> Booking:
    """The participant says the provider's report is not true (e.g. they did not attend): the
    booking is frozen for an officer."""
    with transaction.atomic():
        booking = _own_booking(booking_id, participant)
        if booking.status != domain.COMPLETED:
            raise ValidationError(
                _("A booking is disputed after the provider reports it completed; before, you can cancel it.")
            )
        booking.frozen_from = booking.status
        _transition(
            booking, "freeze", actor=participant, note=note.strip() or "dispute", fields=["frozen_from"]
        )
        audit_record(action="vouchers.booking_disputed", actor=participant, obj=booking, request=request)
        notify(
            recipients=active_officers(),
            subject="A participant disputes a booking",
            template="vouchers/email/officer_frozen.txt",
            context={"booking": booking},
        )
    return booking


def booking_void(
    *, booking_id: int, officer: User, reason: str, request: HttpRequest | None = None
) -> Booking:
    """An officer ends a frozen booking: the vouchers return to the participant."""
    require_role(officer, Role.OFFICER)
    if not reason.strip():
        raise ValidationError(_("Give the reason."))
    with transaction.atomic():
        booking = _locked_booking(booking_id)
        _transition(booking, "void", actor=officer, note=reason.strip())
        _release(booking, actor=officer, free_seat=booking.frozen_from in (domain.REQUESTED, domain.ACCEPTED))
        audit_record(action="vouchers.booking_voided", actor=officer, obj=booking, request=request)
    return booking


def booking_restore(
    *, booking_id: int, officer: User, note: str = "", request: HttpRequest | None = None
) -> Booking:
    """An officer finds a frozen booking genuine and restores the state it was frozen in."""
    require_role(officer, Role.OFFICER)
    with transaction.atomic():
        booking = _locked_booking(booking_id)
        if booking.status != domain.FROZEN:
            raise ValidationError(_("Only a frozen booking can be restored."))
        status_from = booking.status
        booking.status = booking.frozen_from
        booking.frozen_from = ""
        booking.save(update_fields=["status", "frozen_from", "updated_at"])
        _event(booking, status_from, officer, note)
        audit_record(action="vouchers.booking_restored", actor=officer, obj=booking, request=request)
    return booking


# --- delivery ---------------------------------------------------------------------------------


def attendance_record(
    *,
    booking_id: int,
    actor: User,
    present: Mapping[int, bool],
    on: date | None = None,
    request: HttpRequest | None = None,
) -> list[Attendance]:
    """The provider records who was present at which session (sessions that have taken place, of
    the booked service). Recording a session again corrects it."""
    day = on or today()
    with transaction.atomic():
        booking = _provider_booking(booking_id, actor)
        if booking.status != domain.ACCEPTED:
            raise ValidationError(
                _("Attendance is recorded for accepted bookings before completion is reported.")
            )
        sessions = {
            s.pk: s for s in ServiceSession.objects.filter(card_id=booking.card_id, pk__in=list(present))
        }
        if set(present) - set(sessions):
            raise ValidationError(_("A session does not belong to this service."))
        if any(sessions[pk].date > day for pk in present):
            raise ValidationError(_("Attendance can only be recorded for sessions that have taken place."))
        rows = []
        for session_id, was_present in present.items():
            row, _created = Attendance.objects.update_or_create(
                booking=booking,
                session_id=session_id,
                defaults={"present": bool(was_present), "recorded_by": actor, "recorded_at": timezone.now()},
            )
            rows.append(row)
        audit_record(
            action="vouchers.attendance_recorded",
            actor=actor,
            obj=booking,
            request=request,
            details={"sessions": sorted(present)},
        )
    return rows


def booking_report(
    *,
    booking_id: int,
    actor: User,
    result: str,
    note: str = "",
    certificate_number: str = "",
    on: date | None = None,
    request: HttpRequest | None = None,
) -> Booking:
    """The provider reports the result after the service ends, by the report deadline: completed
    (attendance recorded for every session first), not completed or did not attend (the vouchers
    return to the participant)."""
    day = on or today()
    if result not in domain.RESULT_TRANSITIONS:
        raise ValidationError(_("Choose the result."))
    with transaction.atomic():
        booking = _provider_booking(booking_id, actor)
        if day < booking.card.starts_on:
            raise ValidationError(_("The result can be reported once the service has started."))
        if day > booking.report_by:
            raise ValidationError(_("The deadline to report this booking has passed."))
        if result == domain.COMPLETED:
            sessions = ServiceSession.objects.filter(card_id=booking.card_id).count()
            recorded = Attendance.objects.filter(booking=booking).count()
            if recorded < sessions:
                raise ValidationError(
                    _("Record the attendance of every session before reporting completion.")
                )
        booking.result_note = note.strip()[:300]
        booking.certificate_number = certificate_number.strip()[:120]
        booking.reported_at = timezone.now()
        _transition(
            booking,
            domain.RESULT_TRANSITIONS[result],
            actor=actor,
            note=note.strip(),
            fields=["result_note", "certificate_number", "reported_at"],
        )
        if result != domain.COMPLETED:
            _release(booking, actor=actor, free_seat=False)
        audit_record(
            action="vouchers.booking_reported",
            actor=actor,
            obj=booking,
            request=request,
            details={"result": result},
        )
        notify(
            recipients=[booking.participant],
            subject="Confirm your attendance and rate the service",
            template="vouchers/email/reported.txt",
            context={"booking": booking},
        )
    return booking


def attendance_confirm(*, booking_id: int, participant: User, request: HttpRequest | None = None) -> Booking:
    """The participant confirms, with their own login, the attendance the provider reported."""
    with transaction.atomic():
        booking = _own_booking(booking_id, participant)
        if booking.status != domain.COMPLETED:
            raise ValidationError(_("Attendance is confirmed once the provider has reported completion."))
        if booking.confirmed_at is None:
            booking.confirmed_at = timezone.now()
            booking.save(update_fields=["confirmed_at", "updated_at"])
            _event(booking, booking.status, participant, "attendance confirmed")
            audit_record(
                action="vouchers.attendance_confirmed", actor=participant, obj=booking, request=request
            )
    return booking


def booking_mark_evaluated(*, booking: Booking) -> None:
    """Called by the evaluations context inside its transaction, with the booking locked."""
    booking.evaluated_at = timezone.now()
    booking.save(update_fields=["evaluated_at", "updated_at"])


def lock_booking_for_participant(*, booking_id: int, participant: User) -> Booking:
    """The participant's own booking, locked (for the evaluations context)."""
    return _own_booking(booking_id, participant)


def deadlines_process(*, on: date | None = None) -> dict[str, int]:
    """Lapse bookings the provider did not answer in time and mark as not delivered those whose
    result was not reported in time; both release the vouchers. Safe to run again: a booking
    moves once."""
    day = on or today()
    counts = {"lapsed": 0, "not_delivered": 0}
    for booking_id in Booking.objects.filter(status=domain.REQUESTED, answer_by__lt=day).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            booking = _locked_booking(booking_id)
            if booking.status == domain.REQUESTED and booking.answer_by < day:
                _transition(booking, "lapse", actor=None, note="no answer in time")
                _release(booking, actor=None, free_seat=True)
                notify(
                    recipients=[booking.participant],
                    subject="Your booking was cancelled: the provider did not answer in time",
                    template="vouchers/email/status.txt",
                    context={"booking": booking},
                )
                counts["lapsed"] += 1
    for booking_id in Booking.objects.filter(status=domain.ACCEPTED, report_by__lt=day).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            booking = _locked_booking(booking_id)
            if booking.status == domain.ACCEPTED and booking.report_by < day:
                _transition(booking, "not_deliver", actor=None, note="no report in time")
                _release(booking, actor=None, free_seat=False)
                counts["not_delivered"] += 1
    return counts


# --- settlement -------------------------------------------------------------------------------


def frozen_provider_ids() -> set[int]:
    return set(PayoutFreeze.objects.filter(lifted_at__isnull=True).values_list("provider_id", flat=True))


def held_provider_ids(*, day: date) -> set[int]:
    return set(Provider.objects.filter(payout_hold_until__gte=day).values_list("pk", flat=True))


@dataclass(frozen=True)
class SettlementResult:
    settled: int
    amount: int
    providers: int
    skipped: dict[str, int]


# Bookings selected or updated by id at a time: under SQLite's limit of bound parameters.
CHUNK = 5000


def settlement_run(
    *,
    programme_id: int,
    actor: User,
    idempotency_key: str,
    booking_ids: Iterable[int] | None = None,
    on: date | None = None,
    request: HttpRequest | None = None,
) -> SettlementResult:
    """Settle what may be settled, here and now (commands, tests, the benchmark): the run's record
    (``settlement_run_start``) and its providers one after another (``settlement_run_finish``).
    The operator's page and the API run the second half as a background task instead."""
    run = settlement_run_start(
        programme_id=programme_id, actor=actor, idempotency_key=idempotency_key, request=request
    )
    return settlement_result(settlement_run_finish(run_id=run.pk, booking_ids=booking_ids, on=on))


def settlement_result(run: SettlementRun) -> SettlementResult:
    return SettlementResult(
        settled=run.settled, amount=run.amount, providers=run.providers, skipped=dict(run.skipped)
    )


def settlement_run_start(
    *, programme_id: int, actor: User, idempotency_key: str, request: HttpRequest | None = None
) -> SettlementRun:
    """The run's record under its key, "running" and empty, in one short transaction; the same key
    again returns the same run (finished, or to be finished by ``settlement_run_finish``)."""
    require_role(actor, *OPERATOR_ROLES)
    _key_required(idempotency_key)
    with transaction.atomic():
        _lock_programme(programme_id)
        run = SettlementRun.objects.filter(idempotency_key=idempotency_key).first()
        if run is not None:
            if run.programme_id != programme_id:
                raise ValidationError(_("This request key was already used for another operation."))
            return run
        run = SettlementRun.objects.create(
            programme_id=programme_id, idempotency_key=idempotency_key, run_by=actor
        )
        audit_record(
            action="vouchers.settlement_started",
            actor=actor,
            obj=run,
            request=request,
            details={"programme": programme_id},
        )
    return run


def settlement_run_begin(
    *, programme_id: int, actor: User, idempotency_key: str, request: HttpRequest | None = None
) -> SettlementRun:
    """The run's record now, and its settlement as a background task once the record is committed
    (the operator's page and the API). The same key again returns the same run and, if it is not
    finished (still running, or its worker died), enqueues it again: finishing is idempotent, so
    a second worker on the same run settles nothing twice."""
    from .tasks import settle  # here: the task module imports this one

    with transaction.atomic():
        run = settlement_run_start(
            programme_id=programme_id, actor=actor, idempotency_key=idempotency_key, request=request
        )
        if not run.finished:
            run_id = run.pk
            transaction.on_commit(lambda: settle.enqueue(run_id=run_id))
    return run


def settlement_run_finish(
    *, run_id: int, booking_ids: Iterable[int] | None = None, on: date | None = None
) -> SettlementRun:
    """Settle the run's programme provider by provider, in short transactions that each hold whole
    providers and at most about KIERUNEK_SETTLEMENT_BOOKINGS_PER_TRANSACTION bookings (a larger
    provider alone), so a run over 100 000 bookings never holds the database for long.

    What may be settled: completed bookings that the participant confirmed and evaluated, of
    providers whose payouts are neither frozen nor on hold; each provider's become its receivable
    (a posting per booking). Why this stays all-or-nothing in effect: each provider's settlement
    is complete and balanced on its own (one ledger transaction under ``{key}:{provider}``, its
    bookings marked settled and the run's counters grown in that same database transaction), so a
    provider is either settled entirely or not at all; a run that stops half-way (a worker that
    died) leaves some providers settled and the others untouched, and its retry with the same key
    settles the rest and counts each provider once. Two runs with different keys never settle a
    booking twice: each database transaction takes the programme's lock (PostgreSQL: its row;
    SQLite: BEGIN IMMEDIATE) and re-selects, locked, the bookings still completed."""
    day = on or today()
    run = SettlementRun.objects.get(pk=run_id)
    if run.finished:
        return run
    ids = None if booking_ids is None else list(booking_ids)
    excluded = frozen_provider_ids() | held_provider_ids(day=day)
    # One read, outside any transaction, of what each provider may have settled; each provider's
    # transaction re-selects its bookings by id (cheap), locked and still settleable.
    by_provider: dict[int, list[int]] = defaultdict(list)
    chosen = _settleable(run.programme_id, ids).exclude(provider_id__in=excluded).order_by("pk")
    for pk, provider_id in chosen.values_list("pk", "provider_id").iterator(chunk_size=CHUNK):
        by_provider[provider_id].append(pk)
    SettlementRun.objects.filter(pk=run.pk).update(providers_total=F("providers_done") + len(by_provider))
    for group in _provider_groups(by_provider, settings.KIERUNEK_SETTLEMENT_BOOKINGS_PER_TRANSACTION):
        with transaction.atomic():
            _lock_programme(run.programme_id)
            for provider_id, provider_booking_ids in group:
                _settlement_run_provider(
                    run, provider_id=provider_id, booking_ids=provider_booking_ids, day=day
                )
    with transaction.atomic():
        run = SettlementRun.objects.select_for_update().get(pk=run.pk)
        if not run.finished:
            run.skipped = _settlement_skipped(run.programme_id, ids, day=day)
            run.status = SettlementRunStatus.DONE
            run.finished_at = timezone.now()
            run.save(update_fields=["skipped", "status", "finished_at"])
            audit_record(
                action="vouchers.settlement_finished",
                actor=run.run_by,
                obj=run,
                details={"programme": run.programme_id, "settled": run.settled, "grosze": run.amount},
            )
    return run


def _provider_groups(
    by_provider: dict[int, list[int]], bookings_per_transaction: int
) -> list[list[tuple[int, list[int]]]]:
    """Providers in order, gathered so that one transaction holds at least one whole provider and
    at most about ``bookings_per_transaction`` bookings: short transactions without paying a
    commit for each of hundreds of small providers. A provider is never split."""
    groups: list[list[tuple[int, list[int]]]] = []
    size = 0
    for provider_id, ids in sorted(by_provider.items()):
        if not groups or size + len(ids) > bookings_per_transaction:
            groups.append([])
            size = 0
        groups[-1].append((provider_id, ids))
        size += len(ids)
    return groups


def _settleable(programme_id: int, booking_ids: list[int] | None) -> QuerySet[Booking]:
    bookings = Booking.objects.filter(
        voucher_account__programme_id=programme_id,
        status=domain.COMPLETED,
        confirmed_at__isnull=False,
        evaluated_at__isnull=False,
    )
    return bookings if booking_ids is None else bookings.filter(pk__in=booking_ids)


def _settlement_run_provider(
    run: SettlementRun, *, provider_id: int, booking_ids: list[int], day: date
) -> None:
    """One provider's settlement inside its group's transaction (which holds the programme's lock):
    its posting, its bookings settled and the run's counters, all or nothing."""
    key = f"{run.idempotency_key}:{provider_id}"
    with transaction.atomic():
        progress: dict[str, Combinable] = {"providers_done": F("providers_done") + 1}
        blocked = (
            PayoutFreeze.objects.filter(provider_id=provider_id, lifted_at__isnull=True).exists()
            or Provider.objects.filter(pk=provider_id, payout_hold_until__gte=day).exists()
        )
        # A posting under this key: an earlier attempt of this run settled the provider (and
        # counted it); bookings completed since then wait for the next run.
        if not blocked and ledger.existing(key) is None:
            # Locked (PostgreSQL; SQLite holds the write lock already) and re-selected under the
            # programme's lock: a booking another run settled meanwhile is no longer here.
            items: list[tuple[int, int, int]] = []
            for start in range(0, len(booking_ids), CHUNK):
                items += (
                    _settleable(run.programme_id, booking_ids[start : start + CHUNK])
                    .filter(provider_id=provider_id)
                    .select_for_update(of=("self",))
                    .order_by("pk")
                    .values_list("pk", "amount", "voucher_account__reserved_id")
                )
            if items:
                amount = _settlement_post(run, provider_id=provider_id, key=key, items=items)
                progress |= {
                    "settled": F("settled") + len(items),
                    "amount": F("amount") + amount,
                    "providers": F("providers") + 1,
                }
        SettlementRun.objects.filter(pk=run.pk).update(**progress)


def _settlement_post(
    run: SettlementRun, *, provider_id: int, key: str, items: list[tuple[int, int, int]]
) -> int:
    """Post the provider's bookings to its receivable and mark them settled; return the amount."""
    receivable = ledger.receivable_account(programme_id=run.programme_id, provider_id=provider_id)
    amount = sum(a for _b, a, _r in items)
    # The reserved accounts by id: a settlement moves thousands, none needs loading.
    legs = [Leg(r, -a, b) for b, a, r in items]
    legs.append(Leg(receivable, amount))
    # Reserved accounts only decrease by their own bookings' amounts, which they hold (bookings
    # are COMPLETED, i.e. reserving): the CHECK is the backstop.
    ledger.post(
        kind=TransactionKind.SETTLE,
        programme_id=run.programme_id,
        idempotency_key=key,
        legs=legs,
        actor=run.run_by,
        check_balances=False,
        memo=f"{len(items)} bookings",
    )
    now = timezone.now()
    ids = [b for b, _a, _r in items]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        Booking.objects.filter(pk__in=chunk, status=domain.COMPLETED).update(
            status=domain.SETTLED, settled_at=now, updated_at=now
        )
        _settled_events(chunk, actor=run.run_by, at=now)
    return amount


def _settlement_skipped(programme_id: int, booking_ids: list[int] | None, *, day: date) -> dict[str, int]:
    """The completed bookings the run leaves waiting, counted by reason (a booking may count under
    more than one)."""
    frozen = frozen_provider_ids()
    held = held_provider_ids(day=day)
    waiting = Booking.objects.filter(voucher_account__programme_id=programme_id, status=domain.COMPLETED)
    if booking_ids is not None:
        waiting = waiting.filter(pk__in=booking_ids)
    skipped: dict[str, int] = defaultdict(int)
    for provider_id, confirmed_at, evaluated_at in waiting.values_list(
        "provider_id", "confirmed_at", "evaluated_at"
    ):
        for reason in domain.settleable(
            status=domain.COMPLETED,
            confirmed=confirmed_at is not None,
            evaluated=evaluated_at is not None,
            provider_frozen=provider_id in frozen,
            provider_on_hold=provider_id in held,
        ):
            skipped[reason] += 1
    return dict(skipped)


def _lock_programme(programme_id: int) -> None:
    """Settlement runs and batch builds of one programme take turns (PostgreSQL: the programme's
    row lock; SQLite: BEGIN IMMEDIATE already holds the write lock)."""
    Programme.objects.select_for_update().filter(pk=programme_id).values_list("pk", flat=True).first()


def _settled_events(booking_ids: list[int], *, actor: User, at: datetime) -> None:
    """One "completed -> settled" event per booking, written by one statement per chunk."""
    connection = transaction.get_connection()
    marks = ", ".join(["%s"] * len(booking_ids))
    sql = (
        "INSERT INTO vouchers_bookingevent (booking_id, status_from, status_to, actor_id, note, occurred_at)"  # noqa: S608 - only placeholders are joined in
        " SELECT id, %s, %s, %s, '', %s FROM vouchers_booking WHERE id IN (" + marks + ")"
    )
    params = [domain.COMPLETED, domain.SETTLED, actor.pk, connection.ops.adapt_datetimefield_value(at)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *booking_ids])


def payout_freeze(
    *, provider_id: int, officer: User, reason: str, request: HttpRequest | None = None
) -> PayoutFreeze:
    """Freeze a provider's payouts in one action: nothing of it is settled or paid until lifted."""
    require_role(officer, Role.OFFICER)
    if not reason.strip():
        raise ValidationError(_("Give the reason of the freeze."))
    with transaction.atomic():
        provider = Provider.objects.select_for_update().get(pk=provider_id)
        active = PayoutFreeze.objects.filter(provider=provider, lifted_at__isnull=True).first()
        if active is not None:
            return active
        freeze = PayoutFreeze.objects.create(provider=provider, reason=reason.strip(), frozen_by=officer)
        audit_record(action="vouchers.payout_frozen", actor=officer, obj=provider, request=request)
    return freeze


def payout_unfreeze(*, provider_id: int, officer: User, request: HttpRequest | None = None) -> None:
    require_role(officer, Role.OFFICER)
    with transaction.atomic():
        updated = PayoutFreeze.objects.filter(provider_id=provider_id, lifted_at__isnull=True).update(
            lifted_at=timezone.now(), lifted_by=officer
        )
        if updated:
            audit_record(
                action="vouchers.payout_unfrozen",
                actor=officer,
                obj=Provider.objects.get(pk=provider_id),
                request=request,
            )


def _active_bank_accounts(provider_ids: Iterable[int]) -> dict[int, BankAccount]:
    accounts = BankAccount.objects.filter(
        provider_id__in=list(provider_ids), status=BankAccountStatus.ACTIVE
    ).order_by("provider_id", "-decided_at")
    chosen: dict[int, BankAccount] = {}
    for account in accounts:
        chosen.setdefault(account.provider_id, account)
    return chosen


def batch_build(
    *,
    programme_id: int,
    actor: User,
    idempotency_key: str,
    execution_date: date | None = None,
    on: date | None = None,
    request: HttpRequest | None = None,
) -> PaymentBatch | None:
    """Build a payment batch of every provider's positive receivable (providers not frozen, not on
    hold, with an approved bank account). The amounts move to ``in_payment`` so the same money is
    never in two batches. None when nothing is due."""
    require_role(actor, *OPERATOR_ROLES)
    _key_required(idempotency_key)
    day = on or today()
    if execution_date is not None and execution_date < day:
        raise ValidationError({"execution_date": _("The execution date cannot be in the past.")})
    with transaction.atomic():
        _lock_programme(programme_id)
        done = ledger.existing(idempotency_key)
        if done is not None:
            if done.kind != TransactionKind.BATCH:
                raise ValidationError(_("This request key was already used for another operation."))
            return done.batch
        excluded = frozen_provider_ids() | held_provider_ids(day=day)
        receivables = list(
            LedgerAccount.objects.select_for_update()
            .filter(programme_id=programme_id, kind=AccountKind.RECEIVABLE, balance__gt=0)
            .exclude(provider_id__in=excluded)
            .order_by("pk")
        )
        banks = _active_bank_accounts(a.provider_id for a in receivables if a.provider_id)
        receivables = [a for a in receivables if a.provider_id in banks]
        if not receivables:
            return None
        total = sum(a.balance for a in receivables)
        count = PaymentBatch.objects.filter(built_at__date=day).count() + 1
        reference = f"KRN-{day:%Y%m%d}-{count:03d}-{secrets.token_hex(3).upper()}"
        batch = PaymentBatch.objects.create(
            programme_id=programme_id,
            reference=reference,
            total=total,
            execution_date=execution_date or day + timedelta(days=1),
            built_by=actor,
        )
        lines = []
        for number, account in enumerate(receivables, start=1):
            bank = banks[account.provider_id]  # type: ignore[index]
            lines.append(
                PaymentLine(
                    batch=batch,
                    provider_id=bank.provider_id,
                    bank_account=bank,
                    creditor_name=bank.holder_name,
                    iban=bank.iban.replace(" ", "").upper(),
                    amount=account.balance,
                    end_to_end_id=f"{reference}-{number}"[:35],
                )
            )
        PaymentLine.objects.bulk_create(lines, batch_size=2000)
        in_payment = ledger.programme_account(programme_id=programme_id, kind=AccountKind.IN_PAYMENT)
        ledger.post(
            kind=TransactionKind.BATCH,
            programme_id=programme_id,
            idempotency_key=idempotency_key,
            legs=[*(Leg(a, -a.balance) for a in receivables), Leg(in_payment, total)],
            batch=batch,
            actor=actor,
            memo=reference,
        )
        audit_record(
            action="vouchers.batch_built", actor=actor, obj=batch, request=request, details={"grosze": total}
        )
    return batch


def _refuse_frozen_lines(batch: PaymentBatch) -> None:
    """A freeze stops money already in a batch too: a batch with a line of a provider frozen since
    it was built is not approved or sent; cancelling it returns the amounts to the receivables and
    a new batch leaves the frozen provider out."""
    frozen = frozen_provider_ids() & set(batch.lines.values_list("provider_id", flat=True))
    if frozen:
        names = ", ".join(sorted(Provider.objects.filter(pk__in=frozen).values_list("legal_name", flat=True)))
        raise ValidationError(
            _(
                "Payouts to %(names)s were frozen after this batch was built: cancel the batch and"
                " build a new one."
            )
            % {"names": names}
        )


def batch_file_check(*, batch: PaymentBatch) -> None:
    """The bank file is given out once a second person approved the batch, and, until it is sent,
    only while none of its providers is frozen."""
    if batch.status not in (BatchStatus.APPROVED, BatchStatus.SENT, BatchStatus.PAID):
        raise ValidationError(
            _("The bank file can be downloaded once a second person has approved the batch.")
        )
    if batch.status == BatchStatus.APPROVED:
        _refuse_frozen_lines(batch)


def batch_approve(*, batch_id: int, actor: User, request: HttpRequest | None = None) -> PaymentBatch:
    """A second person approves a built batch: not its builder, and not the officer who approved
    any of its providers (segregation of duties)."""
    require_role(actor, Role.FINANCIAL_OPERATOR, Role.OFFICER)
    with transaction.atomic():
        batch = PaymentBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status != BatchStatus.DRAFT:
            raise ValidationError(_("Only a batch waiting for approval can be approved."))
        if batch.built_by_id == actor.pk:
            raise PermissionDenied(_("The person who built a batch cannot approve it."))
        approved_providers = Provider.objects.filter(
            pk__in=batch.lines.values("provider_id"), decided_by=actor
        )
        if approved_providers.exists():
            raise PermissionDenied(
                _("You approved a provider in this batch, so you cannot approve its settlement.")
            )
        _refuse_frozen_lines(batch)
        batch.status = BatchStatus.APPROVED
        batch.approved_by = actor
        batch.approved_at = timezone.now()
        batch.save(update_fields=["status", "approved_by", "approved_at"])
        audit_record(action="vouchers.batch_approved", actor=actor, obj=batch, request=request)
    return batch


def batch_cancel(*, batch_id: int, actor: User, request: HttpRequest | None = None) -> PaymentBatch:
    """Cancel a batch not yet sent: the amounts return to the providers' receivables."""
    require_role(actor, *OPERATOR_ROLES)
    with transaction.atomic():
        batch = PaymentBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status not in (BatchStatus.DRAFT, BatchStatus.APPROVED):
            raise ValidationError(_("A batch sent to the bank cannot be cancelled."))
        in_payment = ledger.programme_account(programme_id=batch.programme_id, kind=AccountKind.IN_PAYMENT)
        # The lines were taken from these receivables when the batch was built: one query.
        receivables = dict(
            LedgerAccount.objects.filter(
                programme_id=batch.programme_id,
                kind=AccountKind.RECEIVABLE,
                provider_id__in=batch.lines.values("provider_id"),
            ).values_list("provider_id", "pk")
        )
        legs = [Leg(in_payment, -batch.total)]
        legs += [
            Leg(receivables[provider_id], amount)
            for provider_id, amount in batch.lines.values_list("provider_id", "amount")
        ]
        ledger.post(
            kind=TransactionKind.BATCH_CANCEL,
            programme_id=batch.programme_id,
            idempotency_key=f"batch-cancel:{batch.pk}",
            legs=legs,
            batch=batch,
            actor=actor,
            memo=batch.reference,
        )
        batch.status = BatchStatus.CANCELLED
        batch.cancelled_at = timezone.now()
        batch.save(update_fields=["status", "cancelled_at"])
        audit_record(action="vouchers.batch_cancelled", actor=actor, obj=batch, request=request)
    return batch


def batch_mark_sent(*, batch_id: int, actor: User, request: HttpRequest | None = None) -> PaymentBatch:
    require_role(actor, *OPERATOR_ROLES)
    with transaction.atomic():
        batch = PaymentBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status == BatchStatus.SENT:
            return batch
        if batch.status != BatchStatus.APPROVED:
            raise ValidationError(_("A batch is sent to the bank after it is approved."))
        _refuse_frozen_lines(batch)
        batch.status = BatchStatus.SENT
        batch.sent_at = timezone.now()
        batch.save(update_fields=["status", "sent_at"])
        audit_record(action="vouchers.batch_sent", actor=actor, obj=batch, request=request)
    return batch


def batch_mark_paid(*, batch_id: int, actor: User, request: HttpRequest | None = None) -> PaymentBatch:
    """The bank confirmed the transfers: the batch's total moves from ``in_payment`` to paid out."""
    require_role(actor, *OPERATOR_ROLES)
    with transaction.atomic():
        batch = PaymentBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status == BatchStatus.PAID:
            return batch
        if batch.status != BatchStatus.SENT:
            raise ValidationError(_("A batch is marked paid after it was sent to the bank."))
        in_payment = ledger.programme_account(programme_id=batch.programme_id, kind=AccountKind.IN_PAYMENT)
        paid_out = ledger.programme_account(programme_id=batch.programme_id, kind=AccountKind.PAID_OUT)
        ledger.post(
            kind=TransactionKind.PAY,
            programme_id=batch.programme_id,
            idempotency_key=f"batch-paid:{batch.pk}",
            legs=[Leg(in_payment, -batch.total), Leg(paid_out, batch.total)],
            batch=batch,
            actor=actor,
            memo=batch.reference,
        )
        batch.status = BatchStatus.PAID
        batch.paid_at = timezone.now()
        batch.save(update_fields=["status", "paid_at"])
        audit_record(action="vouchers.batch_paid", actor=actor, obj=batch, request=request)
    return batch


def booking_clawback(
    *, booking_id: int, officer: User, reason: str, idempotency_key: str, request: HttpRequest | None = None
) -> Booking:
    """Reverse a settled booking (e.g. training not delivered): its amount leaves the provider's
    receivable (which goes below zero if it was already paid: the provider owes it, netted against
    the next payout) and returns to the programme budget. The reason is recorded."""
    require_role(officer, Role.OFFICER)
    _key_required(idempotency_key)
    if not reason.strip():
        raise ValidationError(_("Give the reason of the clawback."))
    with transaction.atomic():
        booking = _locked_booking(booking_id)
        done = ledger.existing(idempotency_key)
        if done is not None:
            if done.kind == TransactionKind.CLAWBACK and done.booking_id == booking.pk:
                return booking  # a retry
            raise ValidationError(_("This request key was already used for another operation."))
        settle = (
            booking.postings.filter(transaction__kind=TransactionKind.SETTLE)
            .select_related("transaction")
            .first()
        )
        _transition(booking, "clawback", actor=officer, note=reason.strip())
        programme_id = booking.voucher_account.programme_id
        receivable = ledger.receivable_account(programme_id=programme_id, provider_id=booking.provider_id)
        budget = ledger.programme_account(programme_id=programme_id, kind=AccountKind.BUDGET)
        ledger.post(
            kind=TransactionKind.CLAWBACK,
            programme_id=programme_id,
            idempotency_key=idempotency_key,
            legs=[Leg(receivable, -booking.amount, booking.pk), Leg(budget, booking.amount, booking.pk)],
            voucher_account=booking.voucher_account,
            booking=booking,
            reverses=settle.transaction if settle else None,
            actor=officer,
            memo=reason.strip()[:300],
        )
        audit_record(
            action="vouchers.booking_clawed_back",
            actor=officer,
            obj=booking,
            request=request,
            details={"reason": reason.strip()},
        )
        notify(
            recipients=provider_staff_users(provider=booking.provider),
            subject="A settled booking was clawed back",
            template="vouchers/email/provider_status.txt",
            context={"booking": booking, "reason": reason.strip()},
        )
    return booking


# --- expiry -----------------------------------------------------------------------------------


def vouchers_expire(*, on: date | None = None) -> dict[str, int]:
    """Return unused vouchers past their use-by date to the programme budget. Idempotent: an
    account whose balance is zero is left alone, and a second run finds every expired balance
    zero. Reserved vouchers stay with their bookings (a reservation released later is returned by
    the next run)."""
    day = on or today()
    counts = {"accounts": 0, "grosze": 0}
    candidates = VoucherAccount.objects.filter(expires_on__lt=day, account__balance__gt=0).values_list(
        "pk", flat=True
    )
    for voucher_account_id in candidates:
        with transaction.atomic():
            voucher_account = _lock_voucher_account(voucher_account_id)
            amount = voucher_account.account.balance
            if amount <= 0 or voucher_account.expires_on >= day:
                continue
            budget = ledger.programme_account(
                programme_id=voucher_account.programme_id, kind=AccountKind.BUDGET
            )
            runs = voucher_account.transactions.filter(kind=TransactionKind.EXPIRE).count()
            ledger.post(
                kind=TransactionKind.EXPIRE,
                programme_id=voucher_account.programme_id,
                idempotency_key=f"expire:{voucher_account.pk}:{runs + 1}",
                legs=[Leg(voucher_account.account, -amount), Leg(budget, amount)],
                voucher_account=voucher_account,
                memo=f"Use-by {voucher_account.expires_on:%Y-%m-%d}",
            )
            if voucher_account.expired_at is None:
                VoucherAccount.objects.filter(pk=voucher_account.pk).update(expired_at=timezone.now())
            counts["accounts"] += 1
            counts["grosze"] += amount
    return counts
