"""Forms of the financial operator's and the officer's pages. Money operations carry an
idempotency key generated when the page is rendered (a hidden field), so a double click or a
resubmitted form moves money once; the service returns the first result for a key it has seen."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm
from kierunek.core.idempotency import IdempotencyKey, IdempotencyKeyField, new_key_value
from kierunek.core.money import Money

from .base import LinkedErrorsForm


class IdempotentForm(PlainTextForm):
    """A form whose submission is one money operation: ``key_prefix`` names it."""

    key_prefix = "op"
    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_key_value(self.key_prefix))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "idempotency_key" in self.errors:
            self.add_error(None, _("The form has expired. Reload the page and try again."))
        return cleaned

    def key(self, user: Any) -> str:
        """The key as it is stored: namespaced by the operation, so that one key cannot serve two
        kinds of work, and by the user who sent it (:class:`IdempotencyKey`)."""
        return f"{self.key_prefix}:{IdempotencyKey.parse(self.cleaned_data['idempotency_key'], user=user)}"

    @classmethod
    def value_of(cls, stored: str) -> str:
        """The client's key of a stored one (``<prefix>:u<id>:<value>``), to send it again."""
        return stored.removeprefix(f"{cls.key_prefix}:").split(":", 1)[-1]


class IssueForm(IdempotentForm):
    key_prefix = "issue"


class RefuseForm(PlainTextForm):
    reason = forms.CharField(
        label=_("Reason of the refusal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The participant receives it by e-mail."),
    )


class SettleForm(IdempotentForm):
    key_prefix = "settle"


class BatchBuildForm(IdempotentForm):
    key_prefix = "batch"
    execution_date = forms.DateField(
        label=_("Execution date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the bank should make the transfers. Empty: the next day."),
    )


class ReasonForm(PlainTextForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class RestoreForm(PlainTextForm):
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ClawbackForm(IdempotentForm):
    key_prefix = "clawback"
    reason = forms.CharField(
        label=_("Reason of the clawback"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the training was not delivered. The provider is told."),
    )


class SearchForm(PlainTextForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class FreezeForm(PlainTextForm):
    reason = forms.CharField(
        label=_("Reason of the freeze"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ContributionReceivedForm(LinkedErrorsForm):
    """The operator's "received": the bank entry that paid a contribution, as the statement shows
    it. The amount is checked against the one due by the service."""

    amount = forms.DecimalField(
        label=_("Amount received (zł)"),
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        localize=True,
    )
    booked_on = forms.DateField(
        label=_("Booked by the bank on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    bank_reference = forms.CharField(
        label=_("Bank reference of the entry"),
        max_length=100,
        help_text=_("As the bank statement shows it; one entry pays one contribution."),
    )

    def grosze(self) -> int:
        return Money.from_pln(self.cleaned_data["amount"]).grosze
