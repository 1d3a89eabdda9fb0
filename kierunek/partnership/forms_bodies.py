"""Forms of the bodies' and groups' pages; every one a PlainTextForm (no control characters)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField
from kierunek.core.uploads import validate_upload
from kierunek.geo.models import Gmina

from . import domain
from . import domain_bodies as rules
from .models import Institution, Partnership
from .models_bodies import Body, BodyKind, MemberFunction
from .services.meetings import MeetingData

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _when() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PdfForm(PlainTextForm):
    """A form with one PDF upload, checked by its first bytes."""

    file = forms.FileField(
        label=_("File (PDF)"),
        help_text=_("PDF, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        validate_upload(upload, kinds=("pdf",), max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
        return upload


class BodyForm(PlainTextForm):
    partnership = forms.ModelChoiceField(label=_("Partnership"), queryset=Partnership.objects.order_by("pk"))
    kind = forms.ChoiceField(label=_("Kind"), choices=BodyKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    topic = forms.CharField(
        label=_("Topic or remit"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for a task or working group: what it works on."),
    )
    meetings_per_year = forms.IntegerField(
        label=_("Meetings a year"), min_value=1, max_value=52, required=False
    )
    established_on = forms.DateField(label=_("Established on"), widget=_date())


class BodyDetailsForm(PlainTextForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    topic = forms.CharField(
        label=_("Topic or remit"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    meetings_per_year = forms.IntegerField(
        label=_("Meetings a year"), min_value=1, max_value=52, required=False
    )
    dissolved_on = forms.DateField(
        label=_("Dissolved on"),
        widget=_date(),
        required=False,
        help_text=_("Only when the body ends its work."),
    )

    @staticmethod
    def initial_of(body: Body) -> dict[str, Any]:
        return {
            "name": body.name,
            "topic": body.topic,
            "meetings_per_year": body.meetings_per_year,
            "dissolved_on": body.dissolved_on,
        }


class TermForm(PlainTextForm):
    starts_on = forms.DateField(label=_("Term from"), widget=_date())
    ends_on = forms.DateField(
        label=_("Term to"), widget=_date(), required=False, help_text=_("Empty: three years from the start.")
    )


class InstitutionChoiceField(PolishOrderModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class GminaChoiceField(PolishOrderModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class MemberForm(PlainTextForm):
    institution = InstitutionChoiceField(label=_("Partner institution"), queryset=Institution.objects.none())
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("For invitations to meetings; never shown on the public page."),
    )
    function = forms.ChoiceField(label=_("Function"), choices=MemberFunction.choices)
    joined_on = forms.DateField(label=_("Joined on"), widget=_date())

    def __init__(self, *args: Any, body: Body, leader_named_by_office: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partners = Institution.objects.filter(
            memberships__partnership=body.partnership, memberships__status=domain.MEMBER
        ).distinct()
        field = self.fields["institution"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = partners
        functions = [
            (value, label)
            for value, label in MemberFunction.choices
            if value in rules.FUNCTIONS_OF[body.kind]
            and not (leader_named_by_office and value == rules.LEADER)
        ]
        function = self.fields["function"]
        assert isinstance(function, forms.ChoiceField)
        function.choices = functions
        function.initial = rules.MEMBER


class LeaveForm(PlainTextForm):
    left_on = forms.DateField(label=_("Left on"), widget=_date())


class MeetingForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), input_formats=DATETIME_FORMATS, widget=_when())
    ends_at = forms.DateTimeField(label=_("Ends"), input_formats=DATETIME_FORMATS, widget=_when())
    gmina = GminaChoiceField(
        label=_("Gmina"), queryset=Gmina.objects.none(), required=False, empty_label=_("— online only —")
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Agenda"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gmina = self.fields["gmina"]
        assert isinstance(gmina, forms.ModelChoiceField)
        gmina.queryset = Gmina.objects.select_related("powiat")

    def data_for_service(self) -> MeetingData:
        data = self.cleaned_data
        return MeetingData(
            title=data["title"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            description=data.get("description", ""),
            gmina_teryt=data["gmina"].teryt if data.get("gmina") else "",
            address=data.get("address", ""),
            online_url=data.get("online_url", ""),
        )


class DecisionForm(PlainTextForm):
    title = forms.CharField(
        label=_("Title"), max_length=300, help_text=_("For example: on adopting the plan for 2026.")
    )
    text = forms.CharField(label=_("Text"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    adopted_on = forms.DateField(label=_("Adopted on"), widget=_date())
    meeting = forms.ChoiceField(label=_("At the meeting"), required=False)

    def __init__(self, *args: Any, meetings: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ChoiceField)
        meeting.choices = [
            ("", _("— outside a meeting (by circulation) —")),
            *((str(m.pk), f"{m.event.starts_at:%Y-%m-%d} {m.event.title}") for m in meetings),
        ]

    def meeting_id(self) -> int | None:
        value = self.cleaned_data.get("meeting")
        return int(value) if value else None


class DecisionMoveForm(PlainTextForm):
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class ProductForm(PdfForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))
    note = forms.CharField(label=_("About this version"), max_length=500, required=False)

    field_order = ["title", "summary", "file", "note"]


class VersionForm(PdfForm):
    note = forms.CharField(label=_("What changed"), max_length=500, required=False)


class ProductReviewForm(PlainTextForm):
    APPROVE = "approve"
    RETURN = "return"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (RETURN, _("Return for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the group"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you return the product: say what to change."),
    )
