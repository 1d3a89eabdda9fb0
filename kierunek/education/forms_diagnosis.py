"""Forms of the diagnosis of training needs."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField
from kierunek.geo.models import Gmina

from .models_diagnosis import NeedForm, NeedTiming, NeedTopic


class NeedsForm(PlainTextForm):
    topics = forms.MultipleChoiceField(
        label=_("Priority topics of professional development this year"),
        choices=NeedTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose up to three."),
    )
    learning_forms = forms.MultipleChoiceField(
        label=_("Forms you would like to learn in"),
        choices=NeedForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    timing = forms.ChoiceField(
        label=_("The best time of the school year for training"),
        choices=NeedTiming.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything else the centre should know?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_topics(self) -> list[str]:
        topics: list[str] = self.cleaned_data["topics"]
        if len(topics) > 3:
            raise forms.ValidationError(_("Choose up to three topics."))
        return topics


class AssessmentForm(PlainTextForm):
    school_year = forms.IntegerField(
        label=_("School year (its first calendar year)"), min_value=2000, max_value=2100
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"}))
    threshold = forms.IntegerField(
        label=_("Results of a gmina shown from this many responses"), min_value=1, max_value=50, initial=5
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["school_year"].initial = today.year if today.month >= 8 else today.year - 1
        self.fields["opens_on"].initial = today


class PlanLineForm(PlainTextForm):
    topic = forms.ChoiceField(label=_("Topic"), choices=NeedTopic.choices)
    gmina = PolishOrderModelChoiceField(label=_("Gmina"), queryset=Gmina.objects.none())
    planned_courses = forms.IntegerField(label=_("Courses planned"), min_value=1, max_value=500)
    planned_places = forms.IntegerField(label=_("Places planned"), min_value=1, max_value=50_000)

    def __init__(self, *args: object, gminas: list[Gmina] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["gmina"]
        assert isinstance(field, PolishOrderModelChoiceField)
        field.queryset = Gmina.objects.filter(pk__in=[g.pk for g in gminas or []])


class DeliveryForm(PlainTextForm):
    delivered_courses = forms.IntegerField(label=_("Courses delivered"), min_value=0, max_value=500)
    delivered_places = forms.IntegerField(label=_("Participants trained"), min_value=0, max_value=50_000)
