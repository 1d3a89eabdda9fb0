"""Forms of brokerage (plain-text forms, :class:`kierunek.core.forms.PlainTextForm`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role, User
from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField

from . import domain


class BrokerField(PolishOrderModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name()

    def order_key(self, obj: Any) -> tuple[str, str]:
        return (obj.last_name, obj.first_name)


class MandateForm(PlainTextForm):
    broker = BrokerField(
        label=_("Broker"), queryset=User.objects.filter(role=Role.BROKER, is_active=True), empty_label=None
    )
    propose = forms.BooleanField(label=_("search and propose services"), required=False)
    book = forms.BooleanField(label=_("book and cancel on my behalf"), required=False)
    book_without_confirmation = forms.BooleanField(
        label=_("book without asking me to confirm each booking"), required=False
    )
    portfolio = forms.BooleanField(label=_("keep my portfolio"), required=False)
    valid_until = forms.DateField(
        label=_("valid until"), widget=forms.DateInput(attrs={"type": "date"}), help_text=_("A year at most.")
    )


class ProposeForm(PlainTextForm):
    card = forms.IntegerField(widget=forms.HiddenInput)
    voucher_account = forms.TypedChoiceField(label=_("Voucher account"), coerce=int)
    note = forms.CharField(label=_("Note for the participant"), required=False, max_length=1000)

    def __init__(self, *args: Any, accounts: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voucher_account"].choices = [(a.pk, str(a.package)) for a in accounts]  # type: ignore[attr-defined]


class PortfolioForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What it shows"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    upload = forms.FileField(label=_("Document (PDF or image)"), required=False)
    referee_name = forms.CharField(label=_("Who gives the reference"), required=False, max_length=200)
    referee_contact = forms.CharField(label=_("Contact to the referee"), required=False, max_length=200)


class RegisterForm(PlainTextForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address (the login)"))
    consent = forms.FileField(label=_("Signed consent (PDF or scan)"))


class ThresholdForm(PlainTextForm):
    signal = forms.ChoiceField(label=_("Signal"), choices=[(s, s) for s in domain.SIGNALS])
    count = forms.IntegerField(label=_("Cases that make a signal"), min_value=2)
    measure = forms.IntegerField(label=_("Share (%) or minutes"), min_value=0, initial=0)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
