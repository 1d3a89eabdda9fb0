"""A search that finds nothing (kierunek.catalogue.search.fallback and .vocabulary): typos
corrected against the catalogue's own words, partial matches naming the words not found, the
filters to loosen with their counts, a "did you mean" for a few results. On the engine of the
database in use (SQLite by default, PostgreSQL with DATABASE_URL); on SQLite also over the
statement engine."""

import datetime

import pytest
from django.db import connection

from kierunek.catalogue.search import SearchParams, search_cards, search_params_parse
from kierunek.catalogue.search.vocabulary import correction, vocabulary_build, vocabulary_forget
from tests.catalogue.factories import KRAKOW, ServiceCardFactory, category, gmina
from tests.providers.factories import ProviderFactory

TODAY = datetime.date.today()
ZAKOPANE = "1217011"

# The vocabulary of a small catalogue: (text of titles, categories, qualifications; cards).
TEXTS = [
    ("Excel od podstaw\nPakiety biurowe", 5),
    ("Księgowość dla początkujących\nRachunkowość Finanse i księgowość", 8),
    ("Spawanie metodą TIG\nSpawalnictwo\nSpawacz TIG", 6),
    ("Język angielski B1\nJęzyk angielski Języki obce", 10),
    ("Sprawnie zarządzaj czasem\nZarządzanie sobą", 1),
]


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("exel", "excel"),  # a letter left out
        ("exle", None),  # two edits (a swap and a letter) from a four-letter word: too far
        ("ecxel", "excel"),  # two neighbours swapped: one edit
        ("ksiegowsc", "ksiegowosc"),  # typed without diacritics and a letter left out
        ("rachnkwosc", "rachunkowosc"),  # two letters left out of a long word
        ("ksiegwsc", None),  # two left out of a word of eight letters: too far
        ("spawnie", "spawanie"),
        ("agielski", "angielski"),
        ("angieslki", "angielski"),
        # Words the analyser finds as they are: never corrected.
        ("spawania", None),  # an inflected form of "spawanie"
        ("ksiegowosci", None),  # without diacritics, inflected
        ("angielskiego", None),
        ("excel", None),  # a word of the vocabulary
        # Too short, or nothing near enough.
        ("exe", None),
        ("astronomia", None),
        ("xyzzy", None),
        ("c++", None),
    ],
)
def test_correction_against_the_vocabulary(typed, corrected):
    words, _shown, known = vocabulary_build(TEXTS)
    assert correction(typed, words, known=known) == corrected


def test_the_vocabulary_counts_cards_and_keeps_the_written_form():
    words, shown, known = vocabulary_build(TEXTS)
    assert words["ksiegowosc"] == 8  # once per card, though its text has it twice
    assert words["angielski"] == 10
    assert shown["ksiegowosc"] == "księgowość"
    assert "dla" not in words  # a stop word
    assert "spawac" in known  # a lemma: what a query word may match
    assert "od" not in words
    assert "tig" not in words


def test_ties_go_to_the_word_in_more_cards():
    words = {"kosmetyka": 2, "kosmetyki": 9}
    assert correction("kosmetyk", words, max_edits=1) == "kosmetyki"


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    # Every test builds its own catalogue in a transaction rolled back after it; on PostgreSQL no
    # change log tells the vocabulary kept in the process that it changed.
    vocabulary_forget()
    yield
    vocabulary_forget()


@pytest.fixture(params=["default", "statement"])
def columnar(request):
    if request.param == "statement":
        if connection.vendor != "sqlite":
            pytest.skip("PostgreSQL has only the statement engine: the default case covers it.")
        return False
    return None


@pytest.fixture
def catalogue():
    provider = ProviderFactory(legal_name="Centrum Szkoleń Praktycznych")
    made = {}
    for n in range(3):
        made[f"excel{n}"] = ServiceCardFactory(
            provider=provider,
            title=f"Excel od podstaw, grupa {n + 1}",
            category=category("it_office"),
            starts_on=TODAY + datetime.timedelta(days=10 + n),
            price_net=80_000,
            price_gross=90_000,
        )
    made["accounting"] = ServiceCardFactory(
        provider=provider,
        title="Księgowość dla początkujących",
        category=category("finance_accounting"),
        price_gross=150_000,
    )
    made["welding"] = ServiceCardFactory(
        provider=provider,
        title="Spawanie metodą TIG",
        category=category("technical_welding"),
        gmina=gmina(ZAKOPANE),
    )
    made["english"] = ServiceCardFactory(
        provider=provider,
        title="Język angielski B1",
        category=category("languages_english"),
        delivery_form="remote_live",
        gmina=None,
    )
    return made


