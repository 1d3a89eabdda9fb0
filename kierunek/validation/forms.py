"""Forms of validation's pages; every one a PlainTextForm (no control characters in text)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField
from kierunek.core.money import Money
from kierunek.geo.models import Gmina
from kierunek.qualifications.models import StaffFunction

from . import domain
from .models import SelfAssessment


def _choices(field: forms.Field, choices: list[tuple[Any, str]]) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class ApplyForm(PlainTextForm):
    institution = forms.TypedChoiceField(label=_("Certifying institution"), coerce=int)
    motivation = forms.CharField(
        label=_("Why you apply (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, institutions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["institution"], [(i.pk, f"{i.name}, {i.address}") for i in institutions])


class SelfAssessmentForm(PlainTextForm):
    """One level and note per learning outcome, as fields ``level_<id>`` and ``note_<id>``."""

    def __init__(self, *args: Any, outcomes: list[Any], current: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        for outcome in outcomes:
            mine = current.get(outcome.pk)
            self.fields[f"level_{outcome.pk}"] = forms.ChoiceField(
                label=f"{outcome.code} {outcome.text}",
                choices=SelfAssessment.Level.choices,
                widget=forms.RadioSelect,
                initial=mine.level if mine else None,
            )
            self.fields[f"note_{outcome.pk}"] = forms.CharField(
                label=_("How you know (optional)"),
                required=False,
                max_length=1000,
                initial=mine.note if mine else "",
            )

    def levels(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {o.pk: (data[f"level_{o.pk}"], data.get(f"note_{o.pk}", "")) for o in self.outcomes}

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(o, self[f"level_{o.pk}"], self[f"note_{o.pk}"]) for o in self.outcomes]


class _OutcomesMixin:
    def outcomes_set(self, outcomes: list[Any]) -> None:
        field = self.fields["outcomes"]  # type: ignore[attr-defined]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(o.pk, f"{o.code} {o.text}") for o in outcomes]


class PortfolioEvidenceForm(_OutcomesMixin, PlainTextForm):
    prefix = "portfolio"
    portfolio_item = forms.TypedChoiceField(label=_("Item of your portfolio"), coerce=int)
    outcomes = forms.TypedMultipleChoiceField(
        label=_("Learning outcomes it shows"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, items: list[Any], outcomes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["portfolio_item"], [(i.pk, i.title) for i in items])
        self.outcomes_set(outcomes)


class UploadEvidenceForm(_OutcomesMixin, PlainTextForm):
    prefix = "upload"
    title = forms.CharField(label=_("Title of the document"), max_length=200)
    file = forms.FileField(label=_("File (PDF, PNG or JPEG)"))
    outcomes = forms.TypedMultipleChoiceField(
        label=_("Learning outcomes it shows"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, outcomes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcomes_set(outcomes)


class AppealForm(PlainTextForm):
    text = forms.CharField(
        label=_("Why you appeal"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AcceptForm(PlainTextForm):
    advisor = forms.TypedChoiceField(label=_("Validation advisor"), coerce=int)
    fee = forms.CharField(
        label=_("Fee for the validation (zł; 0 when free)"), max_length=20, initial="0", strip=True
    )

    def clean_fee(self) -> int:
        """The fee as people write it (1 250,50 or 1250.50 zł), in whole grosze."""
        try:
            grosze = Money.from_pln(self.cleaned_data["fee"]).grosze
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Enter the fee in złoty, e.g. 1 250,50.")) from None
        if grosze < 0:
            raise forms.ValidationError(_("The fee cannot be negative."))
        return grosze

    def __init__(self, *args: Any, advisors: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["advisor"], [(a.pk, a.get_full_name()) for a in advisors])


class ReasonForm(PlainTextForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class DeclarationForm(PlainTextForm):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this candidate?"),
        choices=[("no", _("No, I have none")), ("yes", _("Yes, I have one"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    statement = forms.CharField(
        label=_("The conflict (when there is one)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AppealDecisionForm(PlainTextForm):
    upheld = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("uphold: repeat the verification")), ("no", _("dismiss: the result stands"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    decision = forms.CharField(label=_("Reasons"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class SeatForm(PlainTextForm):
    session = forms.TypedChoiceField(label=_("Verification session"), coerce=int)

    def __init__(self, *args: Any, sessions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(
            self.fields["session"],
            [(s.pk, f"{s.starts_at:%d.%m.%Y %H:%M}, {s.place}") for s in sessions],
        )


class SessionForm(PlainTextForm):
    qualification = forms.ChoiceField(label=_("Qualification"))
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=300)
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=domain.MAX_SEATS)
    assessors = forms.TypedMultipleChoiceField(
        label=_("Commission (at least two assessors)"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, qualifications: list[Any], assessors: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["qualification"], [(q.code, f"{q.name} ({q.code})") for q in qualifications])
        _choices(self.fields["assessors"], [(a.pk, a.get_full_name()) for a in assessors])


class ResultsForm(PlainTextForm):
    """The theory and the practical result of each set due, as ``theory_<id>``/``practical_<id>``."""

    def __init__(self, *args: Any, sets: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sets = sets
        passed = [("yes", _("passed")), ("no", _("not passed"))]
        for outcome_set in sets:
            for part, label in (("theory", _("theory test")), ("practical", _("practical task"))):
                self.fields[f"{part}_{outcome_set.pk}"] = forms.TypedChoiceField(
                    label=f"{outcome_set.code}: {label}",
                    choices=passed,
                    coerce=lambda value: value == "yes",
                    widget=forms.RadioSelect,
                )
        self.fields["remarks"] = forms.CharField(
            label=_("Commission's remarks (optional)"), required=False, max_length=2000
        )

    def results(self) -> dict[int, tuple[bool, bool]]:
        data = self.cleaned_data
        return {s.pk: (data[f"theory_{s.pk}"], data[f"practical_{s.pk}"]) for s in self.sets}


class InstitutionForm(PlainTextForm):
    name = forms.CharField(label=_("Name"), max_length=300)
    nip = forms.CharField(label=_("NIP"), max_length=10, required=False)
    gmina = PolishOrderModelChoiceField(label=_("Gmina"), queryset=Gmina.objects.all())
    address = forms.CharField(label=_("Address"), max_length=300)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)


class AuthorisationForm(PlainTextForm):
    qualification = forms.ChoiceField(label=_("Qualification"))
    valid_from = forms.DateField(label=_("Authorised from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(
        label=_("Authorised until (empty: no end date)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["qualification"], choices)


class StaffForm(PlainTextForm):
    email = forms.EmailField(label=_("E-mail of the staff member's account"))
    function = forms.ChoiceField(label=_("Function"), choices=StaffFunction.choices)


class QuarterForm(PlainTextForm):
    """The year and quarter of a report, read from the address (``?rok=2026&kwartal=4``)."""

    rok = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    kwartal = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(n, str(n)) for n in range(1, 5)]
    )


class YearForm(PlainTextForm):
    """The year of the pass rates (empty: all time), from the address (``?rok=2026``)."""

    rok = forms.IntegerField(
        label=_("Year (empty: all time)"), min_value=2000, max_value=2100, required=False
    )
