"""Forms of the guidance pages. They check the shape of the input; the rules are in services."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kierunek.catalogue.models import Category
from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField
from kierunek.core.widgets import options_html
from kierunek.geo.domain import search_key
from kierunek.qualifications import selectors as qualification_selectors

from .domain import MAX_PRIORITY, MIN_PRIORITY, CompetenceDimension, SlotMode
from .models import (
    DIMENSION_LABELS,
    EXPERIENCE_KIND_LABELS,
    LEVEL_LABELS,
    PACKAGE_KIND_LABELS,
    PRIORITY_LABELS,
    SLOT_MODE_LABELS,
    CareerCentre,
    Experience,
    StarEvidence,
)
from .services.slots import open_days_text


def _choices(labels: dict) -> list[tuple[Any, Any]]:
    return [(getattr(key, "value", key), label) for key, label in labels.items()]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class CentreWithHoursField(PolishOrderModelChoiceField):
    """A career centre with its opening hours, so the advisor sees when slots may be published;
    the centres in Polish order of their names."""

    def order_key(self, obj: CareerCentre) -> str:
        return obj.name

    def label_from_instance(self, obj: CareerCentre) -> str:
        return _("%(centre)s (open %(days)s, %(opens)s to %(closes)s)") % {
            "centre": obj.name,
            "days": open_days_text(obj.open_weekdays),
            "opens": obj.opens_at.strftime("%H:%M"),
            "closes": obj.closes_at.strftime("%H:%M"),
        }


class SlotPublishForm(PlainTextForm):
    day = forms.DateField(label=_("Day"), widget=DateInput())
    start = forms.TimeField(label=_("First slot starts at"), widget=TimeInput())
    minutes = forms.TypedChoiceField(
        label=_("Length of one slot"),
        coerce=int,
        choices=[(30, _("30 minutes")), (45, _("45 minutes")), (60, _("60 minutes")), (90, _("90 minutes"))],
        initial=60,
    )
    count = forms.IntegerField(label=_("Number of consecutive slots"), min_value=1, max_value=12, initial=1)
    mode = forms.ChoiceField(
        label=_("Where"), choices=_choices(SLOT_MODE_LABELS), initial=SlotMode.IN_PERSON.value
    )
    centre = CentreWithHoursField(
        label=_("Career centre (for meetings in person)"),
        queryset=CareerCentre.objects.filter(is_active=True),
        required=False,
    )

    def starts_at(self) -> datetime:
        day, start = self.cleaned_data["day"], self.cleaned_data["start"]
        return timezone.make_aware(datetime.combine(day, start), timezone.get_current_timezone())


class SlotFilterForm(PlainTextForm):
    centre = PolishOrderModelChoiceField(
        label=_("Career centre"),
        queryset=CareerCentre.objects.filter(is_active=True),
        required=False,
        empty_label=_("any"),
    )
    mode = forms.ChoiceField(
        label=_("Where"),
        choices=[("", _("in person or online")), *_choices(SLOT_MODE_LABELS)],
        required=False,
    )


class ExperienceForm(PlainTextForm):
    kind = forms.ChoiceField(label=_("Kind of experience"), choices=_choices(EXPERIENCE_KIND_LABELS))
    title = forms.CharField(label=_("Role or title"), max_length=200)
    organisation = forms.CharField(label=_("Organisation or place"), max_length=200, required=False)
    started_on = forms.DateField(label=_("From"), widget=DateInput())
    ended_on = forms.DateField(
        label=_("Until"), widget=DateInput(), required=False, help_text=_("Leave empty if it continues.")
    )
    activities = forms.CharField(
        label=_("Activities and responsibilities"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    @classmethod
    def initial_from(cls, experience: Experience) -> dict[str, Any]:
        return {name: getattr(experience, name) for name in cls.base_fields}


class StarForm(PlainTextForm):
    situation = forms.CharField(label=_("Situation"), widget=forms.Textarea(attrs={"rows": 2}))
    task = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    action = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    result = forms.CharField(label=_("Result"), widget=forms.Textarea(attrs={"rows": 2}))
    experience = forms.TypedChoiceField(
        label=_("From which experience"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, experiences: list[Experience], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["experience"]).choices = [
            ("", _("none in particular")),
            *((e.pk, e.title) for e in experiences),
        ]

    def clean(self) -> dict[str, Any]:
        # Competences are chosen from the vocabulary search (inputs named "competences", rendered
        # by the search, not by this form); the service checks that they exist.
        cleaned = super().clean() or {}
        values = cast(QueryDict, self.data).getlist("competences") if hasattr(self.data, "getlist") else []
        cleaned["competences"] = [int(v) for v in values if str(v).isdigit()]
        return cleaned

    @classmethod
    def initial_from(cls, evidence: StarEvidence) -> dict[str, Any]:
        return {
            "situation": evidence.situation,
            "task": evidence.task,
            "action": evidence.action,
            "result": evidence.result,
            "experience": evidence.experience_id,
        }


class ProfileForm(PlainTextForm):
    dimension = forms.ChoiceField(label=_("Dimension"), choices=_choices(DIMENSION_LABELS))
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, choices=_choices(LEVEL_LABELS))
    prk_level = forms.TypedChoiceField(
        label=_("PRK level, where it applies"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("does not apply")), *((n, str(n)) for n in range(1, 9))],
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What shows this level: a situation, a document, a result."),
    )
    star_evidence = forms.TypedMultipleChoiceField(
        label=_("STAR examples that show it"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, stars: list[StarEvidence], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["star_evidence"]).choices = [
            (s.pk, s.situation[:80]) for s in stars
        ]
        self.fields["dimension"].initial = CompetenceDimension.SKILLS.value

    def clean(self) -> dict[str, Any]:
        # The competence is chosen from the vocabulary search (a radio input named "competence").
        cleaned = super().clean() or {}
        value = str(self.data.get("competence", ""))
        if not value.isdigit():
            raise forms.ValidationError(_("Find the competence in the vocabulary and choose it."))
        cleaned["competence"] = int(value)
        return cleaned


class PortfolioFileForm(PlainTextForm):
    title = forms.CharField(label=_("Title of the document"), max_length=200)
    description = forms.CharField(
        label=_("What it shows"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    file = forms.FileField(label=_("File (PDF, PNG or JPEG, at most 10 MB)"))


class PortfolioReferenceForm(PlainTextForm):
    title = forms.CharField(label=_("Title of the reference"), max_length=200)
    description = forms.CharField(
        label=_("What it says"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    referee_name = forms.CharField(label=_("Who gives the reference"), max_length=200)
    referee_contact = forms.CharField(label=_("Contact to the referee"), max_length=200, required=False)


class PlanForm(PlainTextForm):
    summary = forms.CharField(
        label=_("Summary of the balance"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def clean(self) -> dict[str, Any]:
        # The target occupation is chosen from the occupation search (a radio input named
        # "target_occupation"; empty for none).
        cleaned = super().clean() or {}
        value = str(self.data.get("target_occupation", ""))
        cleaned["target_occupation"] = int(value) if value.isdigit() else None
        return cleaned


class QualificationInput(forms.TextInput):
    """A text input with the register's qualifications as its suggestions (a ``<datalist>``): the
    browser filters them by name or code as the advisor types, with the keyboard, on a phone too,
    and without a script."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.choices: list[tuple[str, str]] = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs'].get('id', name)}_choices"
        return context

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> Any:
        field = super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id', name)}_choices"
        return field + format_html(
            '<datalist id="{}">{}</datalist>', list_id, options_html(self.choices, selected="")
        )