def search(columnar, **params):
    return search_cards(SearchParams(**params), columnar=columnar)


def titles(result):
    return sorted(hit.card.title for hit in result.items)


@pytest.mark.parametrize(
    ("typed", "corrected", "found"),
    [
        ("exel", "excel", 3),
        ("ksigowosc", "księgowość", 1),
        ("spawnie", "spawanie", 1),
        ("agielski", "angielski", 1),
        ("kurs exel", "excel", 3),  # the generic word goes, as without the typo
    ],
)
def test_a_typo_shows_the_corrected_results_and_says_so(catalogue, columnar, typed, corrected, found):
    result = search(columnar, q=typed)
    assert result.count == found
    assert len(result.items) == found
    assert result.relaxed
    assert result.relaxed_q == corrected
    assert [(item.word, item.correction) for item in result.corrections] == [(typed.split()[-1], corrected)]
    assert result.missing_words == ()
    assert result.params.q == typed  # the result still says what was typed
    direct = search(columnar, q=corrected)
    assert titles(result) == titles(direct)


# "ksiegowsc" is found as a prefix ("ksiegow*", a word the dictionary lacks without its ending).
@pytest.mark.parametrize("typed", ["spawania", "ksiegowosci", "angielskiego", "Excelu", "ksiegowsc"])
def test_words_the_analyser_finds_are_not_corrected(catalogue, columnar, typed):
    result = search(columnar, q=typed)
    assert result.count >= 1
    assert not result.relaxed
    assert result.corrections == ()
    assert result.suggestion == ""


def test_exact_turns_the_correction_off(catalogue, columnar):
    result = search(columnar, q="exel", exact=True)
    assert result.count == 0
    assert not result.relaxed
    assert result.corrections == ()


def test_a_word_that_finds_nothing_is_dropped_and_named(catalogue, columnar):
    result = search(columnar, q="excel astrofizyka")
    assert result.count == 3
    assert result.relaxed_q == "excel"
    assert result.missing_words == ("astrofizyka",)
    assert result.corrections == ()


def test_a_typo_and_a_missing_word_together(catalogue, columnar):
    result = search(columnar, q="exel astrofizyka")
    assert result.count == 3
    assert result.relaxed_q == "excel"
    assert result.missing_words == ("astrofizyka",)
    assert [(c.word, c.correction) for c in result.corrections] == [("exel", "excel")]


def test_words_that_find_cards_apart_but_not_together_give_the_largest_part(catalogue, columnar):
    # "excel" and "spawanie" each find cards, never the same: the part with the most cards.
    result = search(columnar, q="spawanie excel")
    assert result.count == 3
    assert result.relaxed_q == "excel"
    assert result.missing_words == ("spawanie",)
    # Three words, two of which find cards together: those two.
    result = search(columnar, q="excel podstaw spawanie")
    assert result.count == 3
    assert result.relaxed_q == "excel podstaw"
    assert result.missing_words == ("spawanie",)


def test_filters_that_exclude_everything_say_what_loosening_gives(catalogue, columnar):
    result = search(columnar, q="excel", category="languages")
    assert result.count == 0
    assert not result.relaxed
    assert [(item.name, item.parameters, item.count) for item in result.loosen] == [
        ("category", ("category",), 3)
    ]
    params = search_params_parse(
        {"q": "excel", "form": "remote_live", "price_max": "100", "gmina": KRAKOW, "radius_km": "5"}
    )
    result = search_cards(params, columnar=columnar)
    assert result.count == 0
    # Removing the form alone still leaves the price; removing the price alone, the form; all
    # three at once find the three Excel courses.
    assert [(item.name, item.count) for item in result.loosen] == [("all", 3)]
    assert result.loosen[0].parameters == ("form", "radius_km", "include_remote", "price_max")
    result = search(columnar, q="excel", forms=("remote_live",), price_max=100_000)
    assert [(item.name, item.count) for item in result.loosen] == [("form", 3), ("all", 3)]


def test_loosening_counts_services_not_their_dates(catalogue, columnar):
    """One service on four dates is one result, so removing a filter promises one, not four."""
    provider = ProviderFactory(legal_name="Akademia Pakietu Biurowego")
    for n in range(4):
        ServiceCardFactory(
            provider=provider,
            title="PowerPoint w pracy",
            category=category("it_office"),
            starts_on=TODAY + datetime.timedelta(days=20 + n),
        )
    assert search(columnar, q="powerpoint").count == 1
    result = search(columnar, q="powerpoint", category="languages")
    assert result.count == 0
    assert [(item.name, item.count) for item in result.loosen] == [("category", 1)]


