"""The recruitment's forms: ranking classes, the committee's and director's texts, the appeal,
the results file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm

from .models import SchoolClass

CHOICES_SHOWN = 10


class RankingForm(PlainTextForm):
    """The classes best first: one select per place, empty places ignored."""

    def __init__(self, *args: Any, classes: list[SchoolClass], initial_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = [("", _("(none)"))] + [
            (str(c.pk), f"{c.school.name} - {c.code}: {c.profile}") for c in classes
        ]
        shown = max(CHOICES_SHOWN, len(initial_ids))
        for place in range(1, shown + 1):
            self.fields[f"choice_{place}"] = forms.ChoiceField(
                label=_("Choice %(place)s") % {"place": place}, choices=options, required=False
            )
            if place <= len(initial_ids):
                self.initial[f"choice_{place}"] = str(initial_ids[place - 1])

    def class_ids(self) -> list[int]:
        return [int(v) for k, v in self.cleaned_data.items() if k.startswith("choice_") and v]


class TextForm(PlainTextForm):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)

    def __init__(self, *args: Any, label: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label


class DecisionForm(TextForm):
    uphold = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("uphold the appeal: admit the candidate")), ("no", _("dismiss the appeal"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )


class ResultsFileForm(PlainTextForm):
    file = forms.FileField(label=_("Results file (CSV, UTF-8, separated by ;)"))
