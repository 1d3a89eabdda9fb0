"""The officer's decision on a completed booking the participant did not confirm in time: two
steps, the choice with what it rests on, then its confirmation (``confirmed``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm

CONFIRM = "confirm"
NOT_DELIVERED = "not_delivered"


class UnconfirmedDecisionForm(PlainTextForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (CONFIRM, _("Delivered: confirm it for settlement, without a rating")),
            (NOT_DELIVERED, _("Not delivered: close it and return the vouchers to the participant")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What the decision rests on"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example the attendance list signed by the participant, or a call with them. "
            "It is kept in the booking's history."
        ),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