def test_filters_without_a_text(catalogue, columnar):
    result = search(columnar, category="technical_welding", free_places_only=True, quality_mark=True)
    assert result.count == 0
    assert [(item.name, item.count) for item in result.loosen] == [("quality_mark", 1), ("all", 6)]


def test_a_corrected_text_that_the_filters_exclude(catalogue, columnar):
    result = search(columnar, q="exel", category="languages")
    assert result.count == 0
    assert not result.relaxed
    assert result.relaxed_q == "excel"
    assert [(c.word, c.correction) for c in result.corrections] == [("exel", "excel")]
    assert [(item.name, item.count) for item in result.loosen] == [("category", 3)]


def test_nothing_at_all(catalogue, columnar):
    result = search(columnar, q="qwertyuiop")
    assert result.count == 0
    assert result.items == ()
    assert not result.relaxed
    assert result.loosen == ()
    assert result.corrections == ()
    assert result.missing_words == ("qwertyuiop",)


def test_did_you_mean_for_a_few_results(catalogue, columnar):
    # A card's programme has the typo: the query finds that card alone, and "excel" would find
    # all four.
    ServiceCardFactory(
        title="Arkusze kalkulacyjne", programme="1. Exel w pracy biura", category=category("it_office")
    )
    result = search(columnar, q="exel")
    assert result.count == 1
    assert not result.relaxed
    assert result.suggestion == "excel"
    # A word of the vocabulary, or one the analyser knows, gets no suggestion.
    assert search(columnar, q="spawanie").suggestion == ""
    assert search(columnar, q="arkusze").suggestion == ""


def test_a_search_that_finds_enough_is_left_alone(catalogue, columnar):
    result = search(columnar, q="podstaw excel")
    assert result.count == 3
    assert (result.relaxed_q, result.corrections, result.missing_words, result.loosen, result.suggestion) == (
        "",
        (),
        (),
        (),
        "",
    )


def test_the_vocabulary_is_kept_and_read_again_when_the_catalogue_changed(catalogue, monkeypatch):
    from kierunek.catalogue.search import search_version
    from kierunek.catalogue.search import vocabulary as module
    from kierunek.catalogue.search.reference import reference_data

    def current():
        return module.vocabulary(reference_data()[0], search_version())

    first = current()
    assert "kaligrafia" not in first.words
    assert current() is first
    ServiceCardFactory(title="Kaligrafia dla początkujących", category=category("other"))
    # Changed, but read less than MIN_AGE (SQLite) or MAX_AGE (PostgreSQL) seconds ago: kept.
    assert current() is first
    monkeypatch.setattr(module, "MIN_AGE", 0.0)
    monkeypatch.setattr(module, "MAX_AGE", 0.0)
    again = current()
    assert again is not first
    assert again.words["kaligrafia"] == 1
    # The typo finds the new card.
    result = search(None, q="kaligrfia")
    assert result.relaxed_q == "kaligrafia"
    assert titles(result) == ["Kaligrafia dla początkujących"]


# --- towards a member of a word's family -----------------------------------------------------


def test_the_vocabulary_has_the_families_of_its_words_with_no_cards_of_their_own():
    words, shown, _known = vocabulary_build(
        [("Montaż instalacji fotowoltaicznych", 2), ("Excel dla księgowych", 1)]
    )
    assert words["fotowoltaicznych"] == 2
    # The noun of the adjective, as the family's data file writes it; no card has it.
    assert words["fotowoltaika"] == 0
    assert shown["fotowoltaika"] == "fotowoltaika"
    assert words["ksiegowosc"] == 0
    assert shown["ksiegowosc"] == "księgowość"
    assert correction("fotowoltanika", words) == "fotowoltaika"


def test_a_catalogue_word_wins_a_tie_with_a_family_member():
    # "fryzjerka" and "fryzjerki" both one edit from "fryzjerkx": the catalogue's own word wins.
    words, _shown, _known = vocabulary_build([("Fryzjerki z pasją", 1)])
    assert words["fryzjerka"] == 0
    assert correction("fryzjerkx", words, max_edits=1) == "fryzjerki"


def test_a_typo_of_a_word_only_the_family_has_finds_the_cards(columnar):
    """ "fotowoltaika" mistyped: no title has the noun, only its adjective; the typo is corrected
    towards the noun, which finds the card through its family."""
    ServiceCardFactory(title="Montaż instalacji fotowoltaicznych", category=category("technical_electrical"))
    ServiceCardFactory(title="Excel od podstaw", category=category("it_office"))
    result = search(columnar, q="fotowoltanika")
    assert titles(result) == ["Montaż instalacji fotowoltaicznych"]
    assert result.relaxed
    assert [(item.word, item.correction) for item in result.corrections] == [
        ("fotowoltanika", "fotowoltaika")
    ]
