from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from kierunek.core.forms import PlainTextForm
from kierunek.core.notify import email_send
from kierunek.core.validators import normalize_pesel, validate_pesel
from kierunek.core.widgets import NoEchoTextInput

from .domain import TERMS_VERSION
from .services.tokens import API_TOKEN_LIFETIME_CHOICES, API_TOKEN_LIFETIME_DAYS


class LoginForm(PlainTextForm, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or password is wrong. Check both and try again."),
        "inactive": _("This account is inactive. Contact the programme office."),
    }


class ParticipantRegistrationForm(PlainTextForm):
    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    pesel = forms.CharField(
        label=_("PESEL number"),
        help_text=_("11 digits. We store it encrypted and show only its last 4 digits."),
        max_length=13,
        widget=NoEchoTextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password and not only digits."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_terms = forms.BooleanField(
        label=format_lazy(
            _("I have read the terms of use and the privacy notice (version {version}) and accept them."),
            version=TERMS_VERSION,
        ),
        required=True,
        error_messages={"required": _("You must accept the terms to create an account.")},
    )

    def clean_pesel(self) -> str:
        pesel = normalize_pesel(self.cleaned_data["pesel"])
        validate_pesel(pesel)
        return pesel

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            from .models import User

            probe = User(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class OtpTokenForm(PlainTextForm):
    token = forms.CharField(
        label=_("Code from the authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


class CurrentFactorForm(PlainTextForm):
    """The current second factor, asked again before any change of how the account logs in."""

    current_token = forms.CharField(
        label=_("Code from your current authenticator app (or a backup code)"),
        min_length=6,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class CurrentAppCodeForm(PlainTextForm):
    current_token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class AddDeviceForm(CurrentFactorForm, OtpTokenForm):
    """Adding a second app: a code of the factor the account has, and one of the new app."""

    field_order = ["current_token", "token"]


class ApiTokenForm(PlainTextForm):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("For example, the program that will use it.")
    )
    lifetime_days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        required=False,
        empty_value=API_TOKEN_LIFETIME_DAYS,  # type: ignore[arg-type]
        initial=API_TOKEN_LIFETIME_DAYS,
        choices=lambda: [
            (days, ngettext("%(days)d day", "%(days)d days", days) % {"days": days})
            for days in API_TOKEN_LIFETIME_CHOICES
        ],
        help_text=_("The token stops working after this time; make a new one then."),
    )
    read_only = forms.BooleanField(
        label=_("Read only"),
        required=False,
        help_text=_("The program can read your data but cannot change anything."),
    )


class PasswordResetForm(PlainTextForm, auth_forms.PasswordResetForm):
    """Django's reset form, whose e-mail is built like every other one (plain text and HTML, in
    the programme's language) with the link on the site's configured address, not on whatever
    host the request named."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        email_send(
            recipients=[context.get("user") or to_email],
            subject=gettext_noop("Set your password"),
            template=email_template_name,
            context=context,
        )
