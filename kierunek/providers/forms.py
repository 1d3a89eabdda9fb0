from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField
from kierunek.core.uploads import validate_upload
from kierunek.core.validators import clean_iban, clean_nip, clean_regon
from kierunek.geo.models import Gmina

from .models import CertificateKind


class GminaChoiceField(PolishOrderModelChoiceField):
    """A gmina select: its options in Polish alphabetical order of their labels."""

    def label_from_instance(self, obj: Gmina) -> str:
        return str(obj)


def gminas_for_choice() -> Any:
    """The gminas a form offers (shared with the quality mark's register search); the field puts
    them in Polish alphabetical order."""
    return Gmina.objects.select_related("powiat")


class ProviderRegistrationForm(PlainTextForm):
    legal_name = forms.CharField(label=_("Legal name"), max_length=300)
    short_name = forms.CharField(label=_("Short name (optional)"), max_length=120, required=False)
    nip = forms.CharField(label=_("NIP"), max_length=13, help_text=_("10 digits; dashes are allowed."))
    regon = forms.CharField(label=_("REGON"), max_length=17, help_text=_("9 or 14 digits."))
    krs = forms.CharField(label=_("KRS number (optional)"), max_length=10, required=False)
    gmina = GminaChoiceField(
        label=_("Gmina in Małopolska"),
        queryset=Gmina.objects.none(),
        required=False,
        empty_label=_("— outside Małopolska —"),
        help_text=_(
            "Where your seat is. Leave empty if it is outside Małopolska and give the address below."
        ),
    )
    outside_region_address = forms.CharField(
        label=_("Voivodeship or country, if outside Małopolska"), max_length=200, required=False
    )
    street = forms.CharField(label=_("Street and number"), max_length=200)
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\d{2}-\d{3}$",
        max_length=6,
        error_messages={"invalid": _("Write the postal code as 12-345.")},
    )
    city = forms.CharField(label=_("Town"), max_length=100)
    email = forms.EmailField(label=_("Contact e-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=30)
    website = forms.URLField(label=_("Website (optional)"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gmina"].queryset = gminas_for_choice()  # type: ignore[attr-defined]

    def clean_nip(self) -> str:
        return clean_nip(self.cleaned_data["nip"])

    def clean_regon(self) -> str:
        return clean_regon(self.cleaned_data["regon"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        gmina, outside = cleaned.get("gmina"), (cleaned.get("outside_region_address") or "").strip()
        if gmina is None and not outside:
            self.add_error(
                "gmina", _("Choose the gmina in Małopolska, or give the address outside Małopolska.")
            )
        if gmina is not None and outside:
            self.add_error("outside_region_address", _("Leave this empty when the seat is in Małopolska."))
        return cleaned


class ProviderSignupForm(ProviderRegistrationForm):
    """The public sign-up: the person who will run the institution's account, then the
    institution (the same questions as a registration from an existing account)."""

    first_name = forms.CharField(
        label=_("Your first name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Your last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    person_email = forms.EmailField(
        label=_("Your e-mail address (for logging in)"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send the link to choose your password to this address."),
    )

    PERSON_FIELDS = ("first_name", "last_name", "person_email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields([*self.PERSON_FIELDS, *(f for f in self.fields if f not in self.PERSON_FIELDS)])

    def person_fields(self) -> list[Any]:
        return [self[name] for name in self.PERSON_FIELDS]

    def institution_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name not in self.PERSON_FIELDS]


class DecisionForm(PlainTextForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required for a rejection)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for the rejection."))
        return cleaned


class MemberInviteForm(PlainTextForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))


class BankAccountForm(PlainTextForm):
    iban = forms.CharField(
        label=_("Account number (IBAN)"),
        max_length=42,
        help_text=_(
            "For a Polish account: PL and 26 digits, for example PL61 1090 1014 0000 0712 1981 2874."
        ),
    )
    holder_name = forms.CharField(label=_("Account holder"), max_length=300)
    statement = forms.FileField(
        label=_("Bank statement or the bank's confirmation of the account (PDF, PNG or JPEG, at most 10 MB)"),
        help_text=_(
            "A document that shows the account number and the holder: the officer checks it before approving."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
    )

    def clean_iban(self) -> str:
        return clean_iban(self.cleaned_data["iban"])

    def clean_statement(self) -> UploadedFile:
        upload = self.cleaned_data["statement"]
        validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
        return upload


class CertificateForm(PlainTextForm):
    kind = forms.ChoiceField(label=_("Type"), choices=CertificateKind.choices)
    number = forms.CharField(label=_("Certificate number"), max_length=100)
    issuer = forms.CharField(label=_("Issued by"), max_length=200)
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(
        label=_("Valid to (empty if it does not expire)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    scan = forms.FileField(
        label=_("Scan of the certificate"),
        help_text=_("PDF, PNG or JPEG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end of validity cannot be before its start."))
        return cleaned
