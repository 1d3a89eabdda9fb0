"""Forms of the LOWE guidelines and centres."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField
from kierunek.geo.models import Gmina

from .models_centres import Centre, CentreStatus


class GuidelinesForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary_of_changes = forms.CharField(
        label=_("What changed"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))
    adopted_on = forms.DateField(label=_("Adopted on"), widget=forms.DateInput(attrs={"type": "date"}))
    published_on = forms.DateField(label=_("Published on"), widget=forms.DateInput(attrs={"type": "date"}))


class CentreForm(PlainTextForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    gmina = PolishOrderModelChoiceField(label=_("Gmina"), queryset=Gmina.objects.none())
    status = forms.ChoiceField(label=_("Status"), choices=CentreStatus.choices)
    offer = forms.CharField(label=_("Offer"), widget=forms.Textarea(attrs={"rows": 4}))
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)

    def __init__(self, *args: Any, gminas: list[Gmina], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["gmina"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Gmina.objects.filter(pk__in=[g.pk for g in gminas])


class CentreEventForm(PlainTextForm):
    centre = PolishOrderModelChoiceField(label=_("Centre"), queryset=Centre.objects.all())
    event = forms.IntegerField(
        label=_("Event number"), min_value=1, help_text=_("The number in the event's address.")
    )
