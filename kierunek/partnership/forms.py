"""Forms of the partnership's pages; every one a PlainTextForm (no control characters in text)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from kierunek.core.collation import polish_sorted
from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField
from kierunek.core.uploads import validate_upload
from kierunek.geo.models import Gmina, Powiat

from . import domain
from .models import EntryKind, InstitutionKind, JoinedBy, Partnership

AUDIENCE_CHOICES = [
    (domain.RESIDENTS, _("residents")),
    (domain.EMPLOYERS, _("employers")),
    (domain.PARTNERS, _("partner institutions")),
]


def _gminas() -> Any:
    return Gmina.objects.select_related("powiat")


class PowiatChoiceField(PolishOrderModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class DirectorySearchForm(PlainTextForm):
    q = forms.CharField(label=_("What do you need?"), max_length=100, required=False)
    audience = forms.ChoiceField(
        label=_("For whom"), choices=[("", _("anyone")), *AUDIENCE_CHOICES], required=False
    )
    powiat = forms.ChoiceField(label=_("Powiat"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of offer"), choices=[("", _("any")), *EntryKind.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        powiats = polish_sorted(Powiat.objects.all(), key=lambda p: str(p))
        powiat = self.fields["powiat"]
        assert isinstance(powiat, forms.ChoiceField)
        powiat.choices = [("", _("all of Małopolska")), *((p.teryt, str(p)) for p in powiats)]


class LibrarySearchForm(PlainTextForm):
    q = forms.CharField(label=_("Search good practices"), max_length=100, required=False)
    tag = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)


class InstitutionForm(PlainTextForm):
    name = forms.CharField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Type"), choices=InstitutionKind.choices)
    description = forms.CharField(
        label=_("What the institution does"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    gmina = PolishOrderModelChoiceField(label=_("Gmina"), queryset=_gminas())
    street_address = forms.CharField(label=_("Street and number"), max_length=200)
    postal_code = forms.RegexField(
        label=_("Postal code"), regex=r"^\d{2}-\d{3}$", max_length=6, help_text=_("Like 31-513.")
    )
    city = forms.CharField(label=_("Town"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_title = forms.CharField(label=_("Contact person's position"), max_length=200, required=False)


class StaffLinkForm(PlainTextForm):
    email = forms.EmailField(
        label=_("E-mail of the partner-staff account"),
        help_text=_("The account then maintains this institution's profile, offer and good practices."),
    )


class MembershipForm(PlainTextForm):
    partnership = forms.ModelChoiceField(label=_("Partnership"), queryset=Partnership.objects.order_by("pk"))
    joined_by = forms.ChoiceField(label=_("Joins by"), choices=JoinedBy.choices, widget=forms.RadioSelect)
    applied_on = forms.DateField(label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}))
    document_reference = forms.CharField(label=_("Document reference"), max_length=100, required=False)


class DeclarationForm(PlainTextForm):
    partnership = forms.ModelChoiceField(label=_("Partnership"), queryset=Partnership.objects.order_by("pk"))


class AdmitForm(PlainTextForm):
    joined_on = forms.DateField(label=_("Member since"), widget=forms.DateInput(attrs={"type": "date"}))


class LeaveForm(PlainTextForm):
    left_on = forms.DateField(label=_("Left on"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class EntryForm(PlainTextForm):
    kind = forms.ChoiceField(label=_("What you offer"), choices=EntryKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Name of the offer"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    audiences = forms.MultipleChoiceField(
        label=_("For whom"), choices=AUDIENCE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    conditions = forms.CharField(
        label=_("Who may use it, conditions"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_free = forms.BooleanField(label=_("Free of charge"), required=False)
    cost = forms.CharField(label=_("Cost"), max_length=300, required=False, help_text=_("If it is not free."))
    how_to_apply = forms.CharField(
        label=_("How to apply"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    gmina = PolishOrderModelChoiceField(label=_("Where (gmina)"), queryset=_gminas())
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    url = forms.URLField(label=_("Web page"), required=False, assume_scheme="https")
    is_active = forms.BooleanField(label=_("Show in the directory"), required=False, initial=True)

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        audiences = set(data.pop("audiences", []))
        data["for_residents"] = domain.RESIDENTS in audiences
        data["for_employers"] = domain.EMPLOYERS in audiences
        data["for_partners"] = domain.PARTNERS in audiences
        return data

    @classmethod
    def initial_of(cls, entry: Any) -> dict[str, Any]:
        fields = [name for name in cls.base_fields if name != "audiences"]
        return {**{name: getattr(entry, name) for name in fields}, "audiences": entry.audiences}


class PracticeForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What you did, for whom, with whom, what came of it and what others need to repeat it."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=500,
        required=False,
        help_text=_("Separated by commas, e.g. seniors, digital skills."),
    )
    attachment = forms.FileField(
        label=_("Add a file (optional)"),
        required=False,
        help_text=_("PDF, PNG or JPEG, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def clean_attachment(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("attachment")
        if upload:
            validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
        return upload

    def tag_names(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data.get("tags", "").split(",") if name.strip()]


class ReviewForm(PlainTextForm):
    PUBLISH = "publish"
    RETURN = "return"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(PUBLISH, _("Publish in the library")), (RETURN, _("Return for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the authors"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you return the practice: say what to change."),
    )
