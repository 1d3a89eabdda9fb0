"""The register's search: the catalogue's analyser (inflected forms, no diacritics), the level and
kind filters, names first, Polish order."""

import pytest

from kierunek.qualifications.selectors import (
    RegisterSearch,
    SearchInvalid,
    register_search,
    register_search_parse,
)

from .factories import outcome_sets, qualification

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    qualification(code="Q-1", name="Obsługa wózków jezdniowych", prk_level=3)
    qualification(code="Q-2", name="Prowadzenie szkoleń", prk_level=5)
    qualification(code="Q-3", name="Projektowanie grafiki 2D", prk_level=4)
    qualification(
        code="Q-4",
        name="Doradzanie klientom w sektorze bankowym",
        kind="sectoral",
        prk_level=5,
        outcome_sets=outcome_sets("Obsługa klienta banku"),
    )
    qualification(code="Q-5", name="Ścinanie drzew", prk_level=3)


def _codes(**params):
    return [q.code for q in register_search(RegisterSearch(**params))]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("wózki", ["Q-1"]),  # plural of wózek
        ("wozkow", ["Q-1"]),  # no diacritics, genitive plural
        ("wozek jezdniowy", ["Q-1"]),
        ("grafika", ["Q-3"]),
        ("szkolenia", ["Q-2"]),
        ("projektowania grafiki", ["Q-3"]),
        ("sciecie drzewa", []),  # another word
        ("bankowość", ["Q-4"]),  # the noun finds its adjective: the analyser's word families
        ("bankowym", ["Q-4"]),
    ],
)
def test_inflection_and_missing_diacritics_are_forgiven(register, q, expected):
    assert _codes(q=q) == expected


def test_a_word_of_an_outcome_set_finds_the_qualification_after_those_with_it_in_the_name(register):
    assert _codes(q="obsługa") == ["Q-1", "Q-4"]


def test_level_and_kind_filter(register):
    assert _codes(level=5) == ["Q-4", "Q-2"]  # Polish order of the names: D before P
    assert _codes(kind="sectoral") == ["Q-4"]
    assert _codes(level=3, q="drzewa") == ["Q-5"]
    assert _codes(level=4, q="wózki") == []


def test_without_a_text_the_whole_register_in_polish_order(register):
    assert _codes() == ["Q-4", "Q-1", "Q-3", "Q-2", "Q-5"]  # Ś after S, at the end


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ({"level": "9"}, "level"),
        ({"level": "x"}, "level"),
        ({"kind": "free"}, "kind"),
        ({"q": "a" * 201}, "q"),
    ],
)
def test_bad_parameters_are_named(data, name):
    with pytest.raises(SearchInvalid) as invalid:
        register_search_parse(data)
    assert name in invalid.value.errors
