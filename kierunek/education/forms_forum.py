"""Forms of the Forum Edukacji."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm
from kierunek.geo.models import Gmina

from .forms_training import GminaField
from .models_forum import MemberKind


class DraftForm(PlainTextForm):
    title = forms.CharField(label=_("Title of the standard"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=500, required=False)
    text = forms.CharField(label=_("Text of the draft"), widget=forms.Textarea(attrs={"rows": 10}))


class ConsultationForm(PlainTextForm):
    until = forms.DateField(label=_("Comments until"), widget=forms.DateInput(attrs={"type": "date"}))


class CommentForm(PlainTextForm):
    section = forms.CharField(label=_("Section (optional)"), max_length=100, required=False)
    text = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(PlainTextForm):
    answer = forms.CharField(label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class MemberForm(PlainTextForm):
    email = forms.EmailField(
        label=_("E-mail of the person's account"),
        help_text=_("The person needs an account of the system; ask them to register first."),
    )
    kind = forms.ChoiceField(label=_("Represents"), choices=MemberKind.choices)
    organisation = forms.CharField(label=_("Organisation"), max_length=300)
    gmina = GminaField(label=_("Gmina (optional)"), queryset=Gmina.objects.none(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gmina"].queryset = Gmina.objects.select_related("powiat")  # type: ignore[attr-defined]


class TopicForm(PlainTextForm):
    title = forms.CharField(label=_("Topic"), max_length=200)
    description = forms.CharField(
        label=_("Description (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
