"""Forms of the regional initiatives' pages; every one a PlainTextForm (no control characters)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField
from kierunek.core.uploads import validate_upload
from kierunek.geo.models import Gmina

from .models import Criterion

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _when() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class GminaField(PolishOrderModelChoiceField):
    def label_from_instance(self, obj: Gmina) -> str:
        return str(obj)


class ApplyForm(PlainTextForm):
    planned_actions = forms.CharField(
        label=_("Planned actions"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the gmina will do for adult learning this year: actions, partners, dates."),
    )


class EvidenceForm(PlainTextForm):
    title = forms.CharField(label=_("What the file shows"), max_length=200)
    file = forms.FileField(label=_("File (PDF, PNG or JPEG)"))

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
        return upload


class ReportForm(PlainTextForm):
    report = forms.CharField(
        label=_("Implementation report"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the gmina carried out, with whom, and how many people took part."),
    )


class NoteForm(PlainTextForm):
    note = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class JurorForm(PlainTextForm):
    email = forms.EmailField(label=_("E-mail of the officer or partner staff member"))


class AwardForm(PlainTextForm):
    application = forms.TypedChoiceField(label=_("Gmina"), coerce=int)
    title = forms.CharField(label=_("Award"), max_length=200)

    def __init__(self, *args: Any, applications: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["application"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(a.pk, a.gmina.name) for a in applications]


def _day() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EditionForm(PlainTextForm):
    number = forms.IntegerField(label=_("Edition number"), min_value=1, max_value=999)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    rules = forms.CharField(
        label=_("Rules in brief"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )
    rules_document = forms.FileField(label=_("Rules (PDF, optional)"), required=False)
    applications_open_on = forms.DateField(label=_("Applications open"), widget=_day())
    applications_close_on = forms.DateField(label=_("Applications close"), widget=_day())
    stage_one_ends_on = forms.DateField(label=_("Stage I ends"), widget=_day())
    reports_due_on = forms.DateField(label=_("Implementation reports due"), widget=_day())
    results_on = forms.DateField(label=_("Results announced"), widget=_day())
    workshops_required = forms.IntegerField(label=_("Workshops a gmina attends"), min_value=0, max_value=20)


class CriterionForm(PlainTextForm):
    name = forms.CharField(label=_("Criterion"), max_length=200)
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    max_points = forms.IntegerField(label=_("Maximum points"), min_value=1, max_value=100)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100)


class DeclarationForm(PlainTextForm):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this gmina?"),
        choices=[
            ("no", _("No: I do not work for it, advise it or have family or business ties with it")),
            ("yes", _("Yes")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    statement = forms.CharField(
        label=_("If yes, describe the conflict"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScoreForm(PlainTextForm):
    """Points per criterion, as fields ``criterion_<id>``."""

    def __init__(
        self, *args: Any, criteria: list[Criterion], initial_points: dict[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"criterion_{c.pk}"] = forms.IntegerField(
                label=_("%(name)s (0–%(max)d points, weight %(weight)d)")  # noqa: RUF001 - an en dash
                % {"name": c.name, "max": c.max_points, "weight": c.weight},
                min_value=0,
                max_value=c.max_points,
                initial=initial_points.get(c.pk),
                help_text=c.description,
            )

    def points(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class ActivityForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    organiser_label = forms.CharField(label=_("Organising institution"), max_length=200)
    description = forms.CharField(
        label=_("What happens (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    starts_at = forms.DateTimeField(label=_("Starts"), input_formats=DATETIME_FORMATS, widget=_when())
    ends_at = forms.DateTimeField(label=_("Ends"), input_formats=DATETIME_FORMATS, widget=_when())
    gmina = GminaField(
        label=_("Gmina"),
        queryset=Gmina.objects.none(),
        required=False,
        to_field_name="teryt",
        empty_label=_("— online —"),
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    needs_registration = forms.BooleanField(
        label=_("Participants register in advance"), required=False, initial=True
    )
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=100000, initial=30)

    def __init__(self, *args: Any, gminas: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gmina"].queryset = gminas if gminas is not None else Gmina.objects.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            raise ValidationError(_("The activity cannot end before it starts."))
        return data


class CountForm(PlainTextForm):
    participants = forms.IntegerField(label=_("How many took part"), min_value=0, max_value=1000000)
