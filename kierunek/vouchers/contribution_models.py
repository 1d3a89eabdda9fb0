"""The participant's own contribution to an ordered package (wkład własny), kept apart from
:mod:`.models` (which re-exports it) so each module stays short. Its lifecycle is
``workflows.CONTRIBUTION``; its money moves on the ledger (``services.contributions``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.core.money import Money


class ContributionStatus(models.TextChoices):
    DUE = "due", _("waiting for the payment")
    PAID = "paid", _("paid")
    EXEMPT = "exempt", _("nothing to pay")
    LAPSED = "lapsed", _("not paid in time")
    PAID_LATE = "paid_late", _("paid after the order ended")
    CANCELLED = "cancelled", _("cancelled with the order")
    REFUNDED = "refunded", _("paid back")


# States in which the money was received (and, unless refunded, is held or funded the vouchers).
RECEIVED = (ContributionStatus.PAID, ContributionStatus.PAID_LATE, ContributionStatus.REFUNDED)


class ExemptReason(models.TextChoices):
    GROUP = "group", _("you belong to a group the programme exempts")
    PACKAGE = "package", _("the programme asks no contribution for this package")
    NO_RULE = "no_rule", _("the programme asks no contribution")
    ZERO = "zero", _("the contribution rounds to nothing")
    BEFORE_RULE = "before_rule", _("ordered before the contribution was introduced")


class Contribution(models.Model):
    """What the participant pays before the vouchers of one order are issued: the amount the
    programme's ``contribution`` rule version in force on the day of the order gave (kept with the
    version, the account and the deadline the participant was shown), then the payment as the
    bank booked it. Every order has one; an exempt order's amount is zero."""

    order = models.OneToOneField("VoucherOrder", on_delete=models.PROTECT, related_name="contribution")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contributions"
    )
    programme = models.ForeignKey("programmes.Programme", on_delete=models.PROTECT, related_name="+")
    rule_version = models.ForeignKey(
        "programmes.RuleVersion",
        verbose_name=_("contribution rule applied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ContributionStatus.choices, default=ContributionStatus.DUE
    )
    package_value = models.BigIntegerField(_("value of the package (grosze)"))
    share_bp = models.PositiveIntegerField(_("share (basis points)"), default=0)
    amount = models.BigIntegerField(_("amount (grosze)"))
    exempt_reason = models.CharField(
        _("why nothing is due"), max_length=12, choices=ExemptReason.choices, blank=True
    )
    due_on = models.DateField(_("pay by"), null=True, blank=True)
    transfer_title = models.CharField(_("transfer title"), max_length=20, blank=True)
    account_iban = models.CharField(_("account"), max_length=34, blank=True)
    account_holder = models.CharField(_("account holder"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("ordered"), default=timezone.now)
    paid_amount = models.BigIntegerField(_("amount received (grosze)"), null=True, blank=True)
    paid_on = models.DateField(_("booked by the bank on"), null=True, blank=True)
    bank_reference = models.CharField(_("bank reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refunded_at = models.DateTimeField(_("paid back"), null=True, blank=True)
    refunded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("own contribution")
        verbose_name_plural = _("own contributions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ContributionStatus.values), name="vouchers_contribution_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ContributionStatus.EXEMPT, amount=0) & ~Q(exempt_reason="")
                | ~Q(status=ContributionStatus.EXEMPT) & Q(amount__gt=0, exempt_reason=""),
                name="vouchers_contribution_exempt_iff_zero",
            ),
            models.CheckConstraint(
                condition=Q(status=ContributionStatus.EXEMPT)
                | (Q(due_on__isnull=False) & ~Q(transfer_title="") & ~Q(account_iban="")),
                name="vouchers_contribution_payment_details_set",
            ),
            # The money received is exactly what was due: another amount is for a person to resolve.
            models.CheckConstraint(
                condition=~Q(status__in=RECEIVED)
                | (Q(paid_amount=models.F("amount"), paid_on__isnull=False) & ~Q(bank_reference="")),
                name="vouchers_contribution_payment_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status=ContributionStatus.REFUNDED) | Q(refunded_at__isnull=False),
                name="vouchers_contribution_refund_recorded",
            ),
            models.UniqueConstraint(
                fields=["transfer_title"], condition=~Q(transfer_title=""), name="vouchers_one_transfer_title"
            ),
            # One bank entry pays one contribution (recording the same entry again changes nothing).
            models.UniqueConstraint(
                fields=["bank_reference"],
                condition=~Q(bank_reference=""),
                name="vouchers_contribution_one_bank_entry",
            ),
        ]

    def __str__(self) -> str:
        return self.transfer_title or f"#{self.pk}"

    @property
    def amount_money(self) -> Money:
        return Money(self.amount)
