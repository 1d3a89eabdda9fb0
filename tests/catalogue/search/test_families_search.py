"""Word families through the whole search (search_cards), on the engine of the database in use:
SQLite (both ways: the search columns and the statement) by default, PostgreSQL with
DATABASE_URL. A feminine job title, an occupation or an adjective finds the card that names
another member of its family; the analyser's table tests are in test_text.py."""

import pytest

from kierunek.catalogue.search import SearchParams, search_cards
from tests.catalogue.factories import ServiceCardFactory, category
from tests.providers.factories import ProviderFactory

pytestmark = pytest.mark.django_db

# Every card in the category "Inne" (other), so that only the titles decide: the category path
# is indexed too ("Kadry i płace" sits under "Finanse i rachunkowość").
TITLES = [
    "Księgowość w małej firmie",
    "Fryzjerstwo damskie: strzyżenie i koloryzacja",
    "Tłumaczenie tekstów technicznych",
    "Spawanie metodą TIG",
    "Instalacje elektryczne do 1 kV",
    "Kadry i płace w praktyce",
    "Opieka nad osobami starszymi",
    "Grafika komputerowa w Photoshopie",
    "Kurs prawa jazdy kategorii B",
]


@pytest.fixture
def catalogue():
    provider = ProviderFactory(legal_name="Centrum Kształcenia Ustawicznego")
    for title in TITLES:
        ServiceCardFactory(provider=provider, title=title, category=category("other"))


# None: the default way of the database (the search columns on SQLite); False: one statement.
@pytest.fixture(params=[None, False], ids=["default", "statement"])
def columnar(request):
    return request.param


def titles(query: str, *, columnar: bool | None) -> list[str]:
    result = search_cards(SearchParams(q=query), columnar=columnar, relax=False)
    return sorted(hit.card.title for hit in result.items)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # feminine → the field the card names
        ("księgowa", ["Księgowość w małej firmie"]),
        ("księgowej", ["Księgowość w małej firmie"]),
        ("ksiegowa", ["Księgowość w małej firmie"]),
        ("fryzjerka", ["Fryzjerstwo damskie: strzyżenie i koloryzacja"]),
        ("fryzjerki", ["Fryzjerstwo damskie: strzyżenie i koloryzacja"]),
        ("kadrowa", ["Kadry i płace w praktyce"]),
        ("opiekunka", ["Opieka nad osobami starszymi"]),
        # occupation → activity or field, with or without diacritics
        ("fryzjer", ["Fryzjerstwo damskie: strzyżenie i koloryzacja"]),
        ("tłumacz", ["Tłumaczenie tekstów technicznych"]),
        ("tlumaczka", ["Tłumaczenie tekstów technicznych"]),
        ("spawacz", ["Spawanie metodą TIG"]),
        ("kurs dla spawaczy", ["Spawanie metodą TIG"]),
        ("grafik", ["Grafika komputerowa w Photoshopie"]),
        # occupation → adjective
        ("elektryk", ["Instalacje elektryczne do 1 kV"]),
        ("fryzjerka koloryzacja", ["Fryzjerstwo damskie: strzyżenie i koloryzacja"]),
        # every word must still be found (what the search shows instead is the fallback's: relax=False)
        ("księgowa fryzjerka", []),
        ("kierowczyni", []),  # no card names a driver (the driving licence is not the family)
    ],
)
def test_a_word_finds_the_cards_of_its_family(catalogue, columnar, query, expected):
    assert titles(query, columnar=columnar) == expected


def test_the_family_does_not_reach_a_word_of_another_meaning(catalogue, columnar):
    ServiceCardFactory(title="Kierownik zespołu w praktyce", category=category("other"))
    ServiceCardFactory(title="Rysunek techniczny", category=category("other"))
    assert titles("kierowczyni", columnar=columnar) == []
    assert titles("technik", columnar=columnar) == []
    assert titles("kierowniczka", columnar=columnar) == ["Kierownik zespołu w praktyce"]
