from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role, User
from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField
from kierunek.geo.models import Gmina

from .models import Channel, ContactKind, Leader, LeaderKind

DATE = forms.DateInput(attrs={"type": "date"})


class PersonChoiceField(PolishOrderModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name() or obj.email} ({obj.email})"

    def order_key(self, obj: Any) -> tuple[str, ...]:
        return (obj.last_name, obj.first_name, obj.email)


class AgreementForm(PlainTextForm):
    gmina = PolishOrderModelChoiceField(label=_("Gmina"), queryset=Gmina.objects.select_related("powiat"))
    starts_on = forms.DateField(label=_("In force from"), widget=DATE)
    ends_on = forms.DateField(label=_("In force until"), widget=DATE)
    gmina_commits = forms.CharField(
        label=_("The gmina commits to"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "E.g. a coordinator, rooms for meetings, posters on notice boards, the gmina's newsletter."
        ),
    )
    office_commits = forms.CharField(
        label=_("The programme commits to"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. career advisors on duty in the gmina, materials, webinars, figures for the gmina."),
    )
    coordinator = PersonChoiceField(
        label=_("The gmina's coordinator"),
        queryset=User.objects.filter(role=Role.GMINA_STAFF, is_active=True),
        required=False,
        help_text=_("A person of the gmina's staff with an account; it can be named later."),
    )


class LeaderForm(PlainTextForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=LeaderKind.choices)
    name = forms.CharField(label=_("Name of the person"), max_length=150, required=False)
    organisation = forms.CharField(label=_("Organisation or place"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    agreed_to = forms.CharField(
        label=_("Agreed to do"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. hang posters in the fire station, invite the advisor to the circle's meeting."),
    )
    consent_given_on = forms.DateField(label=_("Consent given on"), widget=DATE, initial=timezone.localdate)
    consent = forms.BooleanField(
        label=_(
            "The person agreed to be contacted by the programme about its local activities, "
            "and was told they may withdraw it at any time."
        ),
        required=True,
    )


class ContactForm(PlainTextForm):
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    happened_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    notes = forms.CharField(
        label=_("What was agreed"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CampaignForm(PlainTextForm):
    name = forms.CharField(label=_("Name"), max_length=150, help_text=_("Printed as the poster's title."))
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    message = forms.CharField(
        label=_("Text of the poster or leaflet"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave empty for the programme's standard text."),
    )
    leader = forms.ModelChoiceField(
        label=_("Referring leader"), queryset=Leader.objects.none(), required=False
    )

    def __init__(self, *args: Any, gmina: Gmina | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if gmina is None:
            del self.fields["leader"]
        else:
            self.fields["leader"].queryset = Leader.objects.filter(gmina=gmina, erased_at__isnull=True)  # type: ignore[attr-defined]


class PopulationImportForm(PlainTextForm):
    source = forms.CharField(
        label=_("Source of the figures"),
        max_length=300,
        help_text=_("E.g. GUS, Bank Danych Lokalnych, 2025."),
    )
    reference_date = forms.DateField(label=_("Reference date"), widget=DATE)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: teryt (seven digits), gmina (its name, optional), adults (adult residents)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv"}),
    )
