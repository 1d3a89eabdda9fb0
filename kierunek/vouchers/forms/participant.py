"""Forms of the participant's voucher pages. They check the shape of the input; the rules
(deadlines, balances, states) are the services'."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core.idempotency import IdempotencyKeyField, new_key_value

from ..models import VoucherAccount
from ..selectors import bookings as selectors
from .base import LinkedErrorsForm


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: VoucherAccount) -> str:
        left = obj.account.balance // obj.voucher_unit
        return str(
            _("%(package)s: %(left)s vouchers left, usable until %(day)s")
            % {"package": obj.package.name, "left": left, "day": date_format(obj.expires_on, "d.m.Y")}
        )


class BookForm(LinkedErrorsForm):
    """Book a service with vouchers of one account. The idempotency key is made when the form is
    shown, so sending the same form twice makes one booking."""

    voucher_account = AccountChoiceField(
        label=_("Pay with the vouchers of"), queryset=VoucherAccount.objects.none(), empty_label=None
    )
    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args: Any, participant: User, today: date, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", new_key_value("book"))
        super().__init__(*args, **kwargs)
        field = self.fields["voucher_account"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.usable_accounts_of(participant=participant, today=today)


class DisputeForm(LinkedErrorsForm):
    note = forms.CharField(
        label=_("What is not true in the provider's report?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: you did not attend, or not every session took place."),
    )
