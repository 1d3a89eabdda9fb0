"""The gap map on constructed data: demand (respondents naming a topic) per gmina against the places
a registered supply source and the centre's plan schedule there; a gmina under the threshold shows
no demand; the powiat view sums its gminas; the pure rule on its own."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.education import domain_diagnosis as dd
from kierunek.education.models_training import TrainingCourse
from kierunek.education.selectors_diagnosis import gap_map, results_by_gmina
from kierunek.education.selectors_training import scheduled_course_places
from kierunek.education.services.diagnosis import NeedsAnswer, course_plan_save, needs_answer
from kierunek.education.supply import SUPPLY_SOURCES, supply_source_register
from kierunek.geo.models import Gmina
from tests.accounts.factories import StaffUserFactory
from tests.education import builders as b
from tests.education.training import builders as training

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer():
    """A constructed training offer: 2 places of digital training in Kraków, 5 of wellbeing in
    Wieliczka, in the school year 2026 only."""
    places = {2026: {("digital", b.KRAKOW): 2, ("wellbeing", b.WIELICZKA): 5, ("digital", b.OUTSIDE): 50}}
    supply_source_register("tests.offer", lambda year: places.get(year, {}))
    yield
    SUPPLY_SOURCES.pop("tests.offer")


def answer(user, topics):
    needs_answer(
        actor=Actor.of(user),
        assessment=answer.assessment,
        answer=NeedsAnswer(topics=topics, forms=["course"], timing="autumn"),
    )


def test_the_gap_map_on_constructed_data(offer):
    m = b.metropolis()
    answer.assessment = assessment = b.assessment(m, threshold=3)
    for _ in range(5):
        answer(b.teacher(b.KRAKOW), ["digital", "wellbeing"])
    for _ in range(3):
        answer(b.teacher(b.WIELICZKA), ["wellbeing"])
    answer(b.director(b.NIEPOLOMICE), ["digital"])  # one response: under the threshold
    answer(b.gmina_staff(b.NIEPOLOMICE), ["digital"])
    rows = {(r.topic, r.area): r for r in gap_map(assessment).rows}
    assert len(rows) == 3 * 10  # every topic in every member gmina
    krakow_digital = rows[("digital", b.KRAKOW)]
    assert (krakow_digital.responses, krakow_digital.demand, krakow_digital.supply) == (5, 5, 2)
    assert (krakow_digital.gap, krakow_digital.status) == (3, dd.UNMET)
    wieliczka = rows[("wellbeing", b.WIELICZKA)]
    assert (wieliczka.demand, wieliczka.supply, wieliczka.status) == (3, 5, dd.MET)
    hidden = rows[("digital", b.NIEPOLOMICE)]
    assert (hidden.responses, hidden.demand, hidden.status) == (2, None, dd.HIDDEN)
    assert ("digital", b.OUTSIDE) not in rows  # supply outside the Metropolis is not on its map
    # the centre plans 4 more places of digital training in Kraków: the gap closes
    course_plan_save(
        actor=Actor.of(StaffUserFactory(role=Role.TRAINING_CENTRE_STAFF)),
        assessment=assessment,
        topic="digital",
        gmina=Gmina.objects.get(teryt=b.KRAKOW),
        planned_courses=1,
        planned_places=4,
    )
    after = {(r.topic, r.area): r for r in gap_map(assessment).rows}[("digital", b.KRAKOW)]
    assert (after.supply, after.gap, after.status) == (6, -1, dd.MET)


def test_the_powiat_view_sums_its_gminas_and_applies_the_threshold_to_the_sum(offer):
    m = b.metropolis()
    answer.assessment = assessment = b.assessment(m, threshold=3)
    for _ in range(2):
        answer(b.teacher(b.WIELICZKA), ["wellbeing"])
    answer(b.teacher(b.NIEPOLOMICE), ["wellbeing"])
    by_gmina = {(r.topic, r.area): r for r in gap_map(assessment).rows}
    assert by_gmina[("wellbeing", b.WIELICZKA)].demand is None
    by_powiat = {(r.topic, r.area): r for r in gap_map(assessment, area="powiat").rows}
    wielicki = by_powiat[("wellbeing", "1219")]
    assert (wielicki.responses, wielicki.demand, wielicki.supply, wielicki.gap) == (3, 3, 5, -2)
    only = gap_map(assessment, area="powiat", topic="wellbeing").rows
    assert {r.topic for r in only} == {"wellbeing"}


def test_results_by_gmina_hide_a_gmina_under_the_threshold():
    m = b.metropolis()
    answer.assessment = assessment = b.assessment(m, threshold=2)
    answer(b.teacher(b.KRAKOW), ["law"])
    answer(b.teacher(b.KRAKOW), ["law", "stem"])
    answer(b.teacher(b.WIELICZKA), ["law"])
    rows = {row.gmina.teryt: row for row in results_by_gmina(assessment)}
    assert rows[b.KRAKOW].counts[-1] == 2  # "law" is the last topic
    assert rows[b.WIELICZKA].hidden
    assert set(rows[b.WIELICZKA].counts) == {None}
    assert rows[b.NIEPOLOMICE].responses == 0


def test_the_pure_gap_rule():
    rows = dd.gaps(
        topics=["t"],
        areas=["a", "b", "c"],
        responses={"a": 5, "b": 1, "c": 5},
        demand={("t", "a"): 4, ("t", "b"): 1, ("t", "c"): 2},
        supply={("t", "a"): 1, ("t", "b"): 9, ("t", "c"): 2},
        threshold=5,
    )
    assert [(r.area, r.demand, r.gap, r.status) for r in rows] == [
        ("a", 4, 3, dd.UNMET),
        ("b", None, None, dd.HIDDEN),
        ("c", 2, 0, dd.MET),
    ]
    assert dd.roll_up({("t", "a"): 1, ("t", "b"): 2}, {"a": "P", "b": "P"}) == {("t", "P"): 3}
    assert dd.PlanCheck(planned=4, delivered=3).rate == 0.75
    assert dd.PlanCheck(planned=4, delivered=None).shortfall is None


def test_the_centres_plan_is_a_registered_supply_source():
    assert "education.course_plan" in SUPPLY_SOURCES


def _course_at(starts: datetime, **fields):
    return training.course(now=starts, days=0, capacity=fields.pop("capacity", 12), **fields)


def test_the_training_offer_is_the_scheduled_supply_of_its_year_topic_and_gmina():
    """Given the centre's courses of several years, places, topics and gminas, when the gap map of
    2026/2027 is read, then only the published seats of that year's courses held in a gmina count,
    under their diagnosis topic and the gmina they are held in."""
    assert "education.training_offer" in SUPPLY_SOURCES
    m = b.metropolis()
    answer.assessment = assessment = b.assessment(m, threshold=3, year=2026)
    for _ in range(5):
        answer(b.teacher(b.KRAKOW), ["digital"])
    warsaw = ZoneInfo("Europe/Warsaw")
    _course_at(datetime(2026, 10, 15, 15, tzinfo=warsaw), gmina_teryt=b.KRAKOW, need_topic="digital")
    _course_at(
        datetime(2027, 8, 31, 23, tzinfo=warsaw), gmina_teryt=b.KRAKOW, need_topic="digital", capacity=2
    )
    _course_at(
        datetime(2026, 8, 31, 23, tzinfo=warsaw), gmina_teryt=b.KRAKOW, need_topic="digital"
    )  # 2025/26
    _course_at(
        datetime(2027, 9, 1, 0, 30, tzinfo=warsaw), gmina_teryt=b.KRAKOW, need_topic="digital"
    )  # 2027/28
    _course_at(datetime(2026, 11, 5, 15, tzinfo=warsaw), gmina_teryt=b.KRAKOW)  # no diagnosis topic
    _course_at(
        datetime(2026, 11, 5, 15, tzinfo=warsaw),
        gmina_teryt="",
        address="",
        online_url="https://spotkania.example/pokoj",
        need_topic="digital",
    )
    _course_at(
        datetime(2026, 12, 1, 15, tzinfo=warsaw), gmina_teryt=b.WIELICZKA, need_topic="wellbeing", capacity=7
    )

    assert scheduled_course_places(2026) == {("digital", b.KRAKOW): 14, ("wellbeing", b.WIELICZKA): 7}
    rows = {(r.topic, r.area): r for r in gap_map(assessment).rows}
    krakow = rows[("digital", b.KRAKOW)]
    assert (krakow.demand, krakow.supply, krakow.gap, krakow.status) == (5, 14, -9, dd.MET)
    assert rows[("wellbeing", b.WIELICZKA)].supply == 7
    assert scheduled_course_places(2025) == {("digital", b.KRAKOW): 12}


def test_a_planned_course_once_published_counts_once():
    """Given the centre's plan of 10 digital places in Kraków, when it publishes a course of 12
    places there, then the map's supply is the course's 12 (not 22); with a course of 4, the plan's
    6 places not yet scheduled still count beside it."""
    m = b.metropolis()
    answer.assessment = assessment = b.assessment(m, threshold=1, year=2026)
    answer(b.teacher(b.KRAKOW), ["digital"])
    course_plan_save(
        actor=Actor.of(StaffUserFactory(role=Role.TRAINING_CENTRE_STAFF)),
        assessment=assessment,
        topic="digital",
        gmina=Gmina.objects.get(teryt=b.KRAKOW),
        planned_courses=2,
        planned_places=10,
    )
    warsaw = ZoneInfo("Europe/Warsaw")
    _course_at(
        datetime(2026, 10, 15, 15, tzinfo=warsaw), gmina_teryt=b.KRAKOW, need_topic="digital", capacity=4
    )
    supply = {(r.topic, r.area): r.supply for r in gap_map(assessment).rows}
    assert supply[("digital", b.KRAKOW)] == 10
    _course_at(
        datetime(2026, 11, 15, 15, tzinfo=warsaw), gmina_teryt=b.KRAKOW, need_topic="digital", capacity=8
    )
    supply = {(r.topic, r.area): r.supply for r in gap_map(assessment).rows}
    assert supply[("digital", b.KRAKOW)] == 12


def test_an_unknown_diagnosis_topic_is_refused_and_nothing_is_published():
    before = TrainingCourse.objects.count()
    with pytest.raises(ValidationError) as refusal:
        _course_at(datetime(2026, 10, 15, 15, tzinfo=ZoneInfo("Europe/Warsaw")), need_topic="astrology")
    assert "need_topic" in refusal.value.message_dict
    assert TrainingCourse.objects.count() == before
