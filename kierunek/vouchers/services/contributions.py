"""The participant's own contribution (wkład własny, decision 0011): set when the package is
ordered, from the programme's ``contribution`` rule in force that day; paid to the operator's
contribution account under the order's transfer title; recorded by the operator or by the bank
statement's matching (:func:`contribution_match`); unpaid by its deadline, the order lapses
(:func:`contributions_lapse`, daily). The vouchers are issued only once it is paid or none is due
(``orders.order_issue``), and the money then funds part of the package.

Ledger (double entry, per programme): received, ``payers → contrib_held``; paid back,
``contrib_held → payers``; at issue, ``contrib_held → vouchers`` next to ``budget → vouchers``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import ParticipantProfile, User
from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.programmes import selectors as programme_selectors
from kierunek.programmes.contribution_rules import (
    contribution_amount,
    contribution_rules_from,
    exempt_group_of,
)
from kierunek.programmes.models import Application, Package, RuleVersion

from .. import domain, ledger
from ..audit_actions import VOUCHERS_CONTRIBUTION_CREATED
from ..ledger import Leg
from ..models import (
    ENDED_ORDERS,
    AccountKind,
    Contribution,
    ContributionStatus,
    ExemptReason,
    OrderStatus,
    TransactionKind,
    VoucherOrder,
)
from ..statement_matchers import CREDIT, EntryFacts, NotMatched, statement_matcher_register
from ..workflows import CONTRIBUTION, ORDER
from .base import OPERATOR_ROLES, today
from .calendar import POLISH_HOLIDAYS

C = ContributionStatus
# A payment may be recorded while the contribution waits for it, or after the order ended (the
# money is then held until it is paid back).
PAYABLE = {C.DUE: "pay", C.LAPSED: "pay_late", C.CANCELLED: "pay_late"}


@dataclass(frozen=True)
class ContributionQuote:
    """What ordering ``package`` on ``day`` would ask of the participant: ``amount`` grosze by
    ``due_on`` to ``account_iban``, or nothing for ``exempt_reason``."""

    package_value: int
    share_bp: int
    amount: int
    exempt_reason: str
    due_on: date | None
    account_iban: str
    account_holder: str
    rule_version: RuleVersion | None

    @property
    def exempt_label(self) -> str:
        return str(ExemptReason(self.exempt_reason).label) if self.exempt_reason else ""


def contribution_quote(*, participant: User, package: Package, day: date) -> ContributionQuote:
    """The contribution the rule in force on ``day`` asks for ``package`` of ``participant``.
    Raises ``RuleNotInForce`` when no voucher unit is in force (nothing can be ordered then)."""
    programme = package.programme
    value = package.vouchers * programme_selectors.voucher_unit_on(programme=programme, day=day)
    found = programme_selectors.contribution_rules_on(programme=programme, day=day)

    def nothing(reason: str, version: RuleVersion | None = None, share_bp: int = 0) -> ContributionQuote:
        return ContributionQuote(value, share_bp, 0, reason, None, "", "", version)

    if found is None:
        return nothing(ExemptReason.NO_RULE)
    version, rules = found
    if not rules.applies_to(package.kind):
        return nothing(ExemptReason.PACKAGE, version)
    profile = ParticipantProfile.objects.filter(user=participant).first()
    application = Application.objects.filter(participant=participant, programme=programme).first()
    group = exempt_group_of(
        rules=rules,
        birth_date=profile.birth_date if profile else None,
        education_level=application.education_level if application else None,
        on=day,
    )
    if group is not None:
        return nothing(ExemptReason.GROUP, version, rules.share_bp)
    amount = contribution_amount(package_value=value, share_bp=rules.share_bp, rounding=rules.rounding)
    if amount == 0:
        return nothing(ExemptReason.ZERO, version, rules.share_bp)
    due_on = domain.contribution_due_on(
        ordered_on=day, working_days=rules.due_working_days, holidays=POLISH_HOLIDAYS
    )
    return ContributionQuote(
        value, rules.share_bp, amount, "", due_on, rules.account_iban, rules.account_holder, version
    )


def contribution_open(*, actor: Actor, order: VoucherOrder, day: date) -> Contribution:
    """The order's contribution, as quoted on the day of the order; inside ``order_create``'s
    transaction (no actor check of its own: the order's)."""
    try:
        quote = contribution_quote(participant=order.participant, package=order.package, day=day)
    except programme_selectors.RuleNotInForce as error:
        raise ValidationError(_("No voucher value is in force today: orders cannot be taken.")) from error
    contribution = Contribution.objects.create(
        order=order,
        participant_id=order.participant_id,
        programme_id=order.programme_id,
        rule_version=quote.rule_version,
        status=C.EXEMPT if quote.exempt_reason else C.DUE,
        package_value=quote.package_value,
        share_bp=quote.share_bp,
        amount=quote.amount,
        exempt_reason=quote.exempt_reason,
        due_on=quote.due_on,
        transfer_title="" if quote.exempt_reason else domain.transfer_title(year=day.year, number=order.pk),
        account_iban=quote.account_iban,
        account_holder=quote.account_holder,
    )
    audit_record(
        action=VOUCHERS_CONTRIBUTION_CREATED,
        actor=actor,
        obj=contribution,
        details={
            "grosze": quote.amount,
            "exempt_reason": quote.exempt_reason,
            "due_on": quote.due_on.isoformat() if quote.due_on else None,
            "rule_version": quote.rule_version.pk if quote.rule_version else None,
        },
    )
    return contribution


def contribution_payment_record(
    *, actor: Actor, contribution: Contribution | int, amount: int, booked_on: date, bank_reference: str
) -> Contribution:
    """Record the bank entry ``bank_reference`` (booked on ``booked_on``) as the payment of
    ``contribution``: the operator's "received" (``actor`` the operator) or the statement's
    matching (``actor`` the system). The amount must be exactly the one due: another amount is for a
    person to resolve. Recording the same entry again returns the contribution and changes nothing;
    an entry that already paid another contribution is refused."""
    if actor.user is not None:
        require_role(actor.user, *OPERATOR_ROLES)
    reference = bank_reference.strip()
    if not reference or len(reference) > 100:
        raise ValidationError(_("Give the bank's reference of the payment (at most 100 characters)."))
    contribution_id = contribution if isinstance(contribution, int) else contribution.pk
    with transaction.atomic():
        locked = (
            Contribution.objects.select_for_update(of=("self",))
            .select_related("order")
            .get(pk=contribution_id)
        )
        earlier = Contribution.objects.filter(bank_reference=reference).first()
        if earlier is not None:
            if earlier.pk == locked.pk:
                return locked
            raise ValidationError(_("This bank entry has already paid another contribution."))
        transition = PAYABLE.get(C(locked.status))
        if transition is None:
            raise ValidationError(
                _("This contribution is %(status)s: no payment can be recorded.")
                % {"status": C(locked.status).label}
            )
        if amount != locked.amount:
            raise ValidationError(
                _("The amount received differs from the %(due)s due: resolve it with the payer.")
                % {"due": locked.amount_money}
            )
        if booked_on > today():
            raise ValidationError(_("A payment cannot be booked in the future."))
        programme_id = locked.programme_id
        ledger.post(
            kind=TransactionKind.CONTRIBUTION,
            programme_id=programme_id,
            idempotency_key=f"contribution:{locked.pk}",
            legs=[
                Leg(ledger.programme_account(programme_id=programme_id, kind=AccountKind.PAYERS), -amount),
                Leg(
                    ledger.programme_account(programme_id=programme_id, kind=AccountKind.CONTRIB_HELD), amount
                ),
            ],
            actor=actor.user,
            memo=f"{locked.transfer_title} {reference}"[:300],
        )
        locked.paid_amount, locked.paid_on, locked.bank_reference = amount, booked_on, reference
        locked.recorded_by = actor.user
        try:
            with transaction.atomic():
                CONTRIBUTION.apply(
                    locked,
                    transition,
                    actor=actor,
                    fields=["paid_amount", "paid_on", "bank_reference", "recorded_by"],
                    details={
                        "grosze": amount,
                        "booked_on": booked_on.isoformat(),
                        "bank_reference": reference,
                    },
                )
        except IntegrityError as error:  # the same entry recorded for another one meanwhile
            raise ValidationError(_("This bank entry has already paid another contribution.")) from error
    return locked


def contribution_find(*, title: str, amount: int) -> tuple[Contribution | None, str]:
    """The contribution a bank entry (its title and amount in grosze) would pay, without recording
    anything: ``(contribution, "")``; or ``(None, reason)`` when the title names one but the entry
    cannot pay it (another amount, already paid by another entry, nothing to pay), for the person
    who resolves it; or ``(None, "")`` when the title names no contribution (or more than one).
    The title may carry the transfer title in any case, with or without dashes and spaces, among
    other words; its check digit must hold. For the bank statement's matcher (it then records the
    payment with :func:`contribution_payment_record` when it stores the match)."""
    titles = set(domain.transfer_titles_in(title))
    if len(titles) != 1:
        return None, ""
    (found,) = titles
    contribution = Contribution.objects.filter(transfer_title=found).first()
    if contribution is None:
        return None, ""
    if amount != contribution.amount:
        return None, _("The amount differs from the %(due)s due for %(title)s.") % {
            "due": contribution.amount_money,
            "title": found,
        }
    if C(contribution.status) not in PAYABLE:
        return None, _("Contribution %(title)s is %(status)s.") % {
            "title": found,
            "status": C(contribution.status).label,
        }
    return contribution, ""


def contribution_match(
    *, title: str, amount: int, booked_on: date, bank_reference: str
) -> Contribution | None:
    """The contribution a bank entry pays, recorded as paid (by the system); or None when the
    entry names no contribution (or more than one), or cannot pay it (:func:`contribution_find`):
    a person resolves it. The same entry again returns the contribution it paid."""
    paid = (
        Contribution.objects.filter(bank_reference=bank_reference.strip()).first()
        if bank_reference.strip()
        else None
    )
    if paid is not None:
        return paid if paid.transfer_title in domain.transfer_titles_in(title) else None
    contribution, _reason = contribution_find(title=title, amount=amount)
    if contribution is None:
        return None
    return contribution_payment_record(
        actor=SYSTEM,
        contribution=contribution,
        amount=amount,
        booked_on=booked_on,
        bank_reference=bank_reference,
    )


def contribution_refund(*, actor: Actor, contribution_id: int) -> Contribution:
    """Record that the operator paid a received contribution back, where the programme's rule
    version says so and the order will never be issued (refused, or lapsed before the payment
    came). Refunding twice returns the contribution."""
    require_role(actor.user, *OPERATOR_ROLES)
    with transaction.atomic():
        contribution = (
            Contribution.objects.select_for_update(of=("self",))
            .select_related("order", "rule_version")
            .get(pk=contribution_id)
        )
        if contribution.status == C.REFUNDED:
            return contribution
        if contribution.status not in (C.PAID, C.PAID_LATE):
            raise ValidationError(_("Only a contribution that was received can be paid back."))
        if contribution.order.status not in ENDED_ORDERS:
            raise ValidationError(_("Only a contribution of a refused or lapsed order is paid back."))
        version = contribution.rule_version
        if version is not None and not contribution_rules_from(version.value).refund_unissued:
            raise ValidationError(_("The programme's rules do not pay this contribution back."))
        programme_id = contribution.programme_id
        ledger.post(
            kind=TransactionKind.CONTRIB_REFUND,
            programme_id=programme_id,
            idempotency_key=f"contrib_refund:{contribution.pk}",
            legs=[
                Leg(
                    ledger.programme_account(programme_id=programme_id, kind=AccountKind.CONTRIB_HELD),
                    -contribution.amount,
                ),
                Leg(
                    ledger.programme_account(programme_id=programme_id, kind=AccountKind.PAYERS),
                    contribution.amount,
                ),
            ],
            actor=actor.user,
            memo=contribution.transfer_title,
        )
        contribution.refunded_at, contribution.refunded_by = timezone.now(), actor.user
        CONTRIBUTION.apply(
            contribution,
            "refund",
            actor=actor,
            fields=["refunded_at", "refunded_by"],
            details={"grosze": contribution.amount},
        )
    return contribution


def contribution_issue_legs(*, order: VoucherOrder, value: int) -> tuple[int, list[Leg]]:
    """Inside ``order_issue``: the part of the package's ``value`` the paid contribution funds and
    its leg (``contrib_held``), or a refusal while it is not paid."""
    contribution = Contribution.objects.select_for_update().filter(order=order).first()
    if contribution is None or contribution.status not in (C.PAID, C.EXEMPT):
        raise ValidationError(
            _("The participant's own contribution has not been paid: the vouchers cannot be issued yet.")
        )
    if contribution.amount == 0:
        return 0, []
    if contribution.amount > value:
        raise ValidationError(
            _("The contribution is more than the package is worth today: refuse the order.")
        )
    held = ledger.programme_account(programme_id=order.programme_id, kind=AccountKind.CONTRIB_HELD)
    return contribution.amount, [Leg(held, -contribution.amount)]


def contribution_cancel_with_order(*, actor: Actor, order: VoucherOrder) -> None:
    """Inside ``order_refuse``: a contribution still due is not asked for any more (a received one
    waits to be paid back)."""
    contribution = Contribution.objects.select_for_update().filter(order=order).first()
    if contribution is not None and contribution.status == C.DUE:
        CONTRIBUTION.apply(contribution, "cancel", actor=actor)


def contributions_lapse(*, on: date | None = None) -> int:
    """Lapse the orders whose contribution was not paid by its deadline (the day after it), each
    in its own transaction, and tell the participant. Safe to run again."""
    day = on or today()
    lapsed = 0
    overdue = Contribution.objects.filter(status=C.DUE, due_on__lt=day).values_list("pk", flat=True)
    for contribution_id in overdue:
        with transaction.atomic():
            contribution = Contribution.objects.select_for_update().get(pk=contribution_id)
            if contribution.status != C.DUE or contribution.due_on is None or contribution.due_on >= day:
                continue
            order = VoucherOrder.objects.select_for_update().get(pk=contribution.order_id)
            CONTRIBUTION.apply(
                contribution, "lapse", actor=SYSTEM, details={"due_on": f"{contribution.due_on}"}
            )
            if order.status == OrderStatus.ORDERED:
                order.decided_at = timezone.now()
                ORDER.apply(order, "lapse", actor=SYSTEM, fields=["decided_at"], details={})
            lapsed += 1
    return lapsed


# --- the bank statement's matcher ----------------------------------------------------------------

CONTRIBUTION_MATCHER = "vouchers.contribution"


def contribution_entry_find(entry: EntryFacts) -> Contribution | NotMatched | None:
    """The statement matcher's find: the contribution an incoming entry pays, by its transfer
    title and amount; why not, when the title names one the entry cannot pay (another amount,
    already paid); None when the title names none."""
    contribution, reason = contribution_find(title=entry.title, amount=entry.amount)
    if contribution is not None:
        return contribution
    return NotMatched(reason) if reason else None


def contribution_entry_confirm(entry: EntryFacts, contribution: Contribution, actor: Actor) -> None:
    """The statement matcher's confirm, in the transaction that stores the match (or a person's
    resolution): the contribution is paid by this entry."""
    contribution_payment_record(
        actor=actor,
        contribution=contribution,
        amount=entry.amount,
        booked_on=entry.booked_on,
        bank_reference=entry.bank_reference,
    )


def contribution_matcher_register() -> None:
    """Called from ``VouchersConfig.ready()``, after the batches' matcher: incoming payments are
    tried as own contributions."""
    statement_matcher_register(
        CONTRIBUTION_MATCHER,
        CREDIT,
        contribution_entry_find,
        confirm=contribution_entry_confirm,
        describe=lambda contribution: _("own contribution %(title)s") % {"title": contribution},
    )
