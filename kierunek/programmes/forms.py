"""Forms of the programmes pages. Every question is optional in the form itself: a draft may be
half-filled; what a submission needs is checked by the service (``services.missing_answers``),
whose errors are shown next to the fields they concern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm
from kierunek.core.uploads import validate_upload
from kierunek.geo.models import Gmina
from kierunek.geo.selectors import gmina_list

from . import domain
from .consents import CONSENT_TEXTS
from .models import (
    ApplicationStatus,
    AttachmentKind,
    ConsentKind,
    EducationLevel,
    EmploymentForm,
    EmploymentStatus,
)
from .services.applications import ApplicationAnswers

OUTSIDE = "outside"


def _place_choices(gminas: list[Gmina]) -> list[Any]:
    return [
        ("", _("— choose —")),
        (OUTSIDE, _("Outside Małopolska")),
        (_("Gminas of Małopolska"), [(g.teryt, str(g)) for g in gminas]),
    ]


def _form_choices() -> list[Any]:
    grouped: list[Any] = [("", _("— choose —"))]
    for status in (domain.EMPLOYED, domain.SELF_EMPLOYED):
        forms_of = [(form, EmploymentForm(form).label) for form in domain.EMPLOYMENT_FORMS[status]]
        grouped.append((EmploymentStatus(status).label, forms_of))
    return grouped


class ApplicationForm(PlainTextForm):
    residence = forms.ChoiceField(
        label=_("Gmina where you live"),
        required=False,
        help_text=_("The gmina of your permanent or temporary residence."),
    )
    education_level = forms.TypedChoiceField(
        label=_("Highest level of education completed"),
        choices=[("", _("— choose —")), *EducationLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    employment_status = forms.ChoiceField(
        label=_("Employment status"),
        choices=[("", _("— choose —")), *EmploymentStatus.choices],
        required=False,
    )
    employment_form = forms.ChoiceField(
        label=_("Form of work"),
        required=False,
        help_text=_("Only if you work or run a business."),
    )
    work = forms.ChoiceField(
        label=_("Gmina where you work"),
        required=False,
        help_text=_("Only if you work or run a business: where you mostly work."),
    )
    studies_in_region = forms.BooleanField(
        label=_("I study at a school or university in Małopolska"),
        required=False,
    )
    consent_processing = forms.BooleanField(label=CONSENT_TEXTS[ConsentKind.PROCESSING], required=False)
    consent_contact = forms.BooleanField(label=CONSENT_TEXTS[ConsentKind.CONTACT], required=False)

    def __init__(self, *args: Any, consents_in_force: set[str] | frozenset[str] = frozenset(), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.gminas = {g.teryt: g for g in gmina_list()}
        places = _place_choices(list(self.gminas.values()))
        for name, choices in (("residence", places), ("work", places), ("employment_form", _form_choices())):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
        # A consent in force is shown as given (with its date), not as a box to tick again;
        # withdrawal has its own page because it has consequences.
        for kind in consents_in_force:
            self.fields.pop(f"consent_{kind}", None)

    def answers(self) -> ApplicationAnswers:
        data = self.cleaned_data
        return ApplicationAnswers(
            residence_gmina=self.gminas.get(data["residence"]),
            lives_outside_region=data["residence"] == OUTSIDE,
            work_gmina=self.gminas.get(data["work"]),
            works_outside_region=data["work"] == OUTSIDE,
            studies_in_region=data["studies_in_region"],
            education_level=data["education_level"],
            employment_status=data["employment_status"],
            employment_form=data["employment_form"],
        )

    def consents_ticked(self) -> list[str]:
        return [kind for kind in ConsentKind.values if self.cleaned_data.get(f"consent_{kind}")]

    @staticmethod
    def initial_from(application: Any) -> dict[str, Any]:
        if application is None:
            return {}

        def place(gmina: Gmina | None, outside: bool) -> str:
            return gmina.teryt if gmina is not None else (OUTSIDE if outside else "")

        return {
            "residence": place(application.residence_gmina, application.lives_outside_region),
            "work": place(application.work_gmina, application.works_outside_region),
            "studies_in_region": application.studies_in_region,
            "education_level": application.education_level,
            "employment_status": application.employment_status,
            "employment_form": application.employment_form,
        }


class ReviewForm(PlainTextForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ApplicationStatus.ACCEPTED.value, _("Accept: the person may take part")),
            (ApplicationStatus.REFUSED.value, _("Refuse")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The participant reads it: say what you checked and what you found."),
    )


class AttachmentForm(PlainTextForm):
    """A document attached to the application as proof; the type is read from the file."""

    kind = forms.ChoiceField(
        label=_("What the document proves"), choices=[("", _("— choose —")), *AttachmentKind.choices]
    )
    file = forms.FileField(
        label=_("File (PDF, PNG or JPEG, at most 10 MB)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
        return upload
