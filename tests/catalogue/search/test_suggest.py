"""Suggestions as one types (kierunek.catalogue.search.suggest): the matching, as a table over an
index built by hand, then the index read from the catalogue on the engine in use (the same cases
run on SQLite and, with DATABASE_URL, on PostgreSQL)."""

import pytest

from kierunek.catalogue.models import CardStatus
from kierunek.catalogue.search import SuggestionKind, grouped, suggest
from kierunek.catalogue.search.suggest import (
    LIMIT,
    SuggestionEntry,
    SuggestionIndex,
    suggestion_index,
    suggestion_index_forget,
)
from tests.catalogue.factories import ServiceCardFactory, category

TITLE, CATEGORY, QUALIFICATION = SuggestionKind.TITLE, SuggestionKind.CATEGORY, SuggestionKind.QUALIFICATION

ENTRIES = [
    SuggestionEntry(TITLE, "Księgowość dla początkujących", 3),
    SuggestionEntry(TITLE, "Podstawy księgowości w małej firmie", 9),
    SuggestionEntry(TITLE, "Kadry i płace w praktyce", 5),
    SuggestionEntry(TITLE, "Prawo jazdy kategorii C", 12),
    SuggestionEntry(TITLE, "Język angielski B1 — kurs konwersacyjny", 7),
    SuggestionEntry(TITLE, "Spawanie metodą TIG", 6),
    SuggestionEntry(TITLE, "Łódź i żeglarstwo", 1),
    SuggestionEntry(CATEGORY, "Księgowość", 40, label_en="Accounting", category="finance_accounting"),
    SuggestionEntry(CATEGORY, "Kadry i płace", 20, label_en="Payroll", category="finance_payroll"),
    SuggestionEntry(QUALIFICATION, "Księgowy (kwalifikacja rynkowa)", 2),
]
INDEX = SuggestionIndex(ENTRIES)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # Missing diacritics, any case: the category first (it starts with the text and has the
        # most cards), then the title that starts with it, then word starts by count.
        (
            "ksieg",
            [
                "Księgowość",
                "Księgowość dla początkujących",
                "Księgowy (kwalifikacja rynkowa)",
                "Podstawy księgowości w małej firmie",
            ],
        ),
        (
            "KSIĘG",
            [
                "Księgowość",
                "Księgowość dla początkujących",
                "Księgowy (kwalifikacja rynkowa)",
                "Podstawy księgowości w małej firmie",
            ],
        ),
        # A word inside the title: "księgowości" is the third word.
        ("ksiegowosci", ["Podstawy księgowości w małej firmie"]),
        # Every typed word starts some word, in any order.
        ("plac kadr", ["Kadry i płace", "Kadry i płace w praktyce"]),
        ("kadry pl", ["Kadry i płace", "Kadry i płace w praktyce"]),
        ("firmie podst", ["Podstawy księgowości w małej firmie"]),
        # ł and ż fold too.
        ("lodz", ["Łódź i żeglarstwo"]),
        ("zegl", ["Łódź i żeglarstwo"]),
        # A word that no entry has: nothing, even when the other words match.
        ("kadry xyz", []),
        ("exel", []),
        # The English name of a category matches too.
        ("accou", ["Księgowość"]),
        # Punctuation and spacing do not count.
        ("  prawo,  jazdy! ", ["Prawo jazdy kategorii C"]),
        ("b1", ["Język angielski B1 — kurs konwersacyjny"]),
        # Too short or empty: nothing.
        ("k", []),
        ("", []),
        ("—", []),
    ],
)
def test_matching(typed, expected):
    assert [entry.label for entry in INDEX.match(typed)] == expected


def test_a_text_the_entry_starts_with_comes_before_a_word_inside_one_with_more_cards():
    index = SuggestionIndex(
        [
            SuggestionEntry(TITLE, "Podstawy spawania", 50),
            SuggestionEntry(TITLE, "Spawanie TIG", 1),
            SuggestionEntry(TITLE, "Spawanie MAG", 4),
        ]
    )
    found = [entry.label for entry in index.match("spaw")]
    assert found == ["Spawanie MAG", "Spawanie TIG", "Podstawy spawania"]


def test_at_most_the_limit_the_most_cards_first():
    index = SuggestionIndex(SuggestionEntry(TITLE, f"Angielski {n}", n) for n in range(1, 21))
    found = index.match("angielski")
    assert len(found) == LIMIT == 8
    assert [entry.count for entry in found] == list(range(20, 12, -1))
    assert len(index.match("angielski", limit=3)) == 3


def test_suggestions_carry_what_choosing_them_searches():
    category_entry, title_entry = ENTRIES[7], ENTRIES[0]
    assert category_entry.suggestion("pl").label == "Księgowość"
    assert category_entry.suggestion("en").label == "Accounting"
    assert (category_entry.suggestion("pl").text, category_entry.suggestion("pl").category) == (
        "",
        "finance_accounting",
    )
    assert (title_entry.suggestion("en").text, title_entry.suggestion("en").category) == (
        "Księgowość dla początkujących",
        "",
    )


