"""Forms of the bank statements: the upload, and a person's decision on an entry the matching
left (resolve it to a transfer or to something else, or ignore it, each with the reason)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm

from ..bank_files import MAX_BYTES


class StatementUploadForm(PlainTextForm):
    file = forms.FileField(
        label=_("Bank statement (camt.053 XML or MT940)"),
        help_text=_("The statement of the operator's account as the bank exports it. At most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,.sta,.mt940,.txt,.940"}),
    )

    def read(self) -> bytes | None:
        """The file's bytes, or None with an error on the form when it is too large (read no
        further than the limit allows)."""
        upload = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_BYTES:
            self.add_error("file", _("The file is too large. The limit is 5 MB."))
            return None
        return bytes(upload.read(MAX_BYTES + 1))


class EntryResolveForm(PlainTextForm):
    end_to_end_id = forms.CharField(
        label=_("Reference of the transfer (end-to-end id)"),
        required=False,
        max_length=35,
        help_text=_("For money paid out in a payment batch: the reference of its transfer."),
    )
    other = forms.CharField(
        label=_("Or what else it is"),
        required=False,
        max_length=300,
        help_text=_("E.g. a refund of an overpayment."),
    )
    note = forms.CharField(label=_("Note (why)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("end_to_end_id")) == bool(cleaned.get("other")):
            self.add_error(
                None, _("Give either the transfer's reference or what else the entry is, one of them.")
            )
        return cleaned


class EntryIgnoreForm(PlainTextForm):
    reason = forms.CharField(
        label=_("Why is it ignored?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
