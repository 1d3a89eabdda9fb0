"""Reach per gmina on constructed data: exact counts, rates per 1 000 adult residents from the
newest population import, the low-reach flag by the rule in force, and the suppression of small
cells (primary under ten, secondary so that no hidden cell follows from the total), the same in
the page, the CSV and the XLSX."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.disclosure import Hidden
from kierunek.guidance.models import CompetenceBalance
from kierunek.outreach import reach, services
from kierunek.outreach.models import ReachRule
from kierunek.outreach.reach_export import reach_csv, reach_xlsx
from tests.accounts.factories import ParticipantFactory, StaffUserFactory

from .builders import NIEPOLOMICE, WIELICZKA, gmina, officer, resident

pytestmark = pytest.mark.django_db


def population(*rows: str, on: date = date(2025, 12, 31), by=None):
    content = ("teryt;gmina;adults\n" + "\n".join(rows) + "\n").encode()
    return services.population_import(
        actor=Actor.of(by or officer()),
        content=content,
        filename="ludnosc.csv",
        source="GUS BDL",
        reference_date=on,
    )


@pytest.fixture
def constructed():
    """12 residents of Wieliczka (10 with a balance), 11 of Niepołomice (all with one), 3 who never
    applied."""
    population("1219053;Wieliczka;20000", "1219043;Niepołomice;5000", on=date(2025, 6, 30))
    population("1219053;Wieliczka;20 000", "1219043;Niepołomice;5 500")  # the newest counts
    ReachRule.objects.create(
        valid_from=date(2025, 1, 1), threshold=Decimal("1.0"), reason="Uchwała zarządu 7/2025."
    )
    advisor = StaffUserFactory(role=Role.ADVISOR)
    wieliczka = [resident(WIELICZKA) for _ in range(12)]
    for person in wieliczka[:10]:
        CompetenceBalance.objects.create(participant=person, advisor=advisor)
    for _ in range(11):
        CompetenceBalance.objects.create(participant=resident(NIEPOLOMICE), advisor=advisor)
    for _ in range(3):
        ParticipantFactory()


def test_counts_rates_flags_and_suppression(constructed):
    table = reach.reach_table()
    wieliczka = table.row_of(gmina(WIELICZKA))
    niepolomice = table.row_of(gmina(NIEPOLOMICE))
    assert wieliczka.adults == 20_000
    assert niepolomice.adults == 5_500
    # registered: Wieliczka 12 shown; the 3 unknown are hidden (primary) with every empty gmina,
    # and since they add up to under ten beside the total, the smallest shown cell goes too.
    assert wieliczka.cells["registered"].shown == 12
    assert wieliczka.shown_rate("registered") == Decimal("0.6")
    assert niepolomice.cells["registered"].hidden == Hidden.SECONDARY
    assert niepolomice.shown_rate("registered") is None
    assert table.unknown["registered"].hidden == Hidden.PRIMARY
    assert table.totals["registered"].shown == 26
    # balances: every other gmina has none (zero is hidden too), so beside the total the smaller
    # of the two shown cells goes: Wieliczka's ten, while Niepołomice's eleven stay.
    assert wieliczka.cells["balance"].hidden == Hidden.SECONDARY
    assert niepolomice.cells["balance"].shown == 11
    assert niepolomice.shown_rate("balance") == Decimal("2.0")
    assert table.totals["balance"].shown == 21
    assert wieliczka.cells["completed"].hidden == Hidden.PRIMARY
    assert table.totals["completed"].hidden == Hidden.PRIMARY
    # the rule: fewer than 1.0 registrations per 1 000 adults is low (Niepołomice: 2.0).
    assert wieliczka.low is True
    assert niepolomice.low is False
    assert table.rule.reason == "Uchwała zarządu 7/2025."


def test_the_files_show_the_same_cells(constructed):
    table = reach.reach_table()
    text = reach_csv(table).decode("utf-8-sig")
    lines = {line.split(";")[0]: line.split(";") for line in text.splitlines()}
    assert lines[WIELICZKA][3:5] == ["12", "<10"]
    assert lines[NIEPOLOMICE][3:5] == ["<10", "11"]
    assert lines[WIELICZKA][8] == "0,6"
    sheet = load_workbook(io.BytesIO(reach_xlsx(table))).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert rows[WIELICZKA][3] == 12
    assert rows[NIEPOLOMICE][3] == "<10"


def test_the_map_draws_only_shown_counts_with_area_in_proportion(constructed):
    table = reach.reach_table()
    symbols = reach.symbols(table)
    assert [s.row.gmina.teryt for s in symbols] == [WIELICZKA]
    assert symbols[0].r == reach.MAX_RADIUS


def test_the_office_page_and_downloads(constructed, client_for):
    office = client_for(officer())
    page = office.get("/urzad/gminy-partnerskie/zasieg/").content.decode()
    assert "Wieliczka" in page
    assert "Uchwała zarządu 7/2025." in page
    assert "&lt;10" in page
    csv = office.get("/urzad/gminy-partnerskie/zasieg.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert b"<10" in csv.content
    assert office.get("/urzad/gminy-partnerskie/zasieg.xlsx").status_code == 200


def test_a_refused_population_file_writes_nothing():
    from kierunek.catalogue.importexport import ImportRefused
    from kierunek.outreach.models import PopulationImport

    with pytest.raises(ImportRefused) as refused:
        population("1219053;Wieliczka;20000", "9999999;X;10", "1219043;Kraków;abc")
    columns = [(error.row, error.column) for error in refused.value.errors]
    assert columns == [(2, "teryt"), (3, "gmina"), (3, "adults")]
    assert not PopulationImport.objects.exists()
