"""Payout freezes, payment batches with their lines, and settlement runs: the models of paying
providers, kept apart from :mod:`.models` (which re-exports them) so each module stays short."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.core.fields import view_key
from kierunek.core.money import Money

# --- payouts ----------------------------------------------------------------------------------


class PayoutFreeze(models.Model):
    """An officer's freeze of a provider's payouts: while in force (``lifted_at`` empty), none of
    the provider's bookings is settled and it is left out of payment batches."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="payout_freezes"
    )
    reason = models.TextField(_("reason"))
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    frozen_at = models.DateTimeField(default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("payout freeze")
        verbose_name_plural = _("payout freezes")
        ordering = ["-frozen_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider"], condition=Q(lifted_at__isnull=True), name="vouchers_one_active_freeze"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="vouchers_freeze_has_reason"),
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True, lifted_by__isnull=True)
                | Q(lifted_at__isnull=False, lifted_by__isnull=False),
                name="vouchers_freeze_lift_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.frozen_at:%Y-%m-%d}"


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("built, waiting for approval")
    APPROVED = "approved", _("approved")
    SENT = "sent", _("sent to the bank")
    PAID = "paid", _("paid")
    CANCELLED = "cancelled", _("cancelled")


class PaymentBatch(models.Model):
    """A batch of transfers to providers: built by a financial operator from the providers'
    receivables (moved to ``in_payment``), approved by a second person who did not approve any of
    its providers, downloaded as a pain.001 file, marked sent, then paid."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("reference"), max_length=35, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.DRAFT
    )
    total = models.BigIntegerField(_("total (grosze)"))
    execution_date = models.DateField(_("execution date"))
    built_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    built_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("payment batch")
        verbose_name_plural = _("payment batches")
        ordering = ["-built_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=BatchStatus.values), name="vouchers_batch_status_valid"
            ),
            models.CheckConstraint(condition=Q(total__gt=0), name="vouchers_batch_total_positive"),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("built_by")),
                name="vouchers_batch_four_eyes",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "sent", "paid"]) | Q(approved_by__isnull=False),
                name="vouchers_batch_approved_before_sending",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def total_money(self) -> Money:
        return Money(self.total)


class PaymentLine(models.Model):
    """One transfer of a batch: a provider's receivable at build time, to the approved bank account
    it had then (copied, so a later change cannot redirect a built batch)."""

    batch = models.ForeignKey(PaymentBatch, on_delete=models.PROTECT, related_name="lines")
    provider = models.ForeignKey("providers.Provider", on_delete=models.PROTECT, related_name="+")
    bank_account = models.ForeignKey("providers.BankAccount", on_delete=models.PROTECT, related_name="+")
    creditor_name = models.CharField(max_length=300)
    iban = models.CharField(max_length=34)
    amount = models.BigIntegerField(_("amount (grosze)"))
    end_to_end_id = models.CharField(max_length=35)

    class Meta:
        verbose_name = _("payment line")
        verbose_name_plural = _("payment lines")
        ordering = ["batch", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="vouchers_line_amount_positive"),
            models.UniqueConstraint(fields=["batch", "provider"], name="vouchers_one_line_per_provider"),
            models.UniqueConstraint(fields=["end_to_end_id"], name="vouchers_line_end_to_end_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id} {self.provider_id} {self.amount}"

    @property
    def amount_money(self) -> Money:
        return Money(self.amount)


class SettlementRunStatus(models.TextChoices):
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("stopped by an error")


class SettlementRun(models.Model):
    """One settlement run under its idempotency key, created first as "running" and completed with
    its totals: the counters grow in the same transaction as each provider's posting, so they are
    always what was settled. A retried run (a double click, a client that lost the answer, a worker
    that died) finishes this run or returns its result, and settles nothing again."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.CharField(max_length=200, unique=True)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    run_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=SettlementRunStatus, default=SettlementRunStatus.RUNNING)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the run last moved (a provider settled): a running run that stops moving lost its worker.
    moved_at = models.DateTimeField(default=timezone.now)
    # Why a failed run stopped (what was settled before stays settled; continuing settles the rest).
    failure = models.CharField(max_length=500, blank=True)
    providers_total = models.PositiveIntegerField(default=0)
    providers_done = models.PositiveIntegerField(default=0)
    settled = models.PositiveIntegerField(default=0)
    amount = models.BigIntegerField(_("amount (grosze)"), default=0)
    providers = models.PositiveIntegerField(default=0)
    skipped = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("settlement run")
        verbose_name_plural = _("settlement runs")
        ordering = ["-run_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="vouchers_settlement_run_amount"),
        ]

    def __str__(self) -> str:
        return self.idempotency_key

    @property
    def finished(self) -> bool:
        return self.status == SettlementRunStatus.DONE


class PaidBooking(models.Model):
    """A booking whose money was paid, with the moment it was (a view of the database, migration
    0012, read only): a settled booking is paid by the first paid batch with a transfer to its
    provider built at or after the booking was settled (batches pay a provider's receivable in
    full, oldest money first; batches built at one moment in the order of their ids). The time to
    payment joins it once instead of looking each booking's batch up row by row (decision 0032)."""

    booking = view_key("vouchers.Booking", "payment")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    status = models.CharField(max_length=14)
    reported_at = models.DateTimeField(null=True)
    paid_at = models.DateTimeField()

    class Meta:
        managed = False
        db_table = "vouchers_paid_booking"

    def __str__(self) -> str:
        return f"{self.pk}: {self.paid_at:%Y-%m-%d}"


class PaymentDays(models.Model):
    """How many of a person's bookings paid at one moment took how many whole days from the
    provider's report of completion to the payment (a report after the payment counts as none):
    :class:`PaidBooking`'s rows counted, kept by :mod:`..payment_days` whenever a batch is paid.
    The time to payment reads these few rows a person paid instead of joining every paid booking
    to its batch; ``manage.py ledger_check`` compares them with the view (decision 0032)."""

    paid_at = models.DateTimeField()
    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    days = models.PositiveIntegerField()
    bookings = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(bookings__gt=0), name="vouchers_payment_days_bookings"),
            models.UniqueConstraint(
                fields=["paid_at", "participant", "days"], name="vouchers_payment_days_unique"
            ),
        ]
        indexes = [
            # What the time to payment reads, from the index alone: the people and the days.
            models.Index(
                fields=["paid_at", "participant", "days", "bookings"], name="vouchers_payment_days_read"
            )
        ]

    def __str__(self) -> str:
        return f"{self.paid_at:%Y-%m-%d}: {self.bookings} booking(s) of {self.days} day(s)"
