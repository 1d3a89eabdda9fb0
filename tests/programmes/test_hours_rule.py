"""The programme's hours rule: its value, how it counts a service's hours from the sessions, and
what a card is charged for (issue 13, repair 2). The counting is pure (kierunek.catalogue.domain);
the dated versions are the programme's."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from kierunek.catalogue.domain import HoursRules
from kierunek.programmes import domain, explain, hours_rules, selectors
from kierunek.programmes.models import RuleKey, RuleVersion
from tests.programmes.helpers import demo_programme

DAY = date(2027, 3, 1)
KIERUNEK_KARIERA = HoursRules(
    hour_minutes=60, break_minutes=30, break_after_minutes=360, tolerance_minutes=30
)


def meeting(start: str, end: str, day: date = DAY):
    return (day, time.fromisoformat(start), time.fromisoformat(end))


# --- the value ---------------------------------------------------------------------------------


def test_the_value_parses_into_the_rule():
    rules = hours_rules.hours_rules_from(
        {"hour_minutes": 45, "break_minutes": 15, "break_after_minutes": 240, "tolerance_minutes": 20},
        valid_from=DAY,
        decision_ref="Uchwała 1/27",
    )
    assert rules == HoursRules(
        hour_minutes=45,
        break_minutes=15,
        break_after_minutes=240,
        tolerance_minutes=20,
        valid_from=DAY,
        decision_ref="Uchwała 1/27",
    )


def test_only_the_length_of_an_hour_is_required():
    assert hours_rules.hours_rules_from({"hour_minutes": 60}) == HoursRules()


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ([60], "object"),
        ({}, "hour_minutes"),
        ({"hour_minutes": 0}, "hour_minutes"),
        ({"hour_minutes": "60"}, "hour_minutes"),
        ({"hour_minutes": 45.5}, "hour_minutes"),
        ({"hour_minutes": 121}, "hour_minutes"),
        ({"hour_minutes": 60, "break_minutes": -1}, "break_minutes"),
        ({"hour_minutes": 60, "break_after_minutes": True}, "break_after_minutes"),
        ({"hour_minutes": 60, "tolerance_minutes": -5}, "tolerance_minutes"),
    ],
)
def test_a_malformed_value_is_refused_with_what_is_wrong(value, named):
    with pytest.raises(domain.RuleValueError, match=named):
        domain.validate_rule_value(domain.RULE_HOURS, value)


# --- counting ----------------------------------------------------------------------------------


def test_clock_hours_of_the_sessions():
    assert HoursRules().scheduled_hours([meeting("09:00", "17:00"), meeting("17:00", "20:30")]) == Decimal(
        "11.5"
    )


def test_teaching_hours_of_45_minutes():
    """The vocational project's hours: 9:00-15:00 is eight teaching hours."""
    assert HoursRules(hour_minutes=45).scheduled_hours([meeting("09:00", "15:00")]) == Decimal(8)
    # 100 minutes are 2.2 teaching hours, rounded down: never more than was scheduled.
    assert HoursRules(hour_minutes=45).scheduled_hours([meeting("09:00", "10:40")]) == Decimal("2.2")


def test_the_break_is_not_counted_on_a_long_day_only():
    assert KIERUNEK_KARIERA.scheduled_hours([meeting("09:00", "17:00")]) == Decimal("7.5")
    assert KIERUNEK_KARIERA.scheduled_hours([meeting("09:00", "15:00")]) == Decimal(6)
    # A day just over the limit keeps the limit: a longer day never counts less than a shorter one.
    assert KIERUNEK_KARIERA.scheduled_hours([meeting("09:00", "15:10")]) == Decimal(6)
    # Two sessions of one day are one day: 5 + 3 hours, less one break.
    assert KIERUNEK_KARIERA.scheduled_hours(
        [meeting("08:00", "13:00"), meeting("14:00", "17:00")]
    ) == Decimal("7.5")


def test_the_same_time_entered_twice_counts_once():
    twice = [meeting("09:00", "13:00"), meeting("09:00", "13:00"), meeting("12:00", "14:00")]
    assert HoursRules().scheduled_hours(twice) == Decimal(5)


def test_a_session_ending_before_it_starts_counts_nothing():
    assert HoursRules().scheduled_hours([meeting("17:00", "09:00")]) == Decimal(0)


def test_two_eight_hour_sessions_do_not_make_two_hundred_hours():
    sessions = [meeting("09:00", "17:30"), meeting("09:00", "17:30", DAY + timedelta(days=1))]
    assert KIERUNEK_KARIERA.scheduled_hours(sessions) == Decimal(16)
    assert not KIERUNEK_KARIERA.matches(Decimal(200), sessions)
    assert KIERUNEK_KARIERA.counted_hours(Decimal(200), sessions) == Decimal(16)
    assert KIERUNEK_KARIERA.matches(Decimal(16), sessions)
    assert KIERUNEK_KARIERA.counted_hours(Decimal(16), sessions) == Decimal(16)


