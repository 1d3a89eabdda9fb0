"""The school recruitment's indicators on constructed data, with exact figures, and the same
confirmation rate as the statistics page: candidates of the main round, placed at their first
choice, placed nowhere, and the share of the qualified who confirmed their intent; a year counts in
the period of its lists of qualified candidates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kierunek.core.indicators import TOTAL, Period, indicator_get
from kierunek.recruitment.models import Placement, PlacementStatus, RecruitmentYear, Round
from kierunek.recruitment.selectors import statistics

from .builders import candidate_make, class_make, school_make, year_make

pytestmark = pytest.mark.django_db


def figures(key, span):
    return {group: (f.value, f.people) for group, f in indicator_get(key).compute(span, None).items()}


def test_candidates_first_choice_unplaced_and_confirmation():
    year = year_make()
    school = school_make()
    first, second = class_make(year, school, "1a", 30), class_make(year, school, "1b", 30)
    S = PlacementStatus
    outcomes = [  # (choice, status) of the main round
        (1, S.CONFIRMED),
        (1, S.ADMITTED),
        (2, S.QUALIFIED),
        (1, S.LAPSED),
        (None, S.UNPLACED),
        (None, S.UNPLACED),
    ]
    for number, (choice, status) in enumerate(outcomes):
        application = candidate_make(year, f"Kowalska{number}", 80, [first, second])
        placed = {1: first, 2: second}.get(choice)  # type: ignore[arg-type]
        Placement.objects.create(
            application=application, round=Round.MAIN, school_class=placed, choice=choice, status=status
        )
        if status == S.UNPLACED:  # the supplementary round does not count
            Placement.objects.create(
                application=application,
                round=Round.SUPPLEMENTARY,
                school_class=second,
                choice=1,
                status=S.QUALIFIED,
            )
    older = RecruitmentYear.objects.create(
        **{
            field.name: getattr(year, field.name) - timedelta(days=400)
            for field in RecruitmentYear._meta.fields
            if field.get_internal_type() == "DateField"
        },
        year=2029,
        lottery_seed="old",
    )
    Placement.objects.create(
        application=candidate_make(older, "Nowak", 70, []), round=Round.MAIN, choice=None, status=S.UNPLACED
    )
    span = Period(timezone.localdate(), timezone.localdate() + timedelta(days=30))

    assert figures("recruitment.candidates", span) == {TOTAL: (6, 6)}
    assert figures("recruitment.first_choice", span) == {TOTAL: (3, 3)}
    assert figures("recruitment.unplaced", span) == {TOTAL: (2, 2)}
    # 2 of the 4 qualified confirmed: 50.0 %, about the 4.
    assert figures("recruitment.confirmation_rate", span) == {TOTAL: (500, 4)}
    assert statistics(year)["confirmation_rate"] == 50.0
    assert statistics(year)["candidates"] == 6
    earlier = Period(span.start - timedelta(days=420), span.start - timedelta(days=1))
    assert figures("recruitment.unplaced", earlier) == {TOTAL: (1, 1)}
    assert figures("recruitment.confirmation_rate", earlier) == {}
