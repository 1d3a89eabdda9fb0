"""Outreach's indicators on constructed data, with exact figures: the people of each step of the
journey who reached it in the period, by gmina and powiat of residence, the registrations per
1 000 adult residents, and the rate hidden wherever the count behind it is."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.disclosure import Hidden
from kierunek.core.indicators import TOTAL, Breakdown, Period, indicator_get
from kierunek.guidance.models import CompetenceBalance
from kierunek.outreach import reach
from kierunek.reports.domain import period_parse
from kierunek.reports.selectors import indicator_table
from tests.accounts.factories import ParticipantFactory, StaffUserFactory

from .builders import NIEPOLOMICE, WIELICZKA, resident
from .test_reach import population

pytestmark = pytest.mark.django_db


def values(found):
    return {key: (figure.value, figure.people) for key, figure in found.items()}


def this_year():
    return period_parse(str(timezone.localdate().year))


@pytest.fixture
def constructed():
    """Wieliczka: 20 000 adults, 12 residents, 2 of whom registered last year; Niepołomice: 5 500
    adults, 12 residents, 1 of whom registered and had a balance last year; 3 people who never
    applied. Balances this year: the 2 early Wieliczka residents and 8 others of Wieliczka."""
    population("1219053;Wieliczka;20 000", "1219043;Niepołomice;5 500")
    advisor = StaffUserFactory(role=Role.ADVISOR)
    wieliczka = [resident(WIELICZKA) for _ in range(12)]
    niepolomice = [resident(NIEPOLOMICE) for _ in range(12)]
    for _ in range(3):
        ParticipantFactory()
    last_year = timezone.now().replace(year=timezone.localdate().year - 1, month=6, day=1)
    type(wieliczka[0]).objects.filter(pk__in=[p.pk for p in wieliczka[:2]]).update(date_joined=last_year)
    for person in wieliczka[:10]:
        CompetenceBalance.objects.create(participant=person, advisor=advisor)
    early = CompetenceBalance.objects.create(participant=niepolomice[0], advisor=advisor)
    CompetenceBalance.objects.filter(pk=early.pk).update(started_at=last_year)
    type(early.participant).objects.filter(pk=early.participant_id).update(date_joined=last_year)


def test_each_step_counts_the_people_who_reached_it_in_the_period(constructed):
    span = Period(this_year().start, this_year().end)
    registered = indicator_get("outreach.reach_registered").compute
    assert values(registered(span, None)) == {TOTAL: (24, 24)}
    assert values(registered(span, Breakdown.GMINA)) == {
        WIELICZKA: (10, 10),
        NIEPOLOMICE: (11, 11),
        "": (3, 3),
    }
    assert values(registered(span, Breakdown.POWIAT)) == {"1219": (21, 21), "": (3, 3)}
    balance = indicator_get("outreach.reach_balance").compute
    # The two who registered last year had their balance this year; Niepołomice's began last year.
    assert values(balance(span, Breakdown.GMINA)) == {WIELICZKA: (10, 10)}
    previous = Period(date(span.start.year - 1, 1, 1), span.start - timedelta(days=1))
    assert values(registered(previous, Breakdown.GMINA)) == {WIELICZKA: (2, 2), NIEPOLOMICE: (1, 1)}
    assert values(balance(previous, None)) == {TOTAL: (1, 1)}
    assert values(indicator_get("outreach.reach_vouchers_issued").compute(span, None)) == {}


def test_the_rate_per_thousand_and_its_suppression_follow_the_count(constructed):
    span = Period(this_year().start, this_year().end)
    rate = indicator_get("outreach.registered_per_thousand").compute
    # 10 / 20 000 = 0.5 per 1 000; 11 / 5 500 = 2.0; the region: 21 / 25 500 = 0.82 -> 0.8.
    assert values(rate(span, Breakdown.GMINA)) == {WIELICZKA: (5, 10), NIEPOLOMICE: (20, 11)}
    assert values(rate(span, None)) == {TOTAL: (8, 21)}
    counts = {
        row.key: row
        for row in indicator_table(
            indicator_get("outreach.reach_registered"), this_year(), Breakdown.GMINA
        ).rows
    }
    # The 3 of no known gmina are under 10; Wieliczka (10) is hidden beside them, or the total
    # would give them back.
    assert counts[""].hidden == Hidden.PRIMARY
    assert counts[WIELICZKA].hidden == Hidden.SECONDARY
    assert counts[NIEPOLOMICE].value == 11
    table = indicator_table(indicator_get("outreach.registered_per_thousand"), this_year(), Breakdown.GMINA)
    rows = {row.key: row for row in table.rows}
    # Wieliczka's rate is about 10 people, but with its 20 000 adults it would tell the hidden count.
    assert rows[WIELICZKA].value is None
    assert rows[WIELICZKA].hidden == Hidden.SECONDARY
    assert rows[NIEPOLOMICE].value == 20
    assert table.total == 8


def test_the_steps_are_the_reach_pages(constructed):
    """The indicators of a year that began before anyone registered agree with the reach page."""
    table = reach.reach_table()
    span = Period(date(2000, 1, 1), timezone.localdate())
    registered = indicator_get("outreach.reach_registered").compute(span, None)[TOTAL].value
    assert registered == 27
    assert table.totals["registered"].value == 27
    balance = indicator_get("outreach.reach_balance").compute(span, None)[TOTAL].value
    assert balance == table.totals["balance"].value == 11


def test_the_database_counts_the_people_the_reach_pages_sets_hold(constructed):
    """The indicators count in the database (``figures.reaching``, ``figures.residence_of``) what
    the reach page reads as sets (``figures.steps``, ``figures.residence``): the same people for
    every step and period, each in the same gmina."""
    from kierunek.accounts.models import User
    from kierunek.outreach import figures

    today = timezone.localdate()
    spans = [
        (date(today.year, 1, 1), today),
        (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
        (date(today.year - 1, 6, 1), date(today.year - 1, 6, 1)),
        (date(2000, 1, 1), today),
    ]
    for first, last in spans:
        by_end = figures.steps(until=last)
        before = figures.steps(until=first - timedelta(days=1))
        for step in figures.STEPS:
            expected = by_end.people[step] - before.people[step]
            found = set(figures.reaching(step, first=first, last=last).values_list("pk", flat=True))
            assert found == expected, (step, first, last)
    lives = figures.residence()
    in_database = dict(
        User.objects.filter(role=Role.PARTICIPANT)
        .annotate(lives_in=figures.residence_of("residence_gmina_id"))
        .values_list("pk", "lives_in")
    )
    assert in_database == {person: lives.get(person) for person in in_database}
    assert sum(1 for gmina in in_database.values() if gmina is not None) == 24


def test_where_people_live_is_their_newest_application_that_stands():
    """The views the indicators join (``residence_of``; ``participant_group``) give what Python
    reads row by row (``residence``; ``participant_groups``): a newer application that was
    withdrawn leaves the person living where the older one said, for outreach, while the
    programme's breakdowns take the newest submitted one all the same; two applications
    submitted at the same moment: the later made wins."""
    from kierunek.accounts.models import User
    from kierunek.outreach import figures
    from kierunek.programmes import indicators as programme_indicators
    from kierunek.programmes.models import Application, ApplicationStatus
    from tests.outreach.builders import gmina

    moved, tied = resident(WIELICZKA), resident(WIELICZKA)
    older = Application.objects.get(participant=moved)
    programme = older.programme
    programme.pk = None
    programme.code = "drugi-nabor"
    programme.save()
    for person, status, later in (
        (moved, ApplicationStatus.WITHDRAWN, timedelta(days=3)),
        (tied, ApplicationStatus.SUBMITTED, timedelta(0)),
    ):
        first = Application.objects.get(participant=person)
        newer = Application.objects.get(pk=first.pk)
        newer.pk = None
        newer.programme = programme
        newer.residence_gmina = gmina(NIEPOLOMICE)
        newer.status = status
        newer.submitted_at = first.submitted_at + later
        newer.save()
    people = [moved.pk, tied.pk]
    lives = figures.residence()
    standing = dict(
        User.objects.filter(pk__in=people)
        .annotate(lives_in=figures.residence_of("residence_gmina__teryt"))
        .values_list("pk", "lives_in")
    )
    assert standing == {moved.pk: WIELICZKA, tied.pk: NIEPOLOMICE}
    assert {person: gmina_id for person, gmina_id in lives.items() if person in people} == {
        moved.pk: gmina(WIELICZKA).pk,
        tied.pk: gmina(NIEPOLOMICE).pk,
    }
    span = Period(date(2026, 1, 1), date(2026, 12, 31))
    newest = dict(
        User.objects.filter(pk__in=people)
        .annotate(group=programme_indicators.participant_group(Breakdown.GMINA, span, person="pk"))
        .values_list("pk", "group")
    )
    assert newest == {moved.pk: NIEPOLOMICE, tied.pk: NIEPOLOMICE}
    assert programme_indicators.participant_groups(people, Breakdown.GMINA, span) == newest


def test_the_steps_of_the_vouchers_count_whoever_first_booked_in_the_period():
    """Bookings made last year and this year, one that gave the vouchers back, completed and not;
    vouchers issued and balances begun last year and this year; people registered last year and
    this year: the people of each step by the database, each step alone and all steps in one count
    on a page, are those the reach page's sets give, with exact figures for the steps after
    registration."""
    from kierunek.accounts.models import User
    from kierunek.core.indicators import figures_reused
    from kierunek.outreach import figures
    from kierunek.vouchers.models import Booking, BookingStatus, VoucherAccount
    from tests.guidance.builders import signed_balance
    from tests.vouchers.builders import book, completed, issued_account

    today = timezone.localdate()
    last_year = timezone.now().replace(year=today.year - 1, month=6, day=1)

    accounts = {}

    def booked(person, *, made=None, done=False, gave_back=False):
        if person.pk not in accounts:
            accounts[person.pk] = issued_account(person)
        booking = book(accounts[person.pk])
        if done:
            booking = completed(booking)
        changes = {"created_at": made} if made else {}
        if gave_back:
            changes["status"] = BookingStatus.CANCELLED
        Booking.objects.filter(pk=booking.pk).update(**changes)

    people = {}
    for name, teryt, joined in (
        ("early", WIELICZKA, last_year),
        ("new", WIELICZKA, None),
        ("returned", NIEPOLOMICE, last_year),
        ("booked_first", NIEPOLOMICE, None),
        ("done_before", NIEPOLOMICE, last_year),
    ):
        person = resident(teryt)
        balance = signed_balance(participant=person)
        balance.plan.areas.update(package_kind="general")
        if joined:
            User.objects.filter(pk=person.pk).update(date_joined=joined)
        people[name] = person
    booked(people["early"], made=last_year)
    booked(people["early"])  # not the first: counted last year
    booked(people["new"], done=True)
    booked(people["returned"], made=last_year, gave_back=True)  # gave the vouchers back
    booked(people["returned"])
    booked(people["booked_first"], made=last_year, done=True)  # booked before registering
    booked(people["done_before"], made=last_year, done=True)
    # Vouchers issued and a balance begun last year: counted then for people registered then, and
    # this year, when they registered, for one who registered after.
    VoucherAccount.objects.filter(participant__in=[people["early"], people["booked_first"]]).update(
        issued_at=last_year
    )
    CompetenceBalance.objects.filter(participant__in=[people["done_before"], people["booked_first"]]).update(
        started_at=last_year
    )

    year = Period(date(today.year, 1, 1), today)
    issued = indicator_get("outreach.reach_vouchers_issued")
    assert values(issued.compute(year, Breakdown.GMINA)) == {
        WIELICZKA: (1, 1),  # new
        NIEPOLOMICE: (3, 3),  # returned, booked_first, done_before
    }
    balance = indicator_get("outreach.reach_balance")
    assert values(balance.compute(year, Breakdown.GMINA)) == {
        WIELICZKA: (2, 2),  # early, new
        NIEPOLOMICE: (2, 2),  # returned, booked_first
    }
    used = indicator_get("outreach.reach_vouchers_used")
    done = indicator_get("outreach.reach_completed")
    assert values(used.compute(year, Breakdown.GMINA)) == {
        WIELICZKA: (1, 1),  # new
        NIEPOLOMICE: (2, 2),  # returned, booked_first
    }
    assert values(done.compute(year, Breakdown.GMINA)) == {WIELICZKA: (1, 1), NIEPOLOMICE: (1, 1)}
    for first, last in ((year.start, year.end), (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))):
        period = Period(first, last)
        by_end = figures.steps(until=last)
        before = figures.steps(until=first - timedelta(days=1))
        lives = figures.residence()
        alone = {}
        for step in figures.STEPS:
            expected = by_end.people[step] - before.people[step]
            found = figures.reaching(step, first=first, last=last).values_list("pk", flat=True)
            assert set(found) == expected
            by_gmina = {}
            for person in expected:
                teryt = _teryt_of(lives.get(person))
                by_gmina[teryt] = by_gmina.get(teryt, 0) + 1
            alone[step] = indicator_get(f"outreach.reach_{step}").compute(period, Breakdown.GMINA)
            assert values(alone[step]) == {teryt: (count, count) for teryt, count in by_gmina.items()}, step
        with figures_reused():
            together = {
                step: indicator_get(f"outreach.reach_{step}").compute(period, Breakdown.GMINA)
                for step in figures.STEPS
            }
        assert together == alone
        # A page that says it shows every step (the gmina's dashboard) counts them in one reading.
        shown = [f"outreach.reach_{step}" for step in figures.STEPS]
        with figures_reused(shown), CaptureQueriesContext(connection) as queries:
            together = {
                step: indicator_get(f"outreach.reach_{step}").compute(period, Breakdown.GMINA)
                for step in figures.STEPS
            }
        assert together == alone
        counts = [query["sql"] for query in queries.captured_queries if "reached_" in query["sql"]]
        assert len(counts) == 1, counts
        assert all(f"reached_{step}" in counts[0] for step in figures.STEPS)


def _teryt_of(gmina_id):
    from kierunek.geo.models import Gmina

    return "" if gmina_id is None else Gmina.objects.get(pk=gmina_id).teryt


def test_the_first_bookings_view_names_the_states_of_the_steps():
    """The view the steps of the bookings join writes their states out in SQL: they are the states
    the reach page reads (``figures.USED_STATES``, ``COMPLETED_STATES``)."""
    import importlib
    import re

    from kierunek.outreach import figures

    sql = importlib.import_module("kierunek.outreach.migrations.0002_first_booking_view").FIRST_BOOKING
    used, completed = (
        set(re.findall(r"'(\w+)'", re.search(pattern, sql).group(1)))
        for pattern in (r"status IN \(([^)]*)\)\s*GROUP BY", r"CASE WHEN status IN \(([^)]*)\)")
    )
    assert used == set(figures.USED_STATES)
    assert completed == set(figures.COMPLETED_STATES)
