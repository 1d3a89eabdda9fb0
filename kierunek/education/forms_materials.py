"""Forms of the materials library."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm

from .forms_career import GRADE_CHOICES
from .models_career import SchoolLevel
from .models_materials import Licence, MaterialAudience


class MaterialSearchForm(PlainTextForm):
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    audience = forms.ChoiceField(
        label=_("Audience"), required=False, choices=[("", _("any")), *MaterialAudience.choices]
    )
    level = forms.ChoiceField(
        label=_("School level"), required=False, choices=[("", _("any")), *SchoolLevel.choices]
    )
    grade = forms.TypedChoiceField(
        label=_("Grade"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("any")), *GRADE_CHOICES],
    )
    licence = forms.ChoiceField(
        label=_("Licence"), required=False, choices=[("", _("any")), *Licence.choices]
    )


class MaterialForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("File (PDF)"), required=False)
    url = forms.URLField(label=_("Or a link"), required=False, max_length=500, assume_scheme="https")
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)
    audience = forms.ChoiceField(label=_("Audience"), choices=MaterialAudience.choices)
    subject = forms.CharField(label=_("Subject"), max_length=100)
    level = forms.ChoiceField(label=_("School level"), choices=SchoolLevel.choices)
    grade_from = forms.TypedChoiceField(label=_("From grade"), coerce=int, choices=GRADE_CHOICES)
    grade_to = forms.TypedChoiceField(label=_("To grade"), coerce=int, choices=GRADE_CHOICES)
    author = forms.CharField(label=_("Author"), max_length=200)


class ReviewForm(PlainTextForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("publish")), ("return", _("return for changes")), ("withdraw", _("withdraw"))],
    )
    note = forms.CharField(
        label=_("Note for the author"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
