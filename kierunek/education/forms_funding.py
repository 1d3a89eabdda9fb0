"""Forms of the funding sources and the gminas' budgets. Amounts are typed in złoty, as people
write them ("12 500,00", "12500.5"), and given to the services in grosze."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm
from kierunek.core.money import Money

from . import domain_funding as rules
from .models_funding import APPLICANT_LABELS, PURPOSE_LABELS, STATE_LABELS, DevelopmentForm

PURPOSE_CHOICES = [(p, PURPOSE_LABELS[p]) for p in rules.PURPOSES]
APPLICANT_CHOICES = [(a, APPLICANT_LABELS[a]) for a in rules.APPLICANTS]


class PlnField(forms.CharField):
    """An amount in złoty, cleaned to grosze (an int)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", _("In złoty, e.g. 12 500,00"))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            grosze = Money.from_pln(str(text)).grosze
        except (ValueError, TypeError):
            raise forms.ValidationError(_("Give an amount in złoty, e.g. 12 500,00.")) from None
        if grosze < 0:
            raise forms.ValidationError(_("An amount cannot be negative."))
        return grosze


class FundingSearchForm(PlainTextForm):
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    purpose = forms.ChoiceField(
        label=_("Pays for"), required=False, choices=[("", _("anything")), *PURPOSE_CHOICES]
    )
    applicant = forms.ChoiceField(
        label=_("Who applies"), required=False, choices=[("", _("anyone")), *APPLICANT_CHOICES]
    )
    state = forms.ChoiceField(
        label=_("Call"),
        required=False,
        choices=[
            ("", _("open or upcoming")),
            (rules.OPEN, STATE_LABELS[rules.OPEN]),
            (rules.UPCOMING, STATE_LABELS[rules.UPCOMING]),
            (rules.CLOSED, STATE_LABELS[rules.CLOSED]),
            ("all", _("all")),
        ],
    )


class FundingSourceForm(PlainTextForm):
    funder = forms.CharField(label=_("Funder"), max_length=200)
    programme = forms.CharField(label=_("Programme"), max_length=300)
    title = forms.CharField(label=_("Call"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    purposes = forms.MultipleChoiceField(
        label=_("Pays for"), choices=PURPOSE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    applicants = forms.MultipleChoiceField(
        label=_("Who may apply"), choices=APPLICANT_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    amount_min = PlnField(label=_("Smallest grant"), required=False)
    amount_max = PlnField(label=_("Largest grant"), required=False)
    cofinancing_percent = forms.IntegerField(
        label=_("Co-financing rate (%)"), min_value=1, max_value=100, initial=100
    )
    opens_on = forms.DateField(
        label=_("Call opens"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")


class SubscriptionForm(PlainTextForm):
    purposes = forms.MultipleChoiceField(
        label=_("Calls that pay for (none chosen: all)"),
        choices=PURPOSE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    active = forms.BooleanField(label=_("Send me the alerts"), required=False, initial=True)


class BudgetForm(PlainTextForm):
    planned_salaries = PlnField(label=_("Planned teacher salaries in the year"))
    planned_amount = PlnField(label=_("Planned for teacher development"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in DevelopmentForm.choices:
            self.fields[f"line_{value}"] = PlnField(label=label, required=False, help_text="")

    def lines(self) -> dict[str, int]:
        return {
            value: self.cleaned_data[f"line_{value}"]
            for value in DevelopmentForm.values
            if self.cleaned_data.get(f"line_{value}") is not None
        }

    def line_fields(self) -> list[forms.BoundField]:
        return [self[f"line_{value}"] for value in DevelopmentForm.values]


class SpendingForm(PlainTextForm):
    form = forms.ChoiceField(label=_("Form of development"), choices=DevelopmentForm.choices)
    amount = PlnField(label=_("Amount"))
    spent_on = forms.DateField(label=_("Spent on"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("What for"), max_length=300)
