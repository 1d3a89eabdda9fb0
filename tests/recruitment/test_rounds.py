"""The process: the main round from the database, confirmation of intent, the lists of admitted
candidates, the supplementary round that keeps admitted seats, appeals with their deadlines and
the generated justification."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.recruitment import selectors, services
from kierunek.recruitment.models import (
    AppealStatus,
    ClassRound,
    Placement,
    PlacementStatus,
    Preference,
    RecruitmentYear,
    Round,
    YearStatus,
)
from kierunek.recruitment.services.rounds import placement_current
from tests.accounts.factories import UserFactory

from .builders import candidate_make, class_make, director_of, school_make, year_make

pytestmark = pytest.mark.django_db
SYSTEM = Actor()


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    year = year_make()
    school = school_make()
    a = class_make(year, school, "1A", 1)
    b = class_make(year, school, "1B", 1)
    best = candidate_make(year, "Żak", 90, [a, b])
    middle = candidate_make(year, "Adamska", 70, [a, b])
    last = candidate_make(year, "Łukasik", 50, [a, b])
    return {"year": year, "school": school, "a": a, "b": b, "best": best, "middle": middle, "last": last}


def actor(application) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=application.candidate)


def test_the_main_round_places_by_points_and_publishes_the_figures(world) -> None:  # type: ignore[no-untyped-def]
    outcome = services.year_match_main(actor=SYSTEM, year=world["year"])
    assert outcome.placed == 2
    place = {p.application_id: p for p in Placement.objects.filter(round=Round.MAIN)}
    assert place[world["best"].pk].school_class == world["a"]
    assert place[world["middle"].pk].school_class == world["b"]
    assert place[world["middle"].pk].choice == 2
    assert place[world["last"].pk].status == PlacementStatus.UNPLACED
    figures = ClassRound.objects.get(school_class=world["a"], round=Round.MAIN)
    assert figures.applicants == 3
    assert figures.qualified == 1
    assert figures.lowest_points == place[world["best"].pk].points
    world["year"].refresh_from_db()
    assert world["year"].status == YearStatus.QUALIFIED


def test_the_explanation_names_the_lowest_score_and_the_deciding_rule(world) -> None:  # type: ignore[no-untyped-def]
    services.year_match_main(actor=SYSTEM, year=world["year"])
    placement, lines = selectors.explanation(world["middle"])
    assert placement.school_class == world["b"]
    [line] = lines
    assert line.school_class == world["a"]
    assert line.lowest_points > line.my_points
    assert line.rule == "points"


def test_on_equal_points_the_criteria_decide_and_the_explanation_says_so() -> None:
    year = year_make()
    a = class_make(year, school_make(), "1A", 1)
    b = class_make(year, school_make("II LO"), "1B", 5)
    winner = candidate_make(year, "Nowak", 80, [a, b], large_family=True)
    loser = candidate_make(year, "Kowal", 80, [a, b])
    services.year_match_main(actor=SYSTEM, year=year)
    assert Placement.objects.get(application=winner).school_class == a
    _placement, [line] = selectors.explanation(loser)
    assert line.my_points == line.lowest_points
    assert line.rule == "criteria"


def test_a_laureate_is_admitted_first() -> None:
    year = year_make()
    a = class_make(year, school_make(), "1A", 1)
    strong = candidate_make(year, "Nowak", 100, [a])
    laureate = candidate_make(year, "Kowal", 20, [a], laureate=True)
    services.year_match_main(actor=SYSTEM, year=year)
    assert Placement.objects.get(application=laureate).school_class == a
    assert Placement.objects.get(application=strong).status == PlacementStatus.UNPLACED


def test_an_aptitude_test_class_takes_only_those_who_passed() -> None:
    year = year_make()
    sport = class_make(year, school_make(), "1S", 5, aptitude_test=True)
    passed = candidate_make(year, "Nowak", 40, [sport])
    failed = candidate_make(year, "Kowal", 90, [sport])
    Preference.objects.filter(application=passed).update(aptitude_passed=True)
    Preference.objects.filter(application=failed).update(aptitude_passed=False)
    services.year_match_main(actor=SYSTEM, year=year)
    assert Placement.objects.get(application=passed).school_class == sport
    assert not Placement.objects.filter(application=failed).exists()


def _through_admitted(world) -> None:  # type: ignore[no-untyped-def]
    year: RecruitmentYear = world["year"]
    services.year_match_main(actor=SYSTEM, year=year)
    best = Placement.objects.get(application=world["best"])
    services.intent_confirm(actor=actor(world["best"]), placement=best)
    # "middle" does not confirm; the deadline passes.
    today = timezone.localdate()
    RecruitmentYear.objects.filter(pk=year.pk).update(
        applications_until=today - timedelta(days=3),
        qualified_on=today - timedelta(days=2),
        confirm_until=today - timedelta(days=1),
        admitted_on=today,
    )
    year.refresh_from_db()
    services.year_publish_admitted(actor=SYSTEM, year=year)


def test_confirmation_and_the_lists_of_admitted(world) -> None:  # type: ignore[no-untyped-def]
    _through_admitted(world)
    assert Placement.objects.get(application=world["best"]).status == PlacementStatus.ADMITTED
    assert Placement.objects.get(application=world["middle"]).status == PlacementStatus.LAPSED
    assert ClassRound.objects.get(school_class=world["b"], round=Round.MAIN).free_seats == 1
    lines = selectors.class_list(world["a"], admitted=True)
    assert [x.last_name for x in lines] == ["Adamska", "Łukasik", "Żak"]  # Polish alphabetical order
    assert [x.qualified for x in lines] == [False, False, True]


def test_nobody_confirms_for_someone_else(world) -> None:  # type: ignore[no-untyped-def]
    services.year_match_main(actor=SYSTEM, year=world["year"])
    placement = Placement.objects.get(application=world["best"])
    with pytest.raises(PermissionDenied):
        services.intent_confirm(actor=actor(world["middle"]), placement=placement)


def test_the_school_may_confirm_at_its_desk(world) -> None:  # type: ignore[no-untyped-def]
    services.year_match_main(actor=SYSTEM, year=world["year"])
    placement = Placement.objects.get(application=world["best"])
    services.intent_confirm(actor=Actor(user=director_of(world["school"])), placement=placement)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CONFIRMED


def test_the_supplementary_round_keeps_admitted_seats_unless_a_better_one_comes(world) -> None:  # type: ignore[no-untyped-def]
    _through_admitted(world)
    year = world["year"]
    c = class_make(year, world["school"], "1C", 1)
    # "best" (admitted to 1A) tries 1C; "middle" (lapsed) and "last" apply for 1A and 1C.
    services.preferences_save(
        actor=actor(world["best"]), application=world["best"], class_ids=[c.pk], round_=Round.SUPPLEMENTARY
    )
    services.preferences_save(
        actor=actor(world["last"]),
        application=world["last"],
        class_ids=[world["a"].pk, c.pk],
        round_=Round.SUPPLEMENTARY,
    )
    services.year_match_supplementary(actor=SYSTEM, year=year)
    # best wins 1C (more points), releasing 1A, which "last" then takes.
    assert placement_current(world["best"]).school_class == c
    assert (
        Placement.objects.get(application=world["best"], round=Round.MAIN).status == PlacementStatus.RELEASED
    )
    assert placement_current(world["last"]).school_class == world["a"]


def test_an_admitted_seat_is_kept_when_nothing_better_is_free(world) -> None:  # type: ignore[no-untyped-def]
    _through_admitted(world)
    year = world["year"]
    # "best" asks only for 1B, which is free; "middle" too. best wins 1B; but with 1B full of a
    # stronger candidate, best would keep 1A: here 1B has one seat and best is the strongest.
    full = class_make(year, world["school"], "1D", 0)
    services.preferences_save(
        actor=actor(world["best"]), application=world["best"], class_ids=[full.pk], round_=Round.SUPPLEMENTARY
    )
    services.year_match_supplementary(actor=SYSTEM, year=year)
    assert placement_current(world["best"]).school_class == world["a"]
    assert (
        Placement.objects.get(application=world["best"], round=Round.MAIN).status == PlacementStatus.ADMITTED
    )


def test_appeal_steps_deadlines_and_the_generated_justification(world) -> None:  # type: ignore[no-untyped-def]
    _through_admitted(world)
    director = director_of(world["school"])
    middle = world["middle"]
    appeal = services.justification_request(actor=actor(middle), application=middle, school_class=world["a"])
    text = selectors.justification_text(appeal)
    assert "Adamska" in text
    assert "art. 158" in text
    lowest = ClassRound.objects.get(school_class=world["a"], round=Round.MAIN).lowest_points
    assert f"{lowest // 100},{lowest % 100:02d}" in text
    with pytest.raises(PermissionDenied):
        services.appeal_justify(actor=actor(middle), appeal=appeal, justification=text)
    services.appeal_justify(actor=Actor(user=director), appeal=appeal, justification=text)
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.JUSTIFIED
    # An appeal four days after the justification is too late.
    type(appeal).objects.filter(pk=appeal.pk).update(justified_on=timezone.localdate() - timedelta(days=4))
    appeal.refresh_from_db()
    with pytest.raises(ValidationError):
        services.appeal_file(actor=actor(middle), appeal=appeal, grounds="Proszę o ponowne rozpatrzenie.")
    type(appeal).objects.filter(pk=appeal.pk).update(justified_on=timezone.localdate() - timedelta(days=3))
    appeal.refresh_from_db()
    services.appeal_file(actor=actor(middle), appeal=appeal, grounds="Proszę o ponowne rozpatrzenie.")
    services.appeal_decide(
        actor=Actor(user=director), appeal=appeal, uphold=False, decision="Punkty policzone dobrze."
    )
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.DISMISSED


def test_a_justification_is_requested_within_3_days_of_the_lists(world) -> None:  # type: ignore[no-untyped-def]
    _through_admitted(world)
    year = world["year"]
    RecruitmentYear.objects.filter(pk=year.pk).update(
        applications_until=timezone.localdate() - timedelta(days=7),
        qualified_on=timezone.localdate() - timedelta(days=6),
        confirm_until=timezone.localdate() - timedelta(days=5),
        admitted_on=timezone.localdate() - timedelta(days=4),
    )
    world["middle"].year.refresh_from_db()
    with pytest.raises(ValidationError):
        services.justification_request(
            actor=actor(world["middle"]), application=world["middle"], school_class=world["a"]
        )


def test_ranking_rules_of_the_authority() -> None:
    year = year_make()
    year.max_schools = 1
    year.save()
    a = class_make(year, school_make(), "1A", 1)
    b = class_make(year, school_make("II LO"), "1B", 1)
    application = candidate_make(year, "Nowak", 50, [], status="draft")
    with pytest.raises(ValidationError):
        services.preferences_save(actor=actor(application), application=application, class_ids=[a.pk, b.pk])
    with pytest.raises(ValidationError):
        services.preferences_save(actor=actor(application), application=application, class_ids=[a.pk, a.pk])
    with pytest.raises(PermissionDenied):
        services.preferences_save(actor=Actor(user=UserFactory()), application=application, class_ids=[a.pk])
    services.preferences_save(actor=actor(application), application=application, class_ids=[a.pk])
    services.application_submit(actor=actor(application), application=application)
    application.refresh_from_db()
    assert application.status == "submitted"
