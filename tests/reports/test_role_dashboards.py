"""The dashboards of each kind of reader: every default is a registered indicator with a breakdown
it has; who opens which (by role, by a seat on a council, a coordinator's own gmina only, the
public board with public indicators only); the gmina's figures beside its powiat and the region as
the reports publish them; the HTMX answer is the full page's result."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core import indicators as registry
from kierunek.core.indicators import TOTAL, Breakdown, Figure, Indicator, Unit
from kierunek.outreach import figures
from kierunek.reports.domain import period_parse
from kierunek.reports.role_dashboards import DASHBOARDS, Item, RoleDashboard, gmina_lines, items_shown
from kierunek.reports.selectors import indicator_table
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.outreach.builders import NIEPOLOMICE, WIELICZKA, coordinator, gmina, resident
from tests.partnership import bodies_builders as bb
from tests.partnership import builders as pb

pytestmark = pytest.mark.django_db


def test_every_default_is_a_registered_indicator_with_that_breakdown():
    for board in DASHBOARDS.values():
        for item in board.items:
            indicator = registry.indicator_get(item.key)
            assert item.breakdown is None or item.breakdown in indicator.breakdowns, (board.slug, item)
        assert len(items_shown(board)) == len(board.items), board.slug


@pytest.mark.parametrize(
    ("role", "opens", "refused"),
    [
        (Role.OFFICER, {"urzad", "operator", "rada", "gmina", "partner", "publiczny"}, set()),
        (Role.FINANCIAL_OPERATOR, {"operator", "publiczny"}, {"urzad", "rada", "gmina", "partner"}),
        (Role.PARTNER_STAFF, {"partner", "publiczny"}, {"urzad", "operator", "rada", "gmina"}),
        (Role.GMINA_STAFF, {"gmina", "publiczny"}, {"urzad", "operator", "rada", "partner"}),
        (Role.ADVISOR, {"publiczny"}, {"urzad", "operator", "rada", "gmina", "partner"}),
    ],
)
def test_who_opens_which_dashboard(client_for, role, opens, refused):
    client = client_for(StaffUserFactory(role=role))
    for slug in opens:
        assert client.get(f"/raporty/pulpit/{slug}/").status_code == 200, slug
    for slug in refused:
        assert client.get(f"/raporty/pulpit/{slug}/").status_code == 403, slug


def test_anonymous_readers_get_the_public_board_and_a_login_for_the_others():
    client = Client()
    assert client.get("/raporty/pulpit/").url == "/raporty/pulpit/publiczny/"
    page = client.get("/raporty/pulpit/publiczny/")
    assert page.status_code == 200
    assert "item1-indicator-title" in page.content.decode()
    refused = client.get("/raporty/pulpit/urzad/")
    assert refused.status_code == 302
    assert "/logowanie/" in refused.url
    assert client.get("/raporty/pulpit/nieznany/").status_code == 404


def test_each_role_is_sent_to_its_own_board(client_for):
    for role, slug in (
        (Role.OFFICER, "urzad"),
        (Role.FINANCIAL_OPERATOR, "operator"),
        (Role.GMINA_STAFF, "gmina"),
    ):
        assert (
            client_for(StaffUserFactory(role=role)).get("/raporty/pulpit/").url == f"/raporty/pulpit/{slug}/"
        )
    assert client_for(ParticipantFactory()).get("/raporty/pulpit/").url == "/raporty/pulpit/publiczny/"


def test_a_council_member_opens_the_councils_board(client_for):
    institution = pb.partner()
    member = pb.staff_of(institution)
    client = client_for(member)
    assert client.get("/raporty/pulpit/rada/").status_code == 403
    council = bb.council()
    bb.seat(council, institution, email=member.email)
    assert client.get("/raporty/pulpit/rada/").status_code == 200


@pytest.fixture
def residents(settings):
    settings.KIERUNEK_DISCLOSURE_THRESHOLD = 3
    for _ in range(5):
        resident(WIELICZKA)
    for _ in range(4):
        resident(NIEPOLOMICE)


def test_the_gmina_beside_its_powiat_and_the_region(residents):
    period = period_parse(str(timezone.localdate().year))
    lines = {line.indicator.key: line for line in gmina_lines(DASHBOARDS["gmina"], gmina(WIELICZKA), period)}
    assert (lines["outreach.reach_registered"].gmina, lines["outreach.reach_registered"].powiat) == ("5", "9")
    assert lines["outreach.reach_registered"].region == "9"
    assert (lines["programmes.applied"].gmina, lines["programmes.applied"].powiat) == ("5", "9")
    assert lines["outreach.reach_completed"].gmina == "0"
    assert lines["outreach.registered_per_thousand"].gmina == "brak"  # no population figures


def test_a_coordinator_sees_their_own_gmina_whatever_they_ask(client_for, residents):
    client = client_for(coordinator(NIEPOLOMICE))
    page = client.get(f"/raporty/pulpit/gmina/?gmina={WIELICZKA}").content.decode()
    assert "Niepołomice" in page
    assert "Wieliczka" not in page
    assert 'name="gmina"' not in page  # no choice of another gmina
    office = client_for(StaffUserFactory(role=Role.OFFICER))
    chosen = office.get(f"/raporty/pulpit/gmina/?gmina={WIELICZKA}").content.decode()
    assert 'id="gmina-title">Wieliczka' in chosen


def test_the_gmina_board_counts_every_step_of_the_journey_in_one_reading(client_for, residents):
    """The page says which indicators it shows: the reach of registration and of the later steps
    are counted together, where a page showing registration alone counts it alone."""
    office = client_for(StaffUserFactory(role=Role.OFFICER))
    for slug, expected in (("gmina", 1), ("urzad", 1)):
        with CaptureQueriesContext(connection) as queries:
            assert office.get(f"/raporty/pulpit/{slug}/?gmina={WIELICZKA}").status_code == 200
        counts = [query["sql"] for query in queries.captured_queries if "reached_" in query["sql"]]
        assert len(counts) == expected, (slug, counts)
        steps = {step for step in figures.STEPS if f"reached_{step}" in counts[0]}
        assert steps == (set(figures.STEPS) if slug == "gmina" else {figures.REGISTERED}), slug


def test_the_htmx_answer_is_the_full_pages_result(client_for, residents):
    client = client_for(StaffUserFactory(role=Role.OFFICER))
    year = str(timezone.localdate().year)
    full = client.get(f"/raporty/pulpit/urzad/?okres={year}").content.decode()
    partial = client.get(
        f"/raporty/pulpit/urzad/?okres={year}", headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in partial
    assert partial.strip() in full
    assert partial.count("<h2 ") == len(DASHBOARDS["urzad"].items)


def test_the_public_board_shows_public_indicators_only():
    registry.indicator_register(
        Indicator(
            key="reports.test_internal",
            name="internal",
            definition="internal",
            unit=Unit.PEOPLE,
            source="test",
            breakdowns=(),
            compute=lambda period, breakdown: {TOTAL: Figure(50, 50)},
            public=False,
        )
    )
    try:
        items = (Item("reports.test_internal", None), Item("programmes.applied", Breakdown.SEX))
        public = RoleDashboard("publiczny", "p", "p", frozenset(), items)
        office = RoleDashboard("urzad", "o", "o", frozenset({Role.OFFICER}), items)
        assert [i.key for i, _b in items_shown(public)] == ["programmes.applied"]
        assert [i.key for i, _b in items_shown(office)] == ["reports.test_internal", "programmes.applied"]
    finally:
        registry._INDICATORS.pop("reports.test_internal")


def test_a_page_of_tables_reads_each_figure_once_and_only_within_it():
    calls = []

    def compute(period, breakdown):
        calls.append(breakdown)
        return {TOTAL: Figure(40, 40)} if breakdown is None else {"F": Figure(25, 25), "M": Figure(15, 15)}

    registry.indicator_register(
        Indicator(
            key="reports.test_counted",
            name="counted",
            definition="counted",
            unit=Unit.PEOPLE,
            source="test",
            breakdowns=(Breakdown.SEX,),
            compute=compute,
        )
    )
    try:
        indicator = registry.indicator_get("reports.test_counted")
        period = period_parse("2026")
        with registry.figures_reused():
            first = indicator_table(indicator, period, Breakdown.SEX)
            again = indicator_table(indicator, period, Breakdown.SEX)
            indicator_table(indicator, period, None)
        assert first == again
        assert calls == [Breakdown.SEX, None]  # the groups first, then the total
        indicator_table(indicator, period, Breakdown.SEX)
        assert calls == [Breakdown.SEX, None, Breakdown.SEX, None]  # outside: read again
    finally:
        registry._INDICATORS.pop("reports.test_counted")
