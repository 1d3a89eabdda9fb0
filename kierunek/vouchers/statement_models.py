"""Bank statements and their entries: what the bank says happened on the operator's account
(camt.053 or MT940 files uploaded by a financial operator), kept apart from :mod:`.models` (which
re-exports them). An entry is matched to a transfer of a payment batch (a debit, by the
end-to-end id our pain.001 gave it) or to something a registered matcher finds (a credit, e.g. a
participant's own contribution); what nothing matches waits for a person, who resolves it (to a
transfer or to something else, with a note) or ignores it (with the reason).

A statement is stored once: the bank's statement id and the account are unique together, and the
file's hash says whether a second upload is the same file (nothing changes) or a different file
under the same number (refused)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.core.money import Money


class StatementFormat(models.TextChoices):
    CAMT053 = "camt053", _("ISO 20022 camt.053 (XML)")
    MT940 = "mt940", _("MT940")


class BankStatement(models.Model):
    """One statement of the operator's bank account, as the bank sent it."""

    statement_id = models.CharField(_("statement id"), max_length=35)
    account = models.CharField(_("account"), max_length=34)
    file_format = models.CharField(_("format"), max_length=10, choices=StatementFormat.choices)
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(max_length=64)
    created_on_bank = models.DateTimeField(_("created by the bank"), null=True, blank=True)
    period_from = models.DateField(_("from"), null=True, blank=True)
    period_to = models.DateField(_("to"), null=True, blank=True)
    opening_balance = models.BigIntegerField(_("opening balance (grosze)"), null=True, blank=True)
    closing_balance = models.BigIntegerField(_("closing balance (grosze)"), null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["account", "statement_id"], name="vouchers_statement_once"),
            models.CheckConstraint(
                condition=Q(file_format__in=["camt053", "mt940"]), name="vouchers_statement_format_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id} ({self.account})"


class EntryDirection(models.TextChoices):
    DEBIT = "debit", _("debit (money out)")
    CREDIT = "credit", _("credit (money in)")


class EntryState(models.TextChoices):
    UNMATCHED = "unmatched", _("to resolve")
    MATCHED = "matched", _("matched")
    RESOLVED = "resolved", _("resolved by a person")
    IGNORED = "ignored", _("ignored")


class StatementEntry(models.Model):
    """One booking on a statement. Amounts are positive grosze; the direction says which way."""

    statement = models.ForeignKey(BankStatement, on_delete=models.PROTECT, related_name="entries")
    position = models.PositiveIntegerField()
    direction = models.CharField(_("direction"), max_length=6, choices=EntryDirection.choices)
    amount = models.BigIntegerField(_("amount (grosze)"))
    booked_on = models.DateField(_("booking date"))
    end_to_end_id = models.CharField(_("end-to-end id"), max_length=35, blank=True)
    bank_reference = models.CharField(_("bank reference"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    counterparty_name = models.CharField(_("counterparty"), max_length=300, blank=True)
    counterparty_account = models.CharField(_("counterparty account"), max_length=34, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=EntryState.choices, default=EntryState.UNMATCHED
    )
    # Why the matching left it to a person (e.g. the amount differs from the transfer's).
    unmatched_reason = models.CharField(max_length=300, blank=True)
    payment_line = models.ForeignKey(
        "vouchers.PaymentLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bank_entries",
    )
    # What a registered matcher (or a person) matched it to, other than a transfer.
    matched_kind = models.CharField(max_length=60, blank=True)
    matched_id = models.PositiveBigIntegerField(null=True, blank=True)
    matched_label = models.CharField(max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("statement entry")
        verbose_name_plural = _("statement entries")
        ordering = ["statement", "position"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "position"], name="vouchers_entry_position_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="vouchers_entry_amount_positive"),
            models.CheckConstraint(
                condition=Q(direction__in=["debit", "credit"]), name="vouchers_entry_direction_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["unmatched", "matched", "resolved", "ignored"]),
                name="vouchers_entry_state_valid",
            ),
            # A transfer is confirmed by one entry at most.
            models.UniqueConstraint(
                fields=["payment_line"],
                condition=Q(payment_line__isnull=False),
                name="vouchers_entry_one_per_line",
            ),
            # A person's decision says who and why.
            models.CheckConstraint(
                condition=~Q(state__in=["resolved", "ignored"]) | (Q(decided_by__isnull=False) & ~Q(note="")),
                name="vouchers_entry_decision_recorded",
            ),
            # A match names what it matched.
            models.CheckConstraint(
                condition=~Q(state__in=["matched", "resolved"])
                | Q(payment_line__isnull=False)
                | ~Q(matched_kind=""),
                name="vouchers_entry_match_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}/{self.position}"

    @property
    def amount_money(self) -> Money:
        return Money(self.amount)

    @property
    def signed_amount(self) -> int:
        return self.amount if self.direction == EntryDirection.CREDIT else -self.amount