def category_choices() -> list[tuple[Any, Any]]:
    """Categories grouped under their top-level category; the top level itself is selectable
    (it means all of its subcategories)."""
    language = (get_language() or "pl")[:2]
    categories = list(Category.objects.select_related("parent").order_by("position", "name"))
    groups: list[tuple[Any, Any]] = []
    for top in (c for c in categories if c.parent_id is None):
        children = [(c.pk, c.label(language)) for c in categories if c.parent_id == top.pk]
        name = top.label(language)
        groups.append((name, [(top.pk, _("%(name)s — all") % {"name": name}), *children]))
    return groups


class AreaForm(PlainTextForm):
    title = forms.CharField(label=_("Development area"), max_length=200)
    gap = forms.CharField(
        label=_("The gap (what is missing)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    goals = forms.CharField(label=_("Goals"), widget=forms.Textarea(attrs={"rows": 3}))
    package_kind = forms.ChoiceField(label=_("Package"), choices=_choices(PACKAGE_KIND_LABELS))
    categories = forms.TypedMultipleChoiceField(
        label=_("Service categories that would close the gap"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose more than one."),
    )
    qualification = forms.CharField(
        label=_("Qualification of the register (ZSK), if any"),
        max_length=350,
        required=False,
        widget=QualificationInput(),
        help_text=_("Type a few letters of its name or its code and choose it from the list."),
    )
    keywords = forms.CharField(
        label=_("Keywords for matching services"),
        max_length=250,
        required=False,
        help_text=_("Separate phrases with commas, e.g. Excel, tabele przestawne."),
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"), coerce=int, choices=_choices(PRIORITY_LABELS), initial=MIN_PRIORITY
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["categories"]).choices = category_choices()
        self.qualification_choices = qualification_selectors.choices()
        cast(QualificationInput, self.fields["qualification"].widget).choices = self.qualification_choices

    def clean_qualification(self) -> str:
        """The code of the chosen qualification: the list gives the code; a name typed in full, or
        "name (code)", is taken too. Anything else is passed on for the service to refuse."""
        text = " ".join(str(self.cleaned_data.get("qualification") or "").split())
        if not text:
            return ""
        for code, label in self.qualification_choices:
            if text.casefold() in (code.casefold(), label.casefold()) or search_key(text) == search_key(
                label.rpartition(" (")[0]
            ):
                return code
        return text

    def clean_priority(self) -> int:
        value = self.cleaned_data["priority"]
        if not MIN_PRIORITY <= value <= MAX_PRIORITY:
            raise forms.ValidationError(_("Choose a priority."))
        return value


class FeedbackForm(PlainTextForm):
    feedback = forms.CharField(
        label=_("Your feedback on the plan"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


def week_start(day: Any) -> datetime:
    """Monday 00:00 (local time) of the week of ``day``."""
    monday = day - timedelta(days=day.weekday())
    return timezone.make_aware(datetime.combine(monday, time.min), timezone.get_current_timezone())
