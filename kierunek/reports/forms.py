from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm
from kierunek.core.indicators import Breakdown

from .domain import period_choices
from .selectors import public_indicators

BREAKDOWN_LABELS = {
    Breakdown.POWIAT: _("powiat"),
    Breakdown.GMINA: _("gmina"),
    Breakdown.SEX: _("sex"),
    Breakdown.AGE_BAND: _("age"),
    Breakdown.EDUCATION: _("education level"),
    Breakdown.LABOUR_STATUS: _("labour status"),
    Breakdown.MONTH: _("month"),
    Breakdown.PACKAGE: _("package"),
    Breakdown.CATEGORY: _("category of services"),
    Breakdown.PROVIDER: _("provider"),
}


class ReportForm(PlainTextForm):
    """What a person chooses: the indicator, the period, the breakdown (any of every indicator's;
    one the chosen indicator has not is answered by its total, with a note)."""

    wskaznik = forms.ChoiceField(label=_("Indicator"))
    okres = forms.ChoiceField(label=_("Period"))
    podzial = forms.ChoiceField(label=_("Broken down by"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: dict[str, list[tuple[str, Any]]] = {
            "wskaznik": [(i.key, i.name) for i in public_indicators()],
            "okres": [(p.key, p.key) for p in period_choices(timezone.localdate())],
            "podzial": [("", _("none (the total)")), *BREAKDOWN_LABELS.items()],
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = options


class SubscriptionForm(PlainTextForm):
    cadence = forms.ChoiceField(
        label=_("Send me the report pack"),
        choices=[
            ("", _("never")),
            ("monthly", _("when a month closes")),
            ("quarterly", _("when a quarter closes")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