def test_declared_hours_match_within_the_tolerance():
    sessions = [meeting("09:00", "12:45")]  # 3.75 hours
    assert KIERUNEK_KARIERA.matches(Decimal("3.5"), sessions)
    assert KIERUNEK_KARIERA.matches(Decimal("4.2"), sessions)
    assert not KIERUNEK_KARIERA.matches(Decimal("4.3"), sessions)
    assert not KIERUNEK_KARIERA.matches(Decimal("3.2"), sessions)
    assert KIERUNEK_KARIERA.counted_hours(Decimal("4.2"), sessions) == Decimal("4.2")
    assert KIERUNEK_KARIERA.counted_hours(Decimal("4.3"), sessions) == Decimal("3.7")


TIMES = st.times(min_value=time(6), max_value=time(22)).map(lambda t: t.replace(second=0, microsecond=0))
MEETINGS = st.lists(
    st.tuples(st.integers(0, 6).map(lambda n: DAY + timedelta(days=n)), TIMES, TIMES).map(
        lambda m: (m[0], min(m[1], m[2]), max(m[1], m[2]))
    ),
    max_size=8,
)
RULES = st.builds(
    HoursRules,
    hour_minutes=st.integers(1, 120),
    break_minutes=st.integers(0, 60),
    break_after_minutes=st.integers(0, 600),
    tolerance_minutes=st.integers(0, 90),
)
DECLARED = st.decimals(min_value=0, max_value=300, places=1, allow_nan=False, allow_infinity=False)


@given(rules=RULES, meetings=MEETINGS, more=MEETINGS)
def test_more_sessions_never_count_fewer_hours(rules, meetings, more):
    assert rules.scheduled_hours(meetings + more) >= rules.scheduled_hours(meetings)


@given(rules=RULES, meetings=MEETINGS)
def test_the_order_and_repetition_of_sessions_do_not_matter(rules, meetings):
    assert rules.scheduled_hours(list(reversed(meetings)) + meetings) == rules.scheduled_hours(meetings)


@given(rules=RULES, meetings=MEETINGS)
def test_never_more_than_the_clock_time(rules, meetings):
    clock = sum(
        (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute) for _day, start, end in meetings
    )
    assert rules.scheduled_hours(meetings) * rules.hour_minutes <= clock


@given(rules=RULES, meetings=MEETINGS, declared=DECLARED)
def test_a_card_is_never_charged_more_than_it_declares_nor_beyond_its_sessions(rules, meetings, declared):
    counted = rules.counted_hours(declared, meetings)
    assert counted <= declared
    assert (
        counted * rules.hour_minutes * 60 <= rules.scheduled_seconds(meetings) + rules.tolerance_minutes * 60
    )
    if rules.matches(declared, meetings):
        assert counted == declared


# --- the programme's versions ------------------------------------------------------------------


@pytest.mark.django_db
def test_kierunek_kariera_counts_60_minute_hours_with_a_break_on_long_days():
    rules = selectors.hours_rules_on(programme=demo_programme(), day=DAY)
    assert (rules.hour_minutes, rules.break_minutes, rules.break_after_minutes, rules.tolerance_minutes) == (
        60,
        30,
        360,
        30,
    )
    assert rules.valid_from == date(2025, 1, 1)
    assert rules.decision_ref.startswith("Uchwała")


@pytest.mark.django_db
def test_a_later_version_applies_from_its_day():
    programme = demo_programme()
    RuleVersion.objects.create(
        programme=programme,
        key=RuleKey.HOURS,
        valid_from=DAY,
        value={"hour_minutes": 45, "tolerance_minutes": 15},
        decision_ref="Uchwała 2/27",
    )
    assert selectors.hours_rules_on(programme=programme, day=DAY - timedelta(days=1)).hour_minutes == 60
    assert selectors.hours_rules_on(programme=programme, day=DAY).hour_minutes == 45
    with pytest.raises(selectors.RuleNotInForce):
        selectors.hours_rules_on(programme=programme, day=date(2024, 12, 31))


@pytest.mark.django_db
def test_the_rule_is_described_in_words():
    version = RuleVersion.objects.get(programme=demo_programme(), key=RuleKey.HOURS)
    with translation.override("en"):
        lines = explain.describe_rule(version)
    assert lines == [
        "An hour of a service lasts 60 minutes.",
        "On a day of more than 360 minutes of sessions, 30 minutes are a break and do not count.",
        "The hours a service declares must match its sessions within 30 minutes; a service declaring more "
        "takes vouchers for the hours of its sessions.",
    ]
    with translation.override("pl"):
        assert explain.describe_rule(version)[0] == "Godzina usługi trwa 60 minut."
