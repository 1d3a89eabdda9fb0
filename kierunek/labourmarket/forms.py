from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm

from .models import FactKind


class FactImportForm(PlainTextForm):
    kind = forms.ChoiceField(
        label=_("What the file holds"), choices=FactKind.choices, widget=forms.RadioSelect
    )
    source = forms.CharField(
        label=_("Source of the figures"),
        max_length=300,
        help_text=_("E.g. GUS, Bank Danych Lokalnych; WUP w Krakowie, Barometr zawodów 2026."),
    )
    reference_date = forms.DateField(
        label=_("Reference date"),
        help_text=_("The day the figures describe (e.g. the end of the quarter)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, separated by semicolons or commas; the columns below."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv"}),
    )
