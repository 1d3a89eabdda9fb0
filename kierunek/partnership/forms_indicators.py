"""Forms of the indicators' pages: the year shown, a new self-assessment round, an institution's
answers, the year's scoring rule, and the reason a published list is taken back."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm
from kierunek.core.validators import validate_plain_text

from . import activity
from . import domain_indicators as rules
from .models import Partnership
from .models_indicators import RecognitionRule, SelfAssessmentRound, statement_number


class YearForm(PlainTextForm):
    rok = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class RoundForm(PlainTextForm):
    partnership = forms.ModelChoiceField(label=_("Partnership"), queryset=Partnership.objects.order_by("pk"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("Open from"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Open until"), widget=forms.DateInput(attrs={"type": "date"}))
    introduction = forms.CharField(
        label=_("Introduction"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    questions = forms.CharField(
        label=_("Statements to rate from 1 to 5, one per line"),
        max_length=9000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def question_list(self) -> list[str]:
        return rules.questions_from_text(self.cleaned_data["questions"])


SCORE_CHOICES = [(str(n), str(n)) for n in rules.SCALE]


class SelfAssessmentForm(PlainTextForm):
    """A rating (1 to 5, as radio buttons) and an optional comment per statement of the round."""

    def __init__(self, *args: Any, survey: SelfAssessmentRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        for question in self.questions:
            number = statement_number(question.key)
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=f"{number}. {question.text}",
                choices=SCORE_CHOICES,
                widget=forms.RadioSelect,
                help_text=_("1 — not at all, 5 — fully"),
            )
            self.fields[f"q{question.pk}_comment"] = forms.CharField(
                label=_("Comment on statement %(n)d (optional)") % {"n": number},
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                validators=[validate_plain_text],  # PlainTextForm checks the fields declared on the class
            )

    def answers(self) -> dict[int, tuple[int, str]]:
        data = self.cleaned_data
        return {q.pk: (int(data[f"q{q.pk}"]), data.get(f"q{q.pk}_comment", "")) for q in self.questions}


class RuleForm(PlainTextForm):
    """Points per unit of every registered activity source, and why."""

    rationale = forms.CharField(
        label=_("Rationale"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the activities weigh what they do: the working group's reasoning."),
    )
    decided_by = forms.CharField(
        label=_("Decided by (a resolution or minutes)"), max_length=200, required=False
    )

    def __init__(self, *args: Any, rule: RecognitionRule | None = None, **kwargs: Any) -> None:
        initial = kwargs.setdefault("initial", {})
        if rule is not None:
            initial.setdefault("rationale", rule.rationale)
            initial.setdefault("decided_by", rule.decided_by)
        super().__init__(*args, **kwargs)
        self.sources = activity.activity_sources()
        for source in self.sources:
            self.fields[f"w_{source.key}"] = forms.IntegerField(
                label=_("Points for each: %(activity)s") % {"activity": source.label},
                min_value=0,
                max_value=rules.POINTS_MAX,
                initial=(rule.weights.get(source.key, 0) if rule else 0),
            )
        self.order_fields([f"w_{s.key}" for s in self.sources] + ["rationale", "decided_by"])

    def weights(self) -> dict[str, int]:
        return {s.key: int(self.cleaned_data[f"w_{s.key}"]) for s in self.sources}


class ReopenForm(PlainTextForm):
    reason = forms.CharField(
        label=_("Why the list is taken back"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
