"""Forms of the career-orientation offer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm, PolishOrderModelChoiceField
from kierunek.geo.models import Gmina
from kierunek.partnership.models import Institution

from .models import School
from .models_career import ActivityKind, SchoolLevel

GRADE_CHOICES = [(n, str(n)) for n in range(1, 9)]


class ActivitySearchForm(PlainTextForm):
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("any")), *ActivityKind.choices])
    level = forms.ChoiceField(
        label=_("School level"), required=False, choices=[("", _("any")), *SchoolLevel.choices]
    )
    grade = forms.TypedChoiceField(
        label=_("Grade"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("any")), *GRADE_CHOICES],
    )
    gmina = forms.ChoiceField(label=_("Gmina"), required=False)
    with_places = forms.BooleanField(label=_("Only with places left"), required=False)

    def __init__(self, *args: Any, gminas: list[Gmina], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gmina = self.fields["gmina"]
        assert isinstance(gmina, forms.ChoiceField)
        gmina.choices = [("", _("any")), *((g.teryt, g.name) for g in gminas)]


class ActivityForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=ActivityKind.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    level = forms.ChoiceField(label=_("School level"), choices=SchoolLevel.choices)
    grade_from = forms.TypedChoiceField(label=_("From grade"), coerce=int, choices=GRADE_CHOICES)
    grade_to = forms.TypedChoiceField(label=_("To grade"), coerce=int, choices=GRADE_CHOICES)
    gmina = PolishOrderModelChoiceField(label=_("Where (gmina)"), queryset=Gmina.objects.none())
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    places = forms.IntegerField(label=_("Places (pupils)"), min_value=1, max_value=1000)
    institution = PolishOrderModelChoiceField(
        label=_("Partner"), queryset=Institution.objects.none(), required=False
    )

    def __init__(self, *args: Any, gminas: list[Gmina], for_partner: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["gmina"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Gmina.objects.filter(pk__in=[g.pk for g in gminas])
        if for_partner:
            del self.fields["institution"]
        else:
            institution = self.fields["institution"]
            assert isinstance(institution, forms.ModelChoiceField)
            institution.queryset = Institution.objects.all()
            institution.required = True


class BookingForm(PlainTextForm):
    school = forms.TypedChoiceField(label=_("School"), coerce=int)
    grade = forms.TypedChoiceField(label=_("Grade of the class"), coerce=int)
    pupils = forms.IntegerField(label=_("Pupils"), min_value=1, max_value=1000)
    note = forms.CharField(label=_("Note for the partner"), max_length=300, required=False)

    def __init__(self, *args: Any, schools: list[School], grades: range, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        school, grade = self.fields["school"], self.fields["grade"]
        assert isinstance(school, forms.ChoiceField)
        assert isinstance(grade, forms.ChoiceField)
        school.choices = [(s.pk, s.name) for s in schools]
        grade.choices = [(n, str(n)) for n in grades]


class ActivityCancelForm(PlainTextForm):
    reason = forms.CharField(
        label=_("Why is the activity cancelled?"),
        max_length=300,
        help_text=_("Every school that booked it reads it in the e-mail that tells them."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BookingCancelForm(PlainTextForm):
    reason = forms.CharField(
        label=_("Why is the booking cancelled?"),
        max_length=300,
        help_text=_("The other side reads it in the e-mail that tells them."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PlanForm(PlainTextForm):
    planned_activities = forms.IntegerField(label=_("Activities planned"), min_value=0, max_value=10_000)
    planned_pupils = forms.IntegerField(label=_("Pupils to reach"), min_value=0, max_value=1_000_000)
    priorities = forms.CharField(
        label=_("Priorities"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
