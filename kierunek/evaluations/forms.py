"""The anonymous survey's form. It checks the shape of the input; the rules (a completed booking,
once) are the services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.vouchers.forms.base import LinkedErrorsForm

from .models import SCORE_FIELDS
from .services import MAX_COMMENT

SCORE_LABELS = {
    "content": _("Content of the service"),
    "trainer": _("The trainer"),
    "organisation": _("Organisation"),
    "usefulness": _("Usefulness for me"),
}
SCORE_CHOICES = [
    (1, _("1 (very poor)")),
    (2, _("2 (poor)")),
    (3, _("3 (fair)")),
    (4, _("4 (good)")),
    (5, _("5 (very good)")),
]


class SurveyForm(LinkedErrorsForm):
    """The anonymous survey: four scores from 1 to 5 and a comment."""

    content = forms.TypedChoiceField(
        label=SCORE_LABELS["content"], choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    trainer = forms.TypedChoiceField(
        label=SCORE_LABELS["trainer"], choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    organisation = forms.TypedChoiceField(
        label=SCORE_LABELS["organisation"], choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    usefulness = forms.TypedChoiceField(
        label=SCORE_LABELS["usefulness"], choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Do not write your name or anything that would identify you."),
    )

    def scores(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name in SCORE_FIELDS}

    def score_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in SCORE_FIELDS]