def test_groups_follow_their_best_suggestion():
    suggestions = [entry.suggestion("pl") for entry in INDEX.match("ksieg")]
    groups = grouped(suggestions)
    assert [group.kind for group in groups] == [CATEGORY, TITLE, QUALIFICATION]
    assert [len(group.suggestions) for group in groups] == [1, 2, 1]
    assert [s for group in groups for s in group.suggestions] == sorted(
        suggestions, key=lambda s: [CATEGORY, TITLE, QUALIFICATION].index(s.kind)
    )


# --- the index of the catalogue -----------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fresh_index():
    suggestion_index_forget()
    yield
    suggestion_index_forget()


def labels(typed: str, language: str = "pl") -> list[tuple[str, str, int]]:
    return [(s.kind.value, s.label, s.count) for s in suggest(typed, language=language)]


@pytest.mark.django_db
def test_the_catalogue_gives_published_titles_categories_and_qualifications():
    ServiceCardFactory(title="Księgowość dla początkujących", category=category("finance_accounting"))
    ServiceCardFactory(
        title="Księgowość dla początkujących",
        category=category("finance_accounting"),
        market_qualification="Prowadzenie księgowości w małej firmie",
    )
    ServiceCardFactory(title="Kadry i płace", category=category("finance_payroll"))
    for status in (CardStatus.DRAFT, CardStatus.CANCELLED, CardStatus.COMPLETED):
        ServiceCardFactory(
            title=f"Księgowość — karta {status}", category=category("finance_tax"), status=status
        )

    assert labels("ksieg") == [
        # The category and its two cards; the parent "Finanse i rachunkowość" does not match.
        ("category", "Księgowość", 2),
        # One entry for two cards of the same title.
        ("title", "Księgowość dla początkujących", 2),
        ("qualification", "Prowadzenie księgowości w małej firmie", 1),
    ]
    # A top category counts its children's cards; a category with no published card is left out
    # ("Podatki" has only unpublished ones).
    assert labels("finanse") == [("category", "Finanse i rachunkowość", 3)]
    assert labels("podatk") == []
    assert ("category", "Payroll", 1) in labels("payroll", "en")


@pytest.mark.django_db
def test_titles_differing_only_in_case_or_diacritics_are_one_entry():
    ServiceCardFactory(title="Spawanie metodą TIG")
    ServiceCardFactory(title="Spawanie metodą TIG")
    ServiceCardFactory(title="spawanie metoda  tig")
    assert labels("spawanie tig") == [("title", "Spawanie metodą TIG", 3)]


@pytest.mark.django_db
def test_a_card_published_or_withdrawn_changes_the_suggestions():
    card = ServiceCardFactory(title="Fryzjerstwo damskie")
    assert labels("fryz") == [("title", "Fryzjerstwo damskie", 1)]
    first = suggestion_index()

    card.status = CardStatus.CANCELLED
    card.save()
    suggestion_index_forget()  # what PostgreSQL's lifetime does (SQLite sees the change itself)
    assert labels("fryz") == []
    assert suggestion_index() is not first


@pytest.mark.django_db
def test_on_sqlite_the_version_tells_a_change_without_waiting(django_db_setup):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL has no change log: it looks again after CHECK_SECONDS")
    card = ServiceCardFactory(title="Grafika komputerowa od podstaw")
    kept = suggestion_index()
    assert suggestion_index() is kept  # nothing changed: the same index
    card.status = CardStatus.CANCELLED
    card.save()
    assert labels("grafik") == []


@pytest.mark.django_db
def test_places_taken_or_a_new_price_keep_the_index():
    """The catalogue changes at every booking; the suggestions only when a card is published,
    withdrawn or moved to another category: nothing is rebuilt for the rest."""
    card = ServiceCardFactory(title="Obsługa wózków widłowych", category=category("technical_forklift"))
    kept = suggestion_index()
    card.seats_taken = 5
    card.price_gross = 200_000
    card.price_net = 200_000
    card.save()
    assert suggestion_index() is kept

    card.category = category("technical_machines")
    card.save()
    suggestion_index_forget_on_postgresql()
    assert labels("obslug") == [
        ("category", "Obsługa maszyn i CNC", 1),
        ("title", "Obsługa wózków widłowych", 1),
    ]


def suggestion_index_forget_on_postgresql():
    """What CHECK_SECONDS does on PostgreSQL (SQLite's change log tells the change at once)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        suggestion_index_forget()


@pytest.mark.parametrize(
    "text",
    [
        "Księgowość dla początkujących",
        "ŻÓŁTA ŁÓDŹ — źdźbło, gęśla, jaźń",
        "Kurs C++ i C# (edycja 12)",
        "Café für Anfänger: Straße, Øresund",
        "  spacje\tи кириллица  ",
        "",
    ],
)
def test_the_quick_folding_gives_the_words_of_fold(text):
    """The index folds titles the quick way (Polish letters by one translation); the words must be
    those of the search's own folding."""
    from kierunek.catalogue.search.suggest import _WORD, _words
    from kierunek.catalogue.search.text import fold

    assert _words(text) == tuple(_WORD.findall(fold(text)))
