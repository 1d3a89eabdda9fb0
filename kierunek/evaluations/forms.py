"""The forms of evaluations: the anonymous survey, the outcome survey, moderation, replies and the
monitoring visit. They check the shape of the input; the rules (a completed booking,
once) are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.vouchers.forms.base import LinkedErrorsForm

from .models import SCORE_FIELDS, SKILLS_USE_CHOICES, JobChange
from .services import MAX_COMMENT, OutcomeAnswers
from .services.comments import MAX_REASON, MAX_REPLY
from .services.outcome import MAX_QUALIFICATION

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
        help_text=_(
            "It may be published on the service's page after an officer's check, without your name. "
            "Do not write your name or anything that would identify you."
        ),
    )

    def scores(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name in SCORE_FIELDS}

    def score_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in SCORE_FIELDS]


# --- the outcome survey ---

RECOMMEND_CHOICES = [(n, str(n)) for n in range(11)]


class OutcomeSurveyForm(LinkedErrorsForm):
    """The outcome survey: four questions; which qualification only if one was obtained."""

    job_change = forms.ChoiceField(
        label=_("Has anything changed in your work since the service?"),
        choices=JobChange.choices,
        widget=forms.RadioSelect,
    )
    skills_use = forms.TypedChoiceField(
        label=_("How often do you use what you learnt?"),
        choices=SKILLS_USE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    qualification = forms.TypedChoiceField(
        label=_("Did you obtain a certificate or a qualification?"),
        choices=[("yes", _("yes")), ("no", _("no"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    qualification_name = forms.CharField(
        label=_("Which certificate or qualification? (if you obtained one)"),
        required=False,
        max_length=MAX_QUALIFICATION,
        help_text=_(
            "For example: the name of the exam or of the qualification, not your certificate's number."
        ),
    )
    recommend = forms.TypedChoiceField(
        label=_("Would you recommend this service to a friend? (0 = certainly not, 10 = certainly)"),
        choices=RECOMMEND_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("qualification") and not data.get("qualification_name", "").strip():
            self.add_error("qualification_name", _("Say which certificate or qualification you obtained."))
        return data

    def radio_fields(self) -> list[forms.BoundField]:
        return [self["job_change"], self["skills_use"], self["qualification"], self["recommend"]]

    def answers(self) -> OutcomeAnswers:
        data = self.cleaned_data
        return OutcomeAnswers(
            job_change=data["job_change"],
            skills_use=data["skills_use"],
            qualification=data["qualification"],
            qualification_name=data.get("qualification_name", ""),
            recommend=data["recommend"],
        )


# --- comments: moderation and replies ---


class ReasonForm(LinkedErrorsForm):
    reason = forms.CharField(
        label=_("Reason (kept in the record, not shown to anyone else)"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReplyForm(LinkedErrorsForm):
    text = forms.CharField(
        label=_("Your public reply (once, shown under the comment)"),
        max_length=MAX_REPLY,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MonitoringVisitForm(LinkedErrorsForm):
    planned_on = forms.DateField(
        label=_("Visit planned for"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    remote = forms.BooleanField(label=_("Remote visit"), required=False)


PERIOD_CHOICES = [("", _("all time")), ("12", _("last 12 months"))]


class PeriodForm(LinkedErrorsForm):
    okres = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False)
