"""Forms of the Forum Edukacji."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm


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
