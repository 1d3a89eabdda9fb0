"""Forms of agreements: accepting with a second factor, the office's template version, and the
termination of a provider's agreement."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm

from . import domain
from .models import Factor
from .services.signing import REASON_MAX
from .services.templates import TEXT_MAX, TITLE_MAX


class AcceptForm(PlainTextForm):
    """The SHA-256 of the PDF the page showed travels with the form: what is accepted is that
    document, or nothing."""

    factor = forms.ChoiceField(
        label=_("How do you confirm it is you?"),
        choices=Factor.choices,
        initial=domain.FACTOR_EMAIL,
        widget=forms.RadioSelect,
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_("The six digits from the e-mail we sent you, or from your authenticator app."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    pdf_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)


class TemplateVersionForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Text"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Paragraphs are separated by an empty line. Placeholders in double braces: see the list."
        ),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    valid_from = forms.DateField(label=_("Used from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(
        label=_("Used until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty while the version has no end."),
    )
    note = forms.CharField(
        label=_("What changed"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind


class TerminateForm(PlainTextForm):
    reason = forms.CharField(
        label=_("Reason of the termination"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The provider reads it."),
    )
    no_bookings_after = forms.DateField(
        label=_("No new bookings after"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Bookings already made stand."),
    )
