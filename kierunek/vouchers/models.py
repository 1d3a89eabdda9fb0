"""Where public money moves: the double-entry voucher ledger, voucher orders and accounts,
bookings with their attendance, payout freezes, and payment batches.

The ledger (``LedgerAccount``, ``LedgerTransaction``, ``Posting``) holds integer grosze. Its
invariants are kept by the database, whatever code runs against it (migration 0002):
- a transaction's postings sum to zero and there are at least two: postings are written first,
  the transaction row last, and inserting the transaction row checks the sum; a posting cannot be
  added to a transaction that exists; a posting without its transaction fails the (deferred)
  foreign key at commit;
- postings and transactions are never updated or deleted (corrections are reversing transactions);
- an account's ``balance`` is the sum of its postings, kept by a trigger, and a CHECK refuses a
  negative balance on every account that must not go below zero.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.core.money import Money

from . import domain

# --- the ledger --------------------------------------------------------------------------------


class AccountKind(models.TextChoices):
    FUNDING = "funding", _("programme funding (source)")
    BUDGET = "budget", _("programme budget")
    VOUCHERS = "vouchers", _("participant's vouchers")
    RESERVED = "reserved", _("vouchers reserved by bookings")
    RECEIVABLE = "receivable", _("owed to the provider")
    IN_PAYMENT = "in_payment", _("in a payment batch")
    PAID_OUT = "paid_out", _("paid out")
    # Own contributions: the participants' side (the source, like funding) and the money received
    # on the operator's contribution account, held until it funds the vouchers or is paid back.
    PAYERS = "payers", _("participants' own contributions (source)")
    CONTRIB_HELD = "contrib_held", _("own contributions received")


# Accounts whose balance may go below zero: the funding source (the programme's money comes from
# it), a provider's receivable (negative after a clawback of paid money: the provider owes it,
# and it is netted against the next payout) and the participants' side of own contributions.
MAY_GO_NEGATIVE = (AccountKind.FUNDING, AccountKind.RECEIVABLE, AccountKind.PAYERS)
# The programme's own accounts, one of each kind per programme.
PROGRAMME_ACCOUNTS = (
    AccountKind.FUNDING,
    AccountKind.BUDGET,
    AccountKind.IN_PAYMENT,
    AccountKind.PAID_OUT,
    AccountKind.PAYERS,
    AccountKind.CONTRIB_HELD,
)


class LedgerAccount(models.Model):
    """One account of the ledger. ``balance`` is the sum of its postings (kept by a trigger)."""

    kind = models.CharField(_("kind"), max_length=12, choices=AccountKind.choices)
    programme = models.ForeignKey("programmes.Programme", on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(
        "providers.Provider", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    may_go_negative = models.BooleanField(default=False)
    balance = models.BigIntegerField(_("balance (grosze)"), default=0)

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AccountKind.values), name="vouchers_account_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(balance__gte=0) | Q(may_go_negative=True), name="vouchers_account_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(may_go_negative=False) | Q(kind__in=[k.value for k in MAY_GO_NEGATIVE]),
                name="vouchers_account_negative_only_where_allowed",
            ),
            models.CheckConstraint(
                condition=Q(kind=AccountKind.RECEIVABLE, provider__isnull=False)
                | (~Q(kind=AccountKind.RECEIVABLE) & Q(provider__isnull=True)),
                name="vouchers_account_provider_iff_receivable",
            ),
            # One account per kind and programme for the programme's own accounts.
            models.UniqueConstraint(
                fields=["programme", "kind"],
                condition=Q(kind__in=[k.value for k in PROGRAMME_ACCOUNTS]),
                name="vouchers_one_programme_account_per_kind",
            ),
            models.UniqueConstraint(
                fields=["programme", "provider"],
                condition=Q(kind=AccountKind.RECEIVABLE),
                name="vouchers_one_receivable_per_provider",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def balance_money(self) -> Money:
        return Money(self.balance)


class TransactionKind(models.TextChoices):
    FUND = "fund", _("programme funded")
    ISSUE = "issue", _("vouchers issued")
    RESERVE = "reserve", _("vouchers reserved by a booking")
    RELEASE = "release", _("reservation released")
    SETTLE = "settle", _("booking settled")
    BATCH = "batch", _("payment batch built")
    BATCH_CANCEL = "batch_cancel", _("payment batch cancelled")
    PAY = "pay", _("paid out")
    EXPIRE = "expire", _("vouchers expired")
    CLAWBACK = "clawback", _("clawback")
    CONTRIBUTION = "contribution", _("own contribution received")
    CONTRIB_REFUND = "contrib_refund", _("own contribution paid back")


class LedgerTransaction(models.Model):
    """One balanced movement of money. Its id is chosen before its postings are written (the row
    is inserted after them, and the database checks the sum then). ``idempotency_key`` makes a
    retried operation return the first result instead of moving money twice."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=14, choices=TransactionKind.choices)
    programme = models.ForeignKey("programmes.Programme", on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.CharField(max_length=200, unique=True)
    voucher_account = models.ForeignKey(
        "VoucherAccount", null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    booking = models.ForeignKey(
        "Booking", null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    batch = models.ForeignKey(
        "PaymentBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    reverses = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversals"
    )
    memo = models.CharField(_("memo"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=TransactionKind.values), name="vouchers_transaction_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(idempotency_key=""), name="vouchers_transaction_key_set"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.idempotency_key}"


class Posting(models.Model):
    """One leg of a transaction: a signed amount in grosze on one account. Append-only."""

    transaction = models.ForeignKey(LedgerTransaction, on_delete=models.PROTECT, related_name="postings")
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="postings")
    amount = models.BigIntegerField(_("amount (grosze)"))
    booking = models.ForeignKey(
        "Booking", null=True, blank=True, on_delete=models.PROTECT, related_name="postings"
    )

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        constraints = [models.CheckConstraint(condition=~Q(amount=0), name="vouchers_posting_not_zero")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.amount:+d}"


# --- orders and voucher accounts ------------------------------------------------------------------


class OrderStatus(models.TextChoices):
    ORDERED = "ordered", _("waiting to be issued")
    ISSUED = "issued", _("issued")
    REFUSED = "refused", _("refused")
    LAPSED = "lapsed", _("lapsed: the contribution was not paid in time")


# Orders that no longer hold the package: the participant may order it again.
ENDED_ORDERS = (OrderStatus.REFUSED, OrderStatus.LAPSED)


class VoucherOrder(models.Model):
    """A participant's order of one package, allowed by their signed development plan; once its
    own contribution is paid (or none is due) the financial operator issues it (or refuses it with
    a reason); unpaid by the deadline, it lapses."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="voucher_orders"
    )
    programme = models.ForeignKey("programmes.Programme", on_delete=models.PROTECT, related_name="+")
    package = models.ForeignKey("programmes.Package", on_delete=models.PROTECT, related_name="orders")
    plan = models.ForeignKey(
        "guidance.DevelopmentPlan", on_delete=models.PROTECT, related_name="voucher_orders"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.ORDERED
    )
    ordered_at = models.DateTimeField(_("ordered"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refusal_reason = models.TextField(_("reason of the refusal"), blank=True)

    class Meta:
        verbose_name = _("voucher order")
        verbose_name_plural = _("voucher orders")
        ordering = ["-ordered_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OrderStatus.values), name="vouchers_order_status_valid"
            ),
            # One order of a package per participant, unless it was refused or lapsed.
            models.UniqueConstraint(
                fields=["participant", "package"],
                condition=~Q(status__in=[s.value for s in ENDED_ORDERS]),
                name="vouchers_one_live_order_per_package",
            ),
            models.CheckConstraint(
                condition=Q(status=OrderStatus.ORDERED)
                | Q(decided_at__isnull=False, decided_by__isnull=False)
                | Q(status=OrderStatus.LAPSED, decided_at__isnull=False),
                name="vouchers_order_decision_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status=OrderStatus.REFUSED) | ~Q(refusal_reason=""),
                name="vouchers_order_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.package} #{self.pk}"


class VoucherAccount(models.Model):
    """A participant's vouchers of one package: issued once from the programme budget, worth
    ``voucher_unit`` grosze each (the unit in force on the day of issue, kept for the life of the
    vouchers), usable until ``expires_on``. ``account`` holds the vouchers not yet used; ``reserved``
    those that bookings hold."""

    order = models.OneToOneField(VoucherOrder, on_delete=models.PROTECT, related_name="voucher_account")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="voucher_accounts"
    )
    programme = models.ForeignKey("programmes.Programme", on_delete=models.PROTECT, related_name="+")
    package = models.ForeignKey("programmes.Package", on_delete=models.PROTECT, related_name="+")
    vouchers_issued = models.PositiveIntegerField(_("vouchers issued"))
    voucher_unit = models.PositiveIntegerField(_("value of one voucher (grosze)"))
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    expires_on = models.DateField(_("use by"))
    expired_at = models.DateTimeField(_("expired"), null=True, blank=True)
    account = models.OneToOneField(LedgerAccount, on_delete=models.PROTECT, related_name="+")
    reserved = models.OneToOneField(LedgerAccount, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("voucher account")
        verbose_name_plural = _("voucher accounts")
        ordering = ["issued_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vouchers_issued__gt=0), name="vouchers_account_issued_positive"
            ),
            models.CheckConstraint(condition=Q(voucher_unit__gt=0), name="vouchers_account_unit_positive"),
            models.UniqueConstraint(
                fields=["participant", "package"], name="vouchers_one_account_per_package"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.package} ({self.participant_id})"

    @property
    def issued_value(self) -> int:
        return self.vouchers_issued * self.voucher_unit


# --- bookings ---------------------------------------------------------------------------------


class BookingStatus(models.TextChoices):
    REQUESTED = domain.REQUESTED, _("waiting for the provider")
    ACCEPTED = domain.ACCEPTED, _("accepted")
    REJECTED = domain.REJECTED, _("rejected by the provider")
    LAPSED = domain.LAPSED, _("cancelled: the provider did not answer in time")
    CANCELLED = domain.CANCELLED, _("cancelled")
    FROZEN = domain.FROZEN, _("frozen: reported as not made by the participant")
    COMPLETED = domain.COMPLETED, _("completed")
    NOT_COMPLETED = domain.NOT_COMPLETED, _("not completed")
    NO_SHOW = domain.NO_SHOW, _("the participant did not attend")
    NOT_DELIVERED = domain.NOT_DELIVERED, _("not delivered: no report in time")
    SETTLED = domain.SETTLED, _("settled")
    CLAWED_BACK = domain.CLAWED_BACK, _("clawed back")
    UNCONFIRMED = domain.UNCONFIRMED, _("not confirmed in time: waiting for an officer")


class ConfirmationOutcome(models.TextChoices):
    """How the confirmation deadline closed a completed booking (``domain.confirmation_closing``)."""

    NOT_RATED = domain.NOT_RATED, _("confirmed by the participant, not rated in time")
    DEEMED_CONFIRMED = domain.DEEMED_CONFIRMED, _("not confirmed in time: counted as confirmed, not rated")
    OFFICER_CONFIRMED = domain.OFFICER_CONFIRMED, _("not confirmed in time: confirmed by an officer")
    OFFICER_NOT_DELIVERED = (
        domain.OFFICER_NOT_DELIVERED,
        _("not confirmed in time: not delivered, says an officer"),
    )


class Booking(models.Model):
    """A participant's booking of a service for vouchers.

    ``vouchers`` x ``voucher_unit`` = ``amount`` is reserved on booking (the consumption rule in
    force on ``booked_on`` decides ``vouchers``, recorded in ``rule_version``); ``top_up`` is what
    the participant pays the provider directly. The lifecycle is the state machine in
    ``workflows.BOOKING``; every transition is a ``BookingEvent``. When completion is reported, the
    confirmation rule in force (``confirmation_rule``) sets ``confirm_by`` and ``rate_by``; after
    them ``confirmation_outcome`` says what the rule (or an officer) decided."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings"
    )
    voucher_account = models.ForeignKey(VoucherAccount, on_delete=models.PROTECT, related_name="bookings")
    card = models.ForeignKey("catalogue.ServiceCard", on_delete=models.PROTECT, related_name="bookings")
    provider = models.ForeignKey("providers.Provider", on_delete=models.PROTECT, related_name="bookings")
    status = models.CharField(
        _("status"), max_length=14, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    vouchers = models.PositiveIntegerField(_("vouchers"))
    voucher_unit = models.PositiveIntegerField(_("value of one voucher (grosze)"))
    amount = models.BigIntegerField(_("covered by vouchers (grosze)"))
    top_up = models.BigIntegerField(_("paid by the participant (grosze)"))
    rule_version = models.ForeignKey(
        "programmes.RuleVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("consumption rule applied"),
    )
    booked_on = models.DateField(_("booked on"))
    answer_by = models.DateField(_("provider answers by"))
    cancel_until = models.DateField(_("may be cancelled until"))
    report_by = models.DateField(_("provider reports completion by"))
    idempotency_key = models.CharField(max_length=200, unique=True)
    not_me_token_hash = models.CharField(max_length=64, unique=True)
    result_note = models.CharField(_("result"), max_length=300, blank=True)
    certificate_number = models.CharField(_("certificate or exam result"), max_length=120, blank=True)
    reported_at = models.DateTimeField(_("completion reported"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("attendance confirmed by the participant"), null=True, blank=True)
    evaluated_at = models.DateTimeField(_("evaluated"), null=True, blank=True)
    settled_at = models.DateTimeField(_("settled"), null=True, blank=True)
    confirm_by = models.DateField(_("participant confirms the attendance by"), null=True, blank=True)
    rate_by = models.DateField(_("participant rates the service by"), null=True, blank=True)
    confirmation_rule = models.ForeignKey(
        "programmes.RuleVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("confirmation rule applied"),
    )
    reminders_sent = models.JSONField(default=list, blank=True)  # keys of domain.confirmation_reminder
    confirmation_outcome = models.CharField(
        _("after the confirmation deadline"), max_length=22, choices=ConfirmationOutcome.choices, blank=True
    )
    confirmation_closed_at = models.DateTimeField(_("confirmation deadline closed"), null=True, blank=True)
    frozen_from = models.CharField(max_length=14, choices=BookingStatus.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["provider", "status"]),
            models.Index(fields=["status", "answer_by"]),
            models.Index(fields=["status", "report_by"]),
            models.Index(fields=["status", "confirm_by"]),
            # Each person's first booking in a state, read from the index alone (the reach of
            # outreach's steps: one reading of the bookings per step, decision 0032).
            models.Index(
                fields=["participant", "created_at", "status"], name="vouchers_booking_person_first"
            ),
            # The settled bookings of a provider by when they were settled, with what the time to
            # payment reads of them (PaidBooking's join with the paid batches, from the index alone).
            models.Index(
                fields=["provider", "settled_at", "reported_at", "participant"],
                condition=Q(status__in=list(domain.SETTLED_STATES)),
                name="vouchers_booking_settled",
            ),
            # The settled bookings by when they were settled, with what the vouchers used and the
            # money settled count of them (the person, the card and the value): those indicators
            # read this index alone, a sixth of the bookings' table (decision 0032).
            models.Index(
                fields=["settled_at", "participant", "card", "amount", "vouchers"],
                condition=Q(status__in=list(domain.SETTLED_STATES)),
                name="vouchers_booking_settled_at",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=BookingStatus.values), name="vouchers_booking_status_valid"
            ),
            models.CheckConstraint(condition=Q(vouchers__gt=0), name="vouchers_booking_vouchers_positive"),
            models.CheckConstraint(
                condition=Q(amount=F("vouchers") * F("voucher_unit")),
                name="vouchers_booking_amount_is_vouchers",
            ),
            models.CheckConstraint(condition=Q(top_up__gte=0), name="vouchers_booking_top_up_not_negative"),
            # Settled money needs delivery confirmed by the participant and an evaluation, or a
            # confirmation deadline that closed with an outcome that may be settled without them.
            models.CheckConstraint(
                condition=~Q(status__in=list(domain.SETTLED_STATES))
                | Q(settled_at__isnull=False, confirmed_at__isnull=False, evaluated_at__isnull=False)
                | Q(settled_at__isnull=False, confirmation_outcome__in=sorted(domain.SETTLEABLE_OUTCOMES)),
                name="vouchers_booking_settled_confirmed_and_evaluated",
            ),
            models.CheckConstraint(
                condition=Q(confirmation_outcome="")
                | Q(confirmation_closed_at__isnull=False, confirm_by__isnull=False),
                name="vouchers_booking_outcome_after_deadline",
            ),
            models.CheckConstraint(
                condition=~Q(confirmation_outcome=domain.NOT_RATED) | Q(confirmed_at__isnull=False),
                name="vouchers_booking_not_rated_was_confirmed",
            ),
            models.CheckConstraint(
                condition=~Q(status=domain.FROZEN) | ~Q(frozen_from=""),
                name="vouchers_booking_frozen_from_set",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.card_id}"

    @property
    def amount_money(self) -> Money:
        return Money(self.amount)

    @property
    def top_up_money(self) -> Money:
        return Money(self.top_up)


class EventNote(models.TextChoices):
    """The notes the system writes on a booking's history row itself (a person's note is their own
    text): stored as these codes, shown by their labels in the reader's language."""

    NOT_ME = "not me", _("the participant reported that they did not make this booking")
    DISPUTE = "dispute", _("the participant disputes the provider's report (no note given)")
    ATTENDANCE_CONFIRMED = "attendance confirmed", _("the participant confirmed the attendance")
    REFERRED = domain.REFERRED, _("the participant did not confirm the service by the deadline")


class BookingEvent(models.Model):
    """One transition of a booking: who, when, from which state to which, and why."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")
    status_from = models.CharField(max_length=14, choices=BookingStatus.choices, blank=True)
    status_to = models.CharField(max_length=14, choices=BookingStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("booking event")
        verbose_name_plural = _("booking history")
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.booking_id}: {self.status_from or '-'} -> {self.status_to}"


class Attendance(models.Model):
    """The provider's record of one participant at one session of the booked service."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="attendance")
    session = models.ForeignKey("catalogue.ServiceSession", on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("present"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["session__date", "session__start_time"]
        constraints = [
            models.UniqueConstraint(fields=["booking", "session"], name="vouchers_one_attendance_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.booking_id} {self.session_id} {self.present}"


# Payouts (freezes, batches, settlement runs) live in their own module; imported here so that Django
# and every ``from .models import`` find them.
from .contribution_models import RECEIVED, Contribution, ContributionStatus, ExemptReason  # noqa: E402
from .payout_models import (  # noqa: E402
    BatchStatus,
    PaidBooking,
    PaymentBatch,
    PaymentDays,
    PaymentLine,
    PayoutFreeze,
    SettlementRun,
    SettlementRunStatus,
)
from .statement_models import (  # noqa: E402
    BankStatement,
    EntryDirection,
    EntryState,
    StatementEntry,
    StatementFormat,
)

__all__ = [
    "RECEIVED",
    "AccountKind",
    "Attendance",
    "BankStatement",
    "BatchStatus",
    "Booking",
    "BookingEvent",
    "BookingStatus",
    "ConfirmationOutcome",
    "Contribution",
    "ContributionStatus",
    "EntryDirection",
    "EntryState",
    "ExemptReason",
    "LedgerAccount",
    "LedgerTransaction",
    "OrderStatus",
    "PaidBooking",
    "PaymentBatch",
    "PaymentDays",
    "PaymentLine",
    "PayoutFreeze",
    "Posting",
    "SettlementRun",
    "SettlementRunStatus",
    "StatementEntry",
    "StatementFormat",
    "TransactionKind",
    "VoucherAccount",
    "VoucherOrder",
]
