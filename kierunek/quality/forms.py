"""Forms of the MSUES quality-mark pages. They check the shape of what a person typed; the rules
(who, when, what is allowed) are in services.py."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField
from kierunek.core.uploads import validate_upload
from kierunek.core.validators import normalize_nip
from kierunek.geo.models import Gmina
from kierunek.providers.forms import GminaChoiceField, gminas_for_choice

from .domain import CaseState
from .models import Auditor, AuditResult, VisitKind
from .services.common import MAX_MARK_YEARS, MAX_TEXT


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class SelfAssessmentForm(PlainTextForm):
    """One standard of the self-assessment: how it is met, and optionally a file as evidence."""

    how_met = forms.CharField(
        label=_("How your institution meets this standard"),
        max_length=MAX_TEXT,
        widget=_textarea(),
        help_text=_("A short description: what you do, who does it, and which documents show it."),
    )
    evidence = forms.FileField(
        label=_("Evidence file (optional)"),
        required=False,
        help_text=_("PDF, PNG or JPEG, up to 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
    )

    def clean_evidence(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("evidence")
        if upload:
            validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
        return upload


class DeclarationForm(PlainTextForm):
    NO_CONFLICT = "no_conflict"
    CONFLICT = "conflict"

    decision = forms.ChoiceField(
        label=_("Your declaration"),
        choices=[
            ("", _("— choose —")),
            (NO_CONFLICT, _("I have no conflict of interest with this provider")),
            (CONFLICT, _("I have a conflict of interest with this provider")),
        ],
        help_text=_(
            "A conflict of interest is, for example, working for the provider or its owners now or in "
            "the last two years, a family tie, or a financial interest in it."
        ),
    )
    statement = forms.CharField(
        label=_("Statement"),
        required=False,
        max_length=MAX_TEXT,
        widget=_textarea(3),
        help_text=_("Required if you have a conflict of interest: describe it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == self.CONFLICT and not (data.get("statement") or "").strip():
            self.add_error("statement", _("Describe the conflict of interest (your ties with the provider)."))
        return data

    @property
    def has_conflict(self) -> bool:
        return self.cleaned_data["decision"] == self.CONFLICT


class AuditReportForm(PlainTextForm):
    visit_date = forms.DateField(label=_("Date of the visit"), widget=_date_input())
    remote_visit = forms.BooleanField(label=_("The visit was remote (in real time)"), required=False)
    remarks = forms.CharField(label=_("Remarks"), required=False, max_length=MAX_TEXT, widget=_textarea())
    recommendations = forms.CharField(
        label=_("Recommendations"), required=False, max_length=MAX_TEXT, widget=_textarea()
    )


class FindingForm(PlainTextForm):
    """The finding on one standard; used with a prefix per standard."""

    result = forms.ChoiceField(
        label=_("Result"),
        required=False,
        choices=[("", _("— not assessed yet —")), *AuditResult.choices],
    )
    evidence_notes = forms.CharField(
        label=_("Evidence seen"), required=False, max_length=MAX_TEXT, widget=_textarea(2)
    )


class AuditorChoiceField(PolishOrderModelChoiceField):
    def label_from_instance(self, obj: Auditor) -> str:
        licence = f", {obj.licence_number}" if obj.licence_number else ""
        return f"{obj.user.get_full_name()} ({obj.firm.name}{licence})"

    def order_key(self, obj: Auditor) -> tuple[str, str]:
        return (obj.user.last_name, obj.user.first_name)


class AssignAuditorForm(PlainTextForm):
    auditor = AuditorChoiceField(
        label=_("Auditor"),
        queryset=Auditor.objects.none(),
        empty_label=_("— choose an auditor from the register —"),
    )

    def __init__(self, *args: Any, auditors: QuerySet[Auditor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["auditor"].queryset = auditors  # type: ignore[attr-defined]


class GrantForm(PlainTextForm):
    years = forms.IntegerField(label=_("Validity in years"), min_value=1, max_value=MAX_MARK_YEARS)
    valid_from = forms.DateField(label=_("Valid from"), widget=_date_input())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        default_years = settings.KIERUNEK_QUALITY_MARK_YEARS
        kwargs.setdefault("initial", {"years": default_years, "valid_from": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["years"].help_text = _("The programme's default is %(years)d years.") % {
            "years": default_years
        }


class RefuseForm(PlainTextForm):
    reasons = forms.CharField(
        label=_("Reasons for the refusal"),
        max_length=MAX_TEXT,
        widget=_textarea(),
        help_text=_("The provider receives them. Refer to the standards that were not met."),
    )


class ReasonForm(PlainTextForm):
    reason = forms.CharField(label=_("Reason"), max_length=MAX_TEXT, widget=_textarea(3))


class OptionalReasonForm(PlainTextForm):
    reason = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=MAX_TEXT, widget=_textarea(2)
    )


class MonitoringVisitForm(PlainTextForm):
    kind = forms.ChoiceField(label=_("Kind of visit"), choices=VisitKind.choices)
    planned_on = forms.DateField(label=_("Planned for"), widget=_date_input())
    remote = forms.BooleanField(label=_("Remote visit"), required=False)


class VisitRecordForm(PlainTextForm):
    visited_on = forms.DateField(label=_("Visited on"), widget=_date_input())
    findings = forms.CharField(label=_("Findings"), max_length=MAX_TEXT, widget=_textarea())


class CorrectiveActionForm(PlainTextForm):
    description = forms.CharField(label=_("What must be corrected"), max_length=MAX_TEXT, widget=_textarea(3))
    deadline = forms.DateField(label=_("Deadline"), widget=_date_input())


# --- the public register ---


REGISTER_STATE_CHOICES = [
    ("", _("any")),
    (CaseState.GRANTED.value, _("valid")),
    (CaseState.SUSPENDED.value, _("suspended")),
    (CaseState.WITHDRAWN.value, _("withdrawn")),
    (CaseState.EXPIRED.value, _("expired")),
]


class RegisterSearchForm(PlainTextForm):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    nip = forms.CharField(label=_("NIP"), required=False, max_length=13)
    gmina = GminaChoiceField(
        label=_("Gmina"), queryset=Gmina.objects.none(), required=False, empty_label=_("any")
    )
    state = forms.ChoiceField(label=_("Status of the mark"), choices=REGISTER_STATE_CHOICES, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gmina"].queryset = gminas_for_choice()  # type: ignore[attr-defined]

    def clean_nip(self) -> str:
        return normalize_nip(self.cleaned_data.get("nip") or "")
