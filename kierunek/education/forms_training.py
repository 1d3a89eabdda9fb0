"""Forms of the teacher-training pages; every one a PlainTextForm (no control characters)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField
from kierunek.core.money import Money
from kierunek.events.services import SessionData
from kierunek.geo.models import Gmina

from .models import School
from .models_diagnosis import NeedTopic
from .models_training import CourseAudience, NetworkKind, TrainingCourse, TrainingForm
from .services.training import CourseChanges, CourseData, InvoiceDetails

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _when() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OfferFilterForm(PlainTextForm):
    form = forms.ChoiceField(
        label=_("Form"), required=False, choices=[("", _("— any form —")), *TrainingForm.choices]
    )
    q = forms.CharField(label=_("Topic or title"), required=False, max_length=100)
    price = forms.ChoiceField(
        label=_("Price"),
        required=False,
        choices=[("", _("— free or paid —")), ("free", _("free")), ("paid", _("paid"))],
    )


class SchoolField(PolishOrderModelChoiceField):
    def label_from_instance(self, obj: School) -> str:
        return f"{obj.name} ({obj.gmina.name})"


class EnrolForm(PlainTextForm):
    school = SchoolField(label=_("The school you enrol with"), queryset=School.objects.none())
    invoice_name = forms.CharField(label=_("Invoice to: the school's name"), max_length=300, required=False)
    invoice_nip = forms.CharField(label=_("The school's NIP"), max_length=20, required=False)
    invoice_address = forms.CharField(label=_("The school's address"), max_length=300, required=False)

    def __init__(self, *args: Any, schools: list[School], paid: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["school"]
        field.queryset = School.objects.filter(pk__in=[s.pk for s in schools]).select_related("gmina")  # type: ignore[attr-defined]
        if len(schools) == 1:
            field.initial = schools[0].pk
        if not paid:
            for name in ("invoice_name", "invoice_nip", "invoice_address"):
                del self.fields[name]
        else:
            for name in ("invoice_name", "invoice_nip", "invoice_address"):
                self.fields[name].required = True

    def invoice(self) -> InvoiceDetails:
        data = self.cleaned_data
        return InvoiceDetails(
            name=data.get("invoice_name", ""),
            nip=data.get("invoice_nip", ""),
            address=data.get("invoice_address", ""),
        )


class GminaField(PolishOrderModelChoiceField):
    def label_from_instance(self, obj: Gmina) -> str:
        return str(obj)


class CourseForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    form = forms.ChoiceField(label=_("Form"), choices=TrainingForm.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_at = forms.DateTimeField(label=_("Starts"), input_formats=DATETIME_FORMATS, widget=_when())
    ends_at = forms.DateTimeField(
        label=_("Ends (the first meeting)"), input_formats=DATETIME_FORMATS, widget=_when()
    )
    sessions = forms.IntegerField(
        label=_("Number of meetings"),
        min_value=1,
        max_value=20,
        initial=1,
        help_text=_("Several meetings are held on consecutive weeks, each as long as the first."),
    )
    gmina = GminaField(
        label=_("Gmina"), queryset=Gmina.objects.none(), required=False, empty_label=_("— online only —")
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(label=_("Places"), min_value=1)
    audience = forms.ChoiceField(label=_("Who may enrol"), choices=CourseAudience.choices)
    members_only = forms.BooleanField(
        label=_("Only schools of the Metropolis' gminas"), required=False, initial=True
    )
    subject = forms.CharField(
        label=_("For teachers of the subject (optional)"), max_length=100, required=False
    )
    topic = forms.CharField(label=_("Topic area"), max_length=100, required=False)
    need_topic = forms.ChoiceField(
        label=_("Topic of the needs diagnosis"),
        choices=[("", _("— none —")), *NeedTopic.choices],
        required=False,
        help_text=_("The course's places count as the offer for this topic on the gap map."),
    )
    hours = forms.IntegerField(label=_("Hours"), min_value=0, max_value=1000, initial=0)
    price = forms.CharField(
        label=_("Price in zł (0 for free)"),
        max_length=20,
        initial="0",
        help_text=_("For example 250 or 250,00."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gmina"].queryset = Gmina.objects.select_related("powiat")  # type: ignore[attr-defined]

    def clean_price(self) -> int:
        try:
            return Money.from_pln(self.cleaned_data["price"] or "0").grosze
        except (TypeError, ValueError):
            raise ValidationError(_("Give the price in złoty, for example 250,00.")) from None

    def data_for_service(self) -> CourseData:
        """One meeting, or several on consecutive weeks, each as long as the first."""
        data = self.cleaned_data
        count = data["sessions"]
        length = data["ends_at"] - data["starts_at"]
        sessions: tuple[SessionData, ...] = ()
        ends_at = data["ends_at"]
        if count > 1:
            sessions = tuple(
                SessionData(
                    title=str(_("Meeting %(n)d") % {"n": n + 1}),
                    starts_at=data["starts_at"] + timedelta(weeks=n),
                    ends_at=data["starts_at"] + timedelta(weeks=n) + length,
                )
                for n in range(count)
            )
            ends_at = sessions[-1].ends_at
        return CourseData(**_offer(data), starts_at=data["starts_at"], ends_at=ends_at, sessions=sessions)


def _offer(data: dict[str, Any]) -> dict[str, Any]:
    """A course's offer and places from a form's cleaned data (new or changed alike)."""
    return {
        "title": data["title"],
        "form": data["form"],
        "description": data.get("description", ""),
        "capacity": data["capacity"],
        "gmina_teryt": data["gmina"].teryt if data.get("gmina") else "",
        "address": data.get("address", ""),
        "online_url": data.get("online_url", ""),
        "audience": data["audience"],
        "members_only": bool(data.get("members_only")),
        "subject": data.get("subject", ""),
        "topic": data.get("topic", ""),
        "need_topic": data.get("need_topic", ""),
        "hours": data["hours"],
        "price_grosze": data["price"],
    }


class CourseEditForm(CourseForm):
    """The course's offer and its places; its dates and meetings are the event's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at", "sessions"):
            del self.fields[name]

    @classmethod
    def initial_of(cls, course: TrainingCourse) -> dict[str, Any]:
        event = course.event
        return {
            "title": event.title,
            "form": course.form,
            "description": event.description,
            "gmina": event.gmina,
            "address": event.address,
            "online_url": event.online_url,
            "capacity": event.capacity,
            "audience": course.audience,
            "members_only": course.members_only,
            "subject": course.subject,
            "topic": course.topic,
            "need_topic": course.need_topic,
            "hours": course.hours,
            "price": Money(course.price_grosze).api_str().replace(".", ","),
        }

    def changes_for_service(self) -> CourseChanges:
        return CourseChanges(**_offer(self.cleaned_data))


class SlotForm(PlainTextForm):
    topic = forms.CharField(label=_("Topic"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), input_formats=DATETIME_FORMATS, widget=_when())
    ends_at = forms.DateTimeField(label=_("Ends"), input_formats=DATETIME_FORMATS, widget=_when())
    place = forms.CharField(label=_("Place or link"), max_length=300)


class BookingForm(PlainTextForm):
    question = forms.CharField(
        label=_("What would you like to talk about? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NetworkForm(PlainTextForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=NetworkKind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MeetingForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), input_formats=DATETIME_FORMATS, widget=_when())
    place = forms.CharField(label=_("Place or link"), max_length=300)
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MaterialForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("or a file (PDF or an image)"), required=False)
