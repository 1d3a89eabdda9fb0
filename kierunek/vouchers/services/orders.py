"""Voucher orders: a participant orders a package their signed development plan allows; a
financial operator issues it from the programme budget (or refuses it with a reason)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.agreements import selectors as agreement_selectors
from kierunek.agreements import services as agreement_services
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.guidance.domain import PlanStatus
from kierunek.guidance.models import DevelopmentPlan
from kierunek.programmes import selectors as programme_selectors
from kierunek.programmes.models import Package

from .. import domain, ledger
from ..audit_actions import VOUCHERS_ORDER_CREATED
from ..ledger import InsufficientFunds, Leg
from ..models import ENDED_ORDERS, AccountKind, OrderStatus, TransactionKind, VoucherAccount, VoucherOrder
from ..workflows import ORDER
from .base import OPERATOR_ROLES, _key_required, today
from .contributions import contribution_cancel_with_order, contribution_issue_legs, contribution_open

SIGNED_PLAN_STATUSES = (PlanStatus.SIGNED.value, PlanStatus.ACKNOWLEDGED.value)


def plan_packages(*, plan: DevelopmentPlan | None) -> set[str]:
    """The package kinds a signed development plan allows (those of its areas)."""
    if plan is None or plan.status not in SIGNED_PLAN_STATUSES:
        return set()
    return set(plan.areas.values_list("package_kind", flat=True))


def order_create(*, actor: Actor, package_id: int, on: date | None = None) -> VoucherOrder:
    """The participant (``actor``) orders one package their signed development plan allows, inside
    the programme's order window. One live order per package. The order's own contribution is set
    with it (``contributions.contribution_open``): the order waits for it unless none is due."""
    participant = actor.user
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
            .exclude(status__in=ENDED_ORDERS)
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
        audit_record(action=VOUCHERS_ORDER_CREATED, actor=actor, obj=order)
        # The participation agreement the order is issued under (none yet without a template).
        agreement_services.participation_agreement_prepare(
            actor=actor, programme_id=programme.pk, on=day, quiet=True
        )
        contribution_open(actor=actor, order=order, day=day)
    return order


def order_issue(
    *, order_id: int, actor: Actor, idempotency_key: str, on: date | None = None
) -> VoucherAccount:
    """Issue an ordered package from the programme budget (which cannot be overdrawn) into a new
    voucher account, at the voucher unit in force today, usable until the booking rule's use-by
    date, once its own contribution is paid (or none is due); the contribution funds its part of the
    package, the budget the rest. Issuing an order twice returns the first voucher account."""
    require_role(actor.user, *OPERATOR_ROLES)
    _key_required(idempotency_key)
    day = on or today()
    with transaction.atomic():
        order = (
            VoucherOrder.objects.select_for_update().select_related("package", "programme").get(pk=order_id)
        )
        if order.status == OrderStatus.ISSUED:
            return order.voucher_account
        if order.status != OrderStatus.ORDERED:
            raise ValidationError(_("This order has ended and cannot be issued."))
        agreement_selectors.participation_agreement_check(
            participant_id=order.participant_id, package=order.package
        )
        programme = order.programme
        unit = programme_selectors.voucher_unit_on(programme=programme, day=day)
        contributed, contribution_legs = contribution_issue_legs(
            order=order, value=order.package.vouchers * unit
        )
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
                legs=[
                    *contribution_legs,
                    *([Leg(budget, -(value - contributed))] if value > contributed else []),
                    Leg(wallet, value),
                ],
                voucher_account=voucher_account,
                actor=actor.user,
                memo=f"Order {order.pk}",
            )
        except InsufficientFunds as error:
            raise ValidationError(
                _("The programme budget has not enough money left for this package.")
            ) from error
        wallet.refresh_from_db(fields=["balance"])
        order.decided_at = timezone.now()
        order.decided_by = actor.user
        ORDER.apply(
            order, "issue", actor=actor, fields=["decided_at", "decided_by"], details={"grosze": value}
        )
    return voucher_account


def order_refuse(*, order_id: int, actor: Actor, reason: str) -> VoucherOrder:
    require_role(actor.user, *OPERATOR_ROLES)
    if not reason.strip():
        raise ValidationError(_("Give the reason of the refusal."))
    with transaction.atomic():
        order = VoucherOrder.objects.select_for_update().get(pk=order_id)
        if order.status != OrderStatus.ORDERED:
            raise ValidationError(_("Only an order waiting to be issued can be refused."))
        contribution_cancel_with_order(actor=actor, order=order)
        order.decided_at = timezone.now()
        order.decided_by = actor.user
        order.refusal_reason = reason.strip()
        ORDER.apply(
            order, "refuse", actor=actor, fields=["decided_at", "decided_by", "refusal_reason"], details={}
        )
    return order
