"""Forms of the complaints pages; every one a PlainTextForm (no control characters in text)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm
from kierunek.core.uploads import validate_upload

from .models import ComplaintAbout
from .services.filing import DESCRIPTION_MAX, SUBJECT_MAX
from .services.handling import ANSWER_MAX, REASON_MAX


class ComplaintForm(PlainTextForm):
    about = forms.ChoiceField(
        label=_("The complaint is about"),
        choices=ComplaintAbout.choices,
        initial=ComplaintAbout.SERVICE,
        widget=forms.RadioSelect,
    )
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    description = forms.CharField(
        label=_("What happened"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Say what went wrong, when, and what you expect. At most 5000 characters."),
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("PDF, PNG or JPEG, up to 10 MB: a photo, a document, a receipt."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
    )

    def clean_attachment(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("attachment")
        if upload:
            validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
        return upload


class PublicComplaintForm(ComplaintForm):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("We send the receipt, every change and a link to follow the complaint to this address."),
    )
    field_order = ["name", "email", "about", "subject", "description", "attachment"]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user is not None and getattr(user, "is_authenticated", False):
            self.fields["name"].initial = user.get_full_name()
            self.fields["email"].initial = user.email


class AnswerForm(PlainTextForm):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("You answer once; the complainant and the officer read it."),
    )


class DecisionForm(PlainTextForm):
    UPHOLD = "uphold"
    DISMISS = "dismiss"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(UPHOLD, _("Uphold the complaint")), (DISMISS, _("Dismiss the complaint"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The complainant and the provider read it."),
    )
