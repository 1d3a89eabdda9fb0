"""Forms of the events pages; every one a PlainTextForm (no control characters in text)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField
from kierunek.core.uploads import validate_upload
from kierunek.geo.models import Gmina, Powiat

from .models import AgeGroup, Audience, Event, EventKind, Gender, LabourStatus, MaterialKind
from .services import Answers, EventData, SessionData
from .services.registrations import ACCESSIBILITY_MAX
from .survey import COMMENT_MAX

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _when() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _optional(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("— I prefer not to say —")), *choices]


class GminaField(PolishOrderModelChoiceField):
    def label_from_instance(self, obj: Gmina) -> str:
        return str(obj)


class PowiatField(PolishOrderModelChoiceField):
    def label_from_instance(self, obj: Powiat) -> str:
        return obj.name


class EventFilterForm(PlainTextForm):
    """The public list's filters, read from the query string (GET)."""

    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("— any type —")), *EventKind.choices]
    )
    powiat = PowiatField(
        label=_("Powiat"),
        queryset=Powiat.objects.none(),
        required=False,
        to_field_name="teryt",
        empty_label=_("— anywhere —"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["powiat"].queryset = Powiat.objects.all()  # type: ignore[attr-defined]


class RegistrationForm(PlainTextForm):
    sessions = forms.MultipleChoiceField(
        label=_("Sessions you will attend"), required=False, widget=forms.CheckboxSelectMultiple
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        required=False,
        max_length=ACCESSIBILITY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example a sign-language interpreter, step-free access, large print, a diet."),
    )
    age_group = forms.ChoiceField(
        label=_("Your age group (optional)"), required=False, choices=_optional(AgeGroup.choices)
    )
    age_group_consent = forms.BooleanField(
        label=_("I agree that my age group is kept for the partnership's statistics."), required=False
    )
    gender = forms.ChoiceField(
        label=_("Your gender (optional)"), required=False, choices=_optional(Gender.choices)
    )
    gender_consent = forms.BooleanField(
        label=_("I agree that my gender is kept for the partnership's statistics."), required=False
    )
    labour_status = forms.ChoiceField(
        label=_("Your situation on the labour market (optional)"),
        required=False,
        choices=_optional(LabourStatus.choices),
    )
    labour_status_consent = forms.BooleanField(
        label=_("I agree that my situation on the labour market is kept for the partnership's statistics."),
        required=False,
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sessions = list(event.sessions.all())
        if sessions:
            choices = [(str(s.pk), self._session_label(s)) for s in sessions]
            self.fields["sessions"].choices = choices  # type: ignore[attr-defined]
        else:
            del self.fields["sessions"]

    @property
    def demographic_pairs(self) -> list[tuple[Any, Any]]:
        return [(self[name], self[f"{name}_consent"]) for name in ("age_group", "gender", "labour_status")]

    @staticmethod
    def _session_label(session: Any) -> str:
        from django.utils import timezone

        start = timezone.localtime(session.starts_at)
        label = f"{start:%H:%M} {session.title}"
        if session.speakers:
            label += f" ({session.speakers})"
        if session.seats_left is not None:
            label += " · " + str(_("seats left: %(n)d") % {"n": session.seats_left})
        return label

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            accessibility_needs=data.get("accessibility_needs", ""),
            age_group=data.get("age_group", ""),
            age_group_consent=bool(data.get("age_group_consent")),
            gender=data.get("gender", ""),
            gender_consent=bool(data.get("gender_consent")),
            labour_status=data.get("labour_status", ""),
            labour_status_consent=bool(data.get("labour_status_consent")),
            sessions=tuple(int(s) for s in data.get("sessions", [])),
        )


class EventForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=EventKind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    starts_at = forms.DateTimeField(label=_("Starts"), input_formats=DATETIME_FORMATS, widget=_when())
    ends_at = forms.DateTimeField(label=_("Ends"), input_formats=DATETIME_FORMATS, widget=_when())
    gmina = GminaField(
        label=_("Gmina"), queryset=Gmina.objects.none(), required=False, empty_label=_("— online only —")
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    audience = forms.ChoiceField(
        label=_("Who may register"), choices=Audience.choices, widget=forms.RadioSelect
    )
    capacity = forms.IntegerField(label=_("Seats"), min_value=1)
    requires_approval = forms.BooleanField(label=_("I approve each registration"), required=False)
    offer_hours = forms.IntegerField(
        label=_("Hours to accept a freed seat"),
        min_value=1,
        max_value=720,
        initial=48,
        help_text=_("A seat freed by a cancellation is offered to the next person waiting for this long."),
    )
    organiser_label = forms.CharField(
        label=_("Organised by (shown on the page)"), max_length=200, required=False
    )
    published = forms.BooleanField(label=_("Published"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gmina"].queryset = Gmina.objects.select_related("powiat")  # type: ignore[attr-defined]

    @staticmethod
    def initial_of(event: Event) -> dict[str, Any]:
        from django.utils import timezone

        return {
            "title": event.title,
            "kind": event.kind,
            "description": event.description,
            "starts_at": timezone.localtime(event.starts_at),
            "ends_at": timezone.localtime(event.ends_at),
            "gmina": event.gmina,
            "address": event.address,
            "online_url": event.online_url,
            "audience": event.audience,
            "capacity": event.capacity,
            "requires_approval": event.requires_approval,
            "offer_hours": event.offer_hours,
            "organiser_label": event.organiser_label,
            "published": event.published,
        }

    def data_for_service(self) -> EventData:
        data = self.cleaned_data
        return EventData(
            title=data["title"],
            kind=data["kind"],
            description=data.get("description", ""),
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            gmina_teryt=data["gmina"].teryt if data.get("gmina") else "",
            address=data.get("address", ""),
            online_url=data.get("online_url", ""),
            audience=data["audience"],
            capacity=data["capacity"],
            requires_approval=bool(data.get("requires_approval")),
            offer_hours=data["offer_hours"],
            organiser_label=data.get("organiser_label", ""),
            published=bool(data.get("published")),
        )


class SessionForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), input_formats=DATETIME_FORMATS, widget=_when())
    ends_at = forms.DateTimeField(label=_("Ends"), input_formats=DATETIME_FORMATS, widget=_when())
    room = forms.CharField(label=_("Room"), max_length=100, required=False)
    speakers = forms.CharField(label=_("Speakers"), max_length=500, required=False)
    capacity = forms.IntegerField(
        label=_("Seats (optional)"),
        min_value=1,
        required=False,
        help_text=_("Empty: as many as the event's."),
    )

    def data_for_service(self) -> SessionData:
        data = self.cleaned_data
        return SessionData(
            title=data["title"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            room=data.get("room", ""),
            speakers=data.get("speakers", ""),
            capacity=data.get("capacity"),
        )


class HelperForm(PlainTextForm):
    email = forms.EmailField(label=_("E-mail of the officer or partner staff member"))


class InvitationsForm(PlainTextForm):
    emails = forms.CharField(
        label=_("E-mail addresses, one a line"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20000
    )

    def clean_emails(self) -> list[str]:
        validator = forms.EmailField()
        lines = [line.strip() for line in self.cleaned_data["emails"].splitlines() if line.strip()]
        for line in lines:
            validator.clean(line)
        return lines


class MaterialForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=MaterialKind.choices, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG or JPEG, up to 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
        return upload


class CheckInForm(PlainTextForm):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


class SurveyForm(PlainTextForm):
    rating = forms.TypedChoiceField(
        label=_("How do you rate the event overall? (1 poor, 5 very good)"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    useful = forms.TypedChoiceField(
        label=_("Was it useful for your work or learning?"),
        choices=[("yes", _("yes")), ("no", _("no"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What should we keep or change? (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
