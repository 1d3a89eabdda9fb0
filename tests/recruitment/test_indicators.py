"""The school recruitment's indicators on constructed data, with exact figures, and the same
confirmation rate as the statistics page: candidates of the main round, placed at their first
choice, placed nowhere, and the share of the qualified who confirmed their intent; a year counts in
the period of its lists of qualified candidates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kierunek.core.disclosure import Hidden
from kierunek.core.indicators import TOTAL, Breakdown, Period, indicator_get
from kierunek.geo.models import Gmina
from kierunek.recruitment.models import Placement, PlacementStatus, RecruitmentYear, Round
from kierunek.recruitment.selectors import statistics
from kierunek.reports.domain import period_parse
from kierunek.reports.selectors import indicator_table
from tests.programmes.helpers import pesel_for

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


def test_breakdowns_by_the_schools_gmina_and_powiat_and_by_sex_add_up_to_the_totals(settings):
    year = year_make()
    near = school_make("I LO")
    far_gmina = Gmina.objects.exclude(powiat=near.gmina.powiat).order_by("-teryt").first()
    far = school_make("II LO")
    far.gmina = far_gmina
    far.save(update_fields=["gmina"])
    a, b = class_make(year, near, "1a", 30), class_make(year, far, "1b", 30)
    S = PlacementStatus
    born = iter(date(2011, 1, day) for day in range(1, 29))
    # (preferences, placed at, choice, status, sex in the PESEL: "" for none)
    candidates = [
        ([a, b], a, 1, S.CONFIRMED, "F"),
        ([a, b], b, 2, S.QUALIFIED, "F"),
        ([b, a], b, 1, S.ADMITTED, "M"),
        ([b], None, None, S.UNPLACED, "M"),
        ([a], None, None, S.UNPLACED, ""),
        ([a], a, 1, S.LAPSED, "M"),
        ([b], b, 1, S.CONFIRMED, "F"),
    ]
    for number, (preferences, placed, choice, status, sex) in enumerate(candidates):
        pesel = pesel_for(next(born), female=sex == "F") if sex else ""
        application = candidate_make(year, f"Nowak{number}", 70, preferences, pesel=pesel)
        Placement.objects.create(
            application=application, round=Round.MAIN, school_class=placed, choice=choice, status=status
        )
    span = Period(timezone.localdate(), timezone.localdate() + timedelta(days=30))
    g1, p1 = near.gmina.teryt, near.gmina.powiat.teryt
    g2, p2 = far_gmina.teryt, far_gmina.powiat.teryt

    def by(key, breakdown):
        return {
            group: (f.value, f.people) for group, f in indicator_get(key).compute(span, breakdown).items()
        }

    # Candidates by the school they put first: 1, 2, 5, 6 near; 3, 4, 7 far.
    assert by("recruitment.candidates", Breakdown.GMINA) == {g1: (4, 4), g2: (3, 3)}
    assert by("recruitment.candidates", Breakdown.POWIAT) == {p1: (4, 4), p2: (3, 3)}
    assert by("recruitment.candidates", Breakdown.SEX) == {"F": (3, 3), "M": (3, 3), "": (1, 1)}
    assert by("recruitment.first_choice", Breakdown.GMINA) == {g1: (2, 2), g2: (2, 2)}
    assert by("recruitment.first_choice", Breakdown.SEX) == {"F": (2, 2), "M": (2, 2)}
    assert by("recruitment.unplaced", Breakdown.GMINA) == {g1: (1, 1), g2: (1, 1)}
    assert by("recruitment.unplaced", Breakdown.SEX) == {"M": (1, 1), "": (1, 1)}
    # Confirmed of the qualified, by the school where they qualified: near 1 of 2 (the first and
    # the sixth), far 2 of 3 (the second, third and seventh); women 2 of 3, men 1 of 2.
    assert by("recruitment.confirmation_rate", None) == {TOTAL: (600, 5)}
    assert by("recruitment.confirmation_rate", Breakdown.GMINA) == {g1: (500, 2), g2: (667, 3)}
    assert by("recruitment.confirmation_rate", Breakdown.POWIAT) == {p1: (500, 2), p2: (667, 3)}
    assert by("recruitment.confirmation_rate", Breakdown.SEX) == {"F": (667, 3), "M": (500, 2)}
    for key in ("recruitment.candidates", "recruitment.first_choice", "recruitment.unplaced"):
        total = by(key, None)[TOTAL]
        for breakdown in (Breakdown.GMINA, Breakdown.POWIAT, Breakdown.SEX):
            groups = by(key, breakdown).values()
            assert (sum(value for value, _people in groups), sum(people for _v, people in groups)) == total

    # As published: with cells of fewer than 4 hidden, the far gmina's 3 is hidden and so is the
    # near one's 4 (else the total 7 would give the 3 back); the total stays.
    settings.KIERUNEK_DISCLOSURE_THRESHOLD = 4
    period = period_parse(str(year.qualified_on.year))
    table = indicator_table(indicator_get("recruitment.candidates"), period, Breakdown.GMINA)
    assert {row.key: (row.value, row.hidden) for row in table.rows} == {
        g1: (None, Hidden.SECONDARY),
        g2: (None, Hidden.PRIMARY),
    }
    assert table.total == 7
    rate = indicator_table(indicator_get("recruitment.confirmation_rate"), period, Breakdown.SEX)
    assert {row.key: row.value for row in rate.rows} == {"F": None, "M": None}
    assert rate.total == 600
