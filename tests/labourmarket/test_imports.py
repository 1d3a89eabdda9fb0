"""The office's imports of labour facts: all or nothing, every problem named by row and column (in
Polish, and in English for an English reader), the history kept, officers only, and the page showing
the newest import that covers a powiat."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.geo.models import Powiat
from kierunek.labourmarket import selectors, services
from kierunek.labourmarket.models import FactImport, GraduateFact, PopulationFact, UnemploymentFact
from tests.accounts.factories import StaffUserFactory

from . import builders as b

pytestmark = pytest.mark.django_db


def test_a_good_file_is_imported_with_its_source_date_file_and_author():
    officer = b.officer()
    fact_import = b.facts(
        "unemployment", "1218;wadowicki;3 210;4,9", "1263;Tarnów;2100;3.8", source="WUP Kraków", by=officer
    )
    assert (fact_import.kind, fact_import.source, fact_import.reference_date) == (
        "unemployment",
        "WUP Kraków",
        date(2025, 12, 31),
    )
    assert (fact_import.file_name, fact_import.row_count, fact_import.imported_by) == (
        "unemployment.csv",
        2,
        officer,
    )
    rows = {
        f.powiat.teryt: (f.registered, str(f.rate)) for f in UnemploymentFact.objects.select_related("powiat")
    }
    assert rows == {"1218": (3210, "4.9"), "1263": (2100, "3.8")}
    event = AuditEvent.objects.get(action="labourmarket.facts_imported")
    assert event.actor == officer
    assert event.details["rows"] == 2


def test_a_file_with_errors_writes_nothing_and_names_each_row_and_column():
    with pytest.raises(services.ImportRefused) as refused:
        b.facts(
            "graduates",
            "1218;wadowicki;informatyka;120",
            "9999;;budownictwo;40",  # row 2: no such powiat
            "1218;;informatyka;12",  # row 3: the same field twice
            "1201;tatrzański;pielęgniarstwo;x",  # row 4: the name is another powiat's, the count not a number
            "1202;;;15",  # row 5: no field
        )
    problems = [(e.row, e.column) for e in refused.value.errors]
    assert problems == [(2, "teryt"), (3, "field"), (4, "powiat"), (4, "graduates"), (5, "field")]
    assert FactImport.objects.count() == 0
    assert GraduateFact.objects.count() == 0


def test_row_errors_are_in_polish_and_in_english():
    lines = ("1218;;dużo",)
    with translation.override("pl"), pytest.raises(services.ImportRefused) as polish:
        b.facts("population", *lines)
    with translation.override("en"), pytest.raises(services.ImportRefused) as english:
        b.facts("population", *lines)
    assert polish.value.errors[0].message.startswith("Podaj liczbę całkowitą")
    assert english.value.errors[0].message.startswith("Give a whole number of people")


def test_a_file_without_a_required_column_is_refused_before_its_rows():
    with pytest.raises(services.ImportRefused) as refused:
        services.facts_import(
            actor=Actor.of(b.officer()),
            kind="barometer",
            content=b.csv_file("teryt;occupation;prognoza", "1218;spawacze;deficytowy"),
            filename="b.csv",
            source="WUP",
            reference_date=date(2026, 1, 1),
        )
    assert [(e.row, e.column) for e in refused.value.errors] == [(0, "forecast"), (0, "prognoza")]


@pytest.mark.parametrize("role", ["participant", "advisor", "provider_staff", "partner_staff"])
def test_only_an_officer_imports(role):
    with pytest.raises(PermissionDenied):
        b.facts("population", "1218;;100000", by=StaffUserFactory(role=role))
    assert FactImport.objects.count() == 0


def test_the_page_shows_the_newest_import_that_covers_the_powiat():
    b.facts("population", "1218;;100000", "1263;;70000", on=date(2024, 12, 31), source="older")
    b.facts("population", "1218;;101500", on=date(2025, 12, 31), source="newer")
    b.facts("population", "1218;;99000", on=date(2023, 12, 31), source="imported last, but older figures")
    wadowicki, tarnow = Powiat.objects.get(teryt="1218"), Powiat.objects.get(teryt="1263")
    assert selectors.powiat_facts(wadowicki).population.working_age == 101500
    assert selectors.powiat_facts(wadowicki).imports["population"].source == "newer"
    assert selectors.powiat_facts(tarnow).population.working_age == 70000
    assert PopulationFact.objects.count() == 4


def test_the_barometer_takes_polish_words_with_or_without_diacritics():
    b.facts(
        "barometer", "1218;;spawacze;deficytowy", "1218;;ekonomiści;NADWYZKOWY", "1218;;kucharze;zrównoważony"
    )
    facts = selectors.powiat_facts(Powiat.objects.get(teryt="1218"))
    assert [f.occupation for f in facts.shortage] == ["spawacze"]
    assert [f.occupation for f in facts.surplus] == ["ekonomiści"]
    assert [f.occupation for f in facts.balanced] == ["kucharze"]
