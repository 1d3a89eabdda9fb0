"""The portal's forms: the report of an inaccessible element, the office's answers, the search."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm


class SearchForm(PlainTextForm):
    q = forms.CharField(label=_("Search the portal"), max_length=200, required=False)


class ReportForm(PlainTextForm):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address for the answer"))
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    address = forms.CharField(
        label=_("Address of the page or the element"),
        max_length=500,
        help_text=_("For example the address of the page, or the name of the file."),
    )
    description = forms.CharField(
        label=_("What is not accessible, and what problem it causes"), widget=forms.Textarea
    )
    wanted = forms.CharField(
        label=_("How you would like to receive the content (optional)"), widget=forms.Textarea, required=False
    )


class ExtendForm(PlainTextForm):
    new_due = forms.DateField(
        label=_("New date of the answer"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Why the answer cannot be given within 7 days"), widget=forms.Textarea)


class AnswerForm(PlainTextForm):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea)
