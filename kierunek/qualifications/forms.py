"""The office's forms of the register: a qualification (its outcome sets as JSON, the shape of the
import's), the import's file; and the public search's."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm

from .domain import (
    MAX_VALIDITY_YEARS,
    MAX_WORKLOAD_HOURS,
    PRK_MAX,
    PRK_MIN,
    QualificationInput,
    code_normalise,
)
from .importexport import outcome_sets_parse
from .models import CertifyingInstitution, HolderNameConsent, Qualification, QualificationKind
from .services import outcome_sets_data


def _area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class QualificationForm(PlainTextForm):
    code = forms.CharField(
        label=_("Code in the register"),
        max_length=40,
        help_text=_("Letters, digits, dots, dashes or underscores; it does not change later."),
    )
    name = forms.CharField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=QualificationKind.choices)
    prk_level = forms.IntegerField(label=_("PRK level"), min_value=PRK_MIN, max_value=PRK_MAX)
    workload_hours = forms.IntegerField(
        label=_("Workload (hours)"), min_value=1, max_value=MAX_WORKLOAD_HOURS
    )
    description = forms.CharField(label=_("Short description"), widget=_area(4))
    target_group = forms.CharField(label=_("Who it is for"), widget=_area())
    entry_conditions = forms.CharField(label=_("Entry conditions"), required=False, widget=_area())
    rights_conferred = forms.CharField(label=_("Rights it confers"), required=False, widget=_area())
    validation_methods = forms.CharField(label=_("Validation: methods"), widget=_area())
    validation_staff = forms.CharField(label=_("Validation: staff"), widget=_area())
    validation_conditions = forms.CharField(
        label=_("Validation: conditions and organisation"), required=False, widget=_area()
    )
    certificate_validity_years = forms.IntegerField(
        label=_("Certificate valid for (years)"),
        required=False,
        min_value=1,
        max_value=MAX_VALIDITY_YEARS,
        help_text=_("Empty: the certificate does not expire."),
    )
    renewal_conditions = forms.CharField(label=_("Renewal conditions"), required=False, widget=_area())
    certifying_institutions = forms.CharField(
        label=_("Certifying institutions"),
        required=False,
        widget=_area(),
        help_text=_("One name per line."),
    )
    quality_body = forms.CharField(label=_("External quality-assurance body (PZZJ)"), max_length=300)
    registered_on = forms.DateField(
        label=_("Entered the register on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    demo = forms.BooleanField(label=_("Demo data (not a real entry of the register)"), required=False)
    outcome_sets = forms.CharField(
        label=_("Sets of learning outcomes (JSON)"),
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text=_(
            'A list of sets: [{"code": "ZE1", "name": ..., "outcomes": [{"code": "ZE1.1", "text": ..., '
            '"criteria": [...]}]}]. Codes of sets and outcomes stay when you edit: keep them.'
        ),
    )

    def __init__(self, *args: Any, qualification: Qualification | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if qualification is not None:
            self.fields["code"].disabled = True

    def clean_outcome_sets(self) -> Any:
        try:
            return outcome_sets_parse(self.cleaned_data["outcome_sets"])
        except (ValueError, TypeError, KeyError, AttributeError):
            raise ValidationError(_("Write the sets as JSON in the shape shown below.")) from None

    def to_input(self) -> QualificationInput:
        data = self.cleaned_data
        return QualificationInput(
            code=code_normalise(data["code"]),
            name=data["name"],
            kind=data["kind"],
            prk_level=data["prk_level"],
            workload_hours=data["workload_hours"],
            description=data["description"],
            target_group=data["target_group"],
            entry_conditions=data["entry_conditions"],
            rights_conferred=data["rights_conferred"],
            validation_methods=data["validation_methods"],
            validation_staff=data["validation_staff"],
            validation_conditions=data["validation_conditions"],
            certificate_validity_years=data["certificate_validity_years"],
            renewal_conditions=data["renewal_conditions"],
            certifying_institutions=tuple(
                line.strip() for line in data["certifying_institutions"].splitlines() if line.strip()
            ),
            quality_body=data["quality_body"],
            registered_on=data["registered_on"],
            demo=data["demo"],
            outcome_sets=data["outcome_sets"],
        )

    @classmethod
    def initial_from(cls, qualification: Qualification) -> dict[str, Any]:
        initial = {name: getattr(qualification, name) for name in cls.base_fields if name != "outcome_sets"}
        initial["certifying_institutions"] = "\n".join(qualification.certifying_institutions)
        initial["outcome_sets"] = json.dumps(outcome_sets_data(qualification), ensure_ascii=False, indent=2)
        return initial


class ImportForm(PlainTextForm):
    file = forms.FileField(
        label=_("File with qualifications (CSV or JSON)"),
        help_text=_("UTF-8; the columns are those of the export. A code already in the register changes it."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json"}),
    )


class CertificateVerifyForm(PlainTextForm):
    """The public verification's one field: the code as printed (dashes and case do not matter)."""

    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("Twelve letters and digits, as printed on the certificate, e.g. K7QM-2XHD-9PRT."),
    )


class CertificateConsentForm(PlainTextForm):
    name_consent = forms.ChoiceField(
        label=_("Name shown to those who check the certificate"),
        choices=HolderNameConsent.choices,
        widget=forms.RadioSelect,
    )


class CertificateQualificationForm(PlainTextForm):
    """The issuing page's first step: which qualification (of those the signer's institutions are
    authorised for), so that the second step can offer its sets of learning outcomes."""

    kwalifikacja = forms.ChoiceField(label=_("Qualification"))

    def __init__(self, *args: Any, qualifications: list[Qualification], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kwalifikacja"].choices = [(q.code, f"{q.name} ({q.code})") for q in qualifications]  # type: ignore[attr-defined]


class CertificateIssueForm(PlainTextForm):
    institution = forms.TypedChoiceField(label=_("Certifying institution"), coerce=int)
    holder_email = forms.EmailField(
        label=_("Holder's e-mail address"), help_text=_("The e-mail of the participant's account.")
    )
    holder_name = forms.CharField(
        label=_("Holder's name as printed"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to print the name of the account."),
    )
    outcome_sets = forms.TypedMultipleChoiceField(
        label=_("Sets of learning outcomes certified"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    issued_on = forms.DateField(label=_("Issued on"), widget=forms.DateInput(attrs={"type": "date"}))
    source_reference = forms.CharField(
        label=_("Reference of the validation"),
        max_length=200,
        required=False,
        help_text=_("The validation's number or another reference that led to the certificate."),
    )

    def __init__(
        self,
        *args: Any,
        institutions: list[CertifyingInstitution],
        qualification: Qualification,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].choices = [(i.pk, i.name) for i in institutions]  # type: ignore[attr-defined]
        sets = qualification.outcome_sets.order_by("position", "pk")
        self.fields["outcome_sets"].choices = [(s.pk, f"{s.code} {s.name}") for s in sets]  # type: ignore[attr-defined]


class CertificateRevokeForm(PlainTextForm):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        max_length=2000,
        widget=_area(4),
        help_text=_("The holder is told, and the public verification shows it."),
    )
