"""The ranking by field (kierunek.catalogue.search.weights, decision 0008), on the engine of the
database in use (SQLite FTS5 by default, PostgreSQL with DATABASE_URL) and, on SQLite, both ways
of searching (the columns kept in the process and the one statement): a query word in a
provider's name or a programme never lifts a card above one whose title is about it."""

import datetime
import math
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kierunek.catalogue.models import SearchDocument
from kierunek.catalogue.search import SearchParams, search_cards, search_index_rebuild
from kierunek.catalogue.search.postgres import tsquery_core_expression
from kierunek.catalogue.search.sqlite import (
    FAMILY_CARDS_PER_MATCH,
    TWO_MATCHES_FROM_TYPED,
    fts5_match_expression,
    fts5_matches,
    fts5_ranked_expression,
    fts5_unboosted_expression,
)
from kierunek.catalogue.search.text import analyse_query, core_alternatives
from kierunek.catalogue.search.weights import FIELD_CLASSES, TYPED_WORD_BOOST, columns, fts5_rank
from tests.catalogue.factories import ServiceCardFactory, category
from tests.providers.factories import ProviderFactory

pytestmark = pytest.mark.django_db

SQLITE = connection.vendor == "sqlite"
# ts_rank divides a token's weighted occurrences by π²/6 (PostgreSQL's calc_rank_or).
PI2_6 = math.pi**2 / 6
# FTS5's bm25 constants.
K1, B = 1.2, 0.75


@pytest.fixture(params=["default", "statement"])
def columnar(request):
    """How to search: the engine's default way, and on SQLite also the one statement."""
    if request.param == "statement" and not SQLITE:
        pytest.skip("PostgreSQL has one way: the statement")
    return None if request.param == "default" else False


def search(q: str, columnar: bool | None) -> list[str]:
    return [hit.card.title for hit in search_cards(SearchParams(q=q), columnar=columnar).items]


def fillers(count: int = 12) -> None:
    """Cards about nothing the tests look for, so that the words they look for are as rare as in
    a catalogue (FTS5's bm25 weighs a token by its rarity)."""
    provider = ProviderFactory(legal_name="Centrum Szkoleniowe Wisła")
    for number in range(count):
        ServiceCardFactory(provider=provider, title=f"Spawanie metodą MAG, grupa {number}")


# --- the weights -------------------------------------------------------------------------------


def test_the_classes_are_postgresqls_four_labels_strongest_first():
    assert [field_class.label for field_class in FIELD_CLASSES] == ["A", "B", "C", "D"]
    weights = [field_class.weight for field_class in FIELD_CLASSES]
    assert weights == sorted(weights, reverse=True)
    assert all(0 < weight <= 1 for weight in weights)  # PostgreSQL's range
    assert len(set(columns())) == 4


def bm25_term(frequency: float, length_ratio: float = 1.0) -> float:
    """FTS5's bm25 for one token without its rarity: ``frequency`` the sum of the weights of the
    columns it is found in, ``length_ratio`` the card's length over the average."""
    return frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length_ratio))


@pytest.mark.parametrize("stronger", range(3))
def test_a_lemma_in_a_class_outweighs_surface_and_lemma_in_any_class_below(stronger):
    """The rationale of the numbers: a word found once in a class (its lemma) counts more than
    the same word found twice (surface form and lemma) in a weaker class, on both engines'
    formulas at equal rarity and length."""
    weight = FIELD_CLASSES[stronger].weight
    for weaker in FIELD_CLASSES[stronger + 1 :]:
        # PostgreSQL: found once, weight/1.645 at least; in a class, its weight at most.
        assert weight / PI2_6 > 2 * weaker.weight
        # FTS5: the title's margin is the smallest, the saturation being strongest there.
        assert bm25_term(weight) > 1.5 * 2 * bm25_term(weaker.weight)


# --- what the database ranks by ----------------------------------------------------------------


def test_the_database_ranks_by_the_weights_of_weights_py():
    with connection.cursor() as cursor:
        if SQLITE:
            cursor.execute("SELECT v FROM catalogue_search_fts_config WHERE k = 'rank'")
            assert cursor.fetchone()[0] == fts5_rank() == "bm25(1.0, 0.2, 0.04, 0.008)"
            cursor.execute("SELECT name FROM pragma_table_info('catalogue_search_fts') ORDER BY cid")
            # bm25's weights are the columns' in their order.
            assert tuple(name for (name,) in cursor.fetchall()) == columns()
        else:
            cursor.execute(
                "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a "
                "ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
                "WHERE d.adrelid = 'catalogue_searchdocument'::regclass AND a.attname = 'search_vector'"
            )
            expression = cursor.fetchone()[0]
            labels = re.findall(r"setweight\(to_tsvector\('simple'::regconfig, (\w+)\), '(\w)'", expression)
            assert labels == [(field_class.column, field_class.label) for field_class in FIELD_CLASSES]


def test_a_rebuild_keeps_the_rank_function():
    if not SQLITE:
        pytest.skip("PostgreSQL's weights are in the query and the generated column")
    ServiceCardFactory(title="Kaligrafia ślubna")
    search_index_rebuild()
    with connection.cursor() as cursor:
        cursor.execute("SELECT v FROM catalogue_search_fts_config WHERE k = 'rank'")
        assert cursor.fetchone()[0] == fts5_rank()


@pytest.fixture
def one_card_per_class():
    """For each class a card with "kaligrafia" once, in that class only (the word is its own
    lemma and has no word family: one token, on PostgreSQL one query term)."""
    fillers()
    return [
        ServiceCardFactory(title="Kaligrafia ślubna"),
        ServiceCardFactory(
            title="Bukiety", learning_outcomes="Kaligrafia jako rzemiosło: uczestnik układa bukiety."
        ),
        ServiceCardFactory(title="Kwiaciarnia", market_qualification="Kaligrafia - kwalifikacja rynkowa"),
        ServiceCardFactory(title="Kwiaty w domu", target_group="Dorośli, kaligrafia jako hobby."),
    ]


def expected_scores(cards, token: str) -> list[float]:
    """What each engine's formula gives ``cards`` for the query ``token`` with the weights of
    weights.py: PostgreSQL's ts_rank (one occurrence: weight/1.645), FTS5's bm25 (with the
    token's rarity and each card's length, counted from the search documents)."""
    documents = {
        document.card_id: [getattr(document, column).split() for column in columns()]
        for document in SearchDocument.objects.all()
    }
    if not SQLITE:
        return [
            sum(
                field_class.weight
                for field_class, tokens in zip(FIELD_CLASSES, documents[card.pk], strict=True)
                if token in tokens
            )
            / PI2_6
            for card in cards
        ]
    lengths = {pk: sum(len(tokens) for tokens in document) for pk, document in documents.items()}
    average = sum(lengths.values()) / len(lengths)
    hits = sum(1 for document in documents.values() if any(token in tokens for tokens in document))
    idf = math.log((len(documents) - hits + 0.5) / (hits + 0.5))
    scores = []
    for card in cards:
        frequency = sum(
            field_class.weight * tokens.count(token)
            for field_class, tokens in zip(FIELD_CLASSES, documents[card.pk], strict=True)
        )
        scores.append(idf * bm25_term(frequency, lengths[card.pk] / average))
    return scores


def test_each_class_counts_with_its_weight(one_card_per_class, columnar):
    result = search_cards(SearchParams(q="kaligrafia"), columnar=columnar)
    assert [hit.card.pk for hit in result.items] == [card.pk for card in one_card_per_class]
    ranks = [hit.rank for hit in result.items]
    assert ranks == pytest.approx(expected_scores(one_card_per_class, "kaligrafia"), rel=1e-5)


# --- the ranking a resident sees ---------------------------------------------------------------


@pytest.fixture
def accounting_catalogue():
    """ "Akademia Księgowości", whose name holds the subject, with cards about other subjects
    (one of whose programmes names accounting too), and accounting courses of another provider."""
    fillers()
    academy = ProviderFactory(legal_name="Akademia Księgowości sp. z o.o.", short_name="Akademia Księgowości")
    academy_cards = [
        ServiceCardFactory(
            provider=academy,
            title="Rozliczanie podatku VAT w firmie",
            category=category("finance_tax"),
            programme="1. VAT w księgowości firmy\n2. Ewidencja sprzedaży\n3. JPK_VAT",
        ),
        ServiceCardFactory(
            provider=academy, title="Cyberbezpieczeństwo w małej firmie", category=category("it_security")
        ),
        ServiceCardFactory(
            provider=academy, title="Zarządzanie sobą w czasie", category=category("soft_self_management")
        ),
    ]
    school = ProviderFactory(legal_name="Centrum Kształcenia Zawodowego Nowa Huta")
    accounting_cards = [
        ServiceCardFactory(
            provider=school, title="Księgowość dla początkujących", category=category("finance_accounting")
        ),
        ServiceCardFactory(
            provider=school,
            title="Księgowość małej firmy z programem Symfonia",
            category=category("finance_accounting"),
        ),
    ]
    return {card.title for card in accounting_cards}, {card.title for card in academy_cards}


@pytest.mark.parametrize("q", ["księgowość", "ksiegowosc", "księgowości", "ksiegowosci", "kurs księgowości"])
def test_the_accounting_courses_come_before_the_cards_of_a_provider_named_after_accounting(
    accounting_catalogue, columnar, q
):
    accounting, academy = accounting_catalogue
    found = search(q, columnar)
    assert set(found[:2]) == accounting
    # The academy's cards are still found (its name has the word), after them.
    assert set(found[2:]) == academy


@pytest.mark.parametrize(
    "weak_field",
    [
        {"provider": "Akademia Księgowości"},
        {"programme": "Wprowadzenie do księgowości. Księgowości uczymy od podstaw."},
        {"target_group": "Pracownicy działów księgowości"},
        {"market_qualification": "Specjalista do spraw księgowości"},
        {"learning_outcomes": "Uczestnik zna zasady księgowości."},
        {"goal": "Przygotowanie do pracy w księgowości."},
    ],
    ids=lambda field: next(iter(field)),
)
@pytest.mark.parametrize("q", ["księgowości", "ksiegowosci"])
def test_an_exact_form_in_a_weaker_field_does_not_beat_a_lemma_in_the_title(weak_field, q, columnar):
    """The query's very word ("księgowości", surface form and lemma both in the card) in any other
    field than the title, against the lemma alone in a title ("Księgowość"): the title wins.
    Both cards in the same category, which does not name the subject."""
    fillers()
    name, value = next(iter(weak_field.items()))
    if name == "provider":
        fields = {"provider": ProviderFactory(legal_name=f"{value} sp. z o.o.", short_name=value)}
    else:
        fields = {name: value}
    ServiceCardFactory(title="Podatek VAT w praktyce", category=category("finance_tax"), **fields)
    ServiceCardFactory(title="Księgowość od podstaw", category=category("finance_tax"))
    assert search(q, columnar) == ["Księgowość od podstaw", "Podatek VAT w praktyce"]


@pytest.mark.parametrize("q", ["faktury", "faktura"])
def test_learning_outcomes_beat_programme_text(q, columnar):
    """The outcomes name the word once (its lemma matches); a programme names its very form,
    three times: the outcomes come first."""
    fillers()
    ServiceCardFactory(
        title="Obsługa sekretariatu", programme="1. Faktury\n2. Faktury korygujące\n3. Faktury zaliczkowe"
    )
    ServiceCardFactory(title="Praca w biurze", learning_outcomes="Uczestnik wystawia fakturę i jej korektę.")
    assert search(q, columnar) == ["Praca w biurze", "Obsługa sekretariatu"]


# --- the word as typed before its word family --------------------------------------------------


@pytest.fixture
def accounting_and_its_family():
    """Accounting courses ("Księgowość", "księgowości" in their titles) and a card whose title
    has only words of the family of "księgowość" ("księgowych": ``ksiegowy`` and ``ksiegowa``, two
    family alternatives, each rarer than ``ksiegowosc``). All in one category, which does not name
    the subject. The family's card is the first created and starts first: nothing but the rank
    puts it after."""
    fillers()
    family = ServiceCardFactory(
        title="Excel dla księgowych i kadrowych",
        category=category("it_office"),
        starts_on=datetime.date(2030, 1, 1),
    )
    typed = [
        ServiceCardFactory(
            title="Księgowość w małej firmie - KPiR i ryczałt",
            category=category("it_office"),
            starts_on=datetime.date(2030, 3, 1),
        ),
        ServiceCardFactory(
            title="Kurs księgowości z obsługą programu Symfonia",
            category=category("it_office"),
            starts_on=datetime.date(2030, 3, 2),
        ),
        ServiceCardFactory(
            title="Pełna księgowość i sprawozdawczość finansowa",
            category=category("it_office"),
            starts_on=datetime.date(2030, 3, 3),
        ),
    ]
    return {card.title for card in typed}, family.title


@pytest.mark.parametrize("q", ["księgowość", "ksiegowosc", "księgowości", "ksiegowosci", "kurs księgowości"])
def test_the_word_as_typed_ranks_above_its_word_family(accounting_and_its_family, columnar, q):
    typed, family = accounting_and_its_family
    found = search(q, columnar)
    assert set(found[:3]) == typed
    # The family's card is still found (decision 0006), after them.
    assert found[3:] == [family]


@pytest.mark.parametrize("q", ["fryzjerstwo", "fryzjerstwa"])
def test_an_activity_typed_ranks_above_its_occupation_and_adjective(q, columnar):
    """ "fryzjerstwo" typed: the card about "fryzjerstwo" before those about "fryzjer" and
    "fryzjerski" (its family), though they start first."""
    fillers()
    ServiceCardFactory(title="Fryzjer - kurs zawodowy", starts_on=datetime.date(2030, 1, 1))
    ServiceCardFactory(title="Strzyżenie fryzjerskie męskie", starts_on=datetime.date(2030, 1, 2))
    ServiceCardFactory(title="Fryzjerstwo damskie od podstaw", starts_on=datetime.date(2030, 2, 1))
    found = search(q, columnar)
    assert found[0] == "Fryzjerstwo damskie od podstaw"
    assert set(found[1:]) == {"Fryzjer - kurs zawodowy", "Strzyżenie fryzjerskie męskie"}


def test_the_same_rank_without_a_word_family():
    """A query without family alternatives is ranked by its one match: no boost of typed words."""
    groups = analyse_query("kaligrafia")
    assert core_alternatives(groups) == ()
    assert tsquery_core_expression(groups) == ""
    assert fts5_ranked_expression(groups) == fts5_match_expression(groups)


@pytest.mark.skipif(not SQLITE, reason="FTS5's bm25")
@pytest.mark.parametrize(
    "q", ["spawaczka", "fryzjer", "język angielski", "analiza danych", "księgowa księgowa"]
)
def test_the_typed_words_boost_is_in_the_one_match_on_sqlite(q):
    """SQLite ranks by one match in which each typed word stands 1 + TYPED_WORD_BOOST times: a
    card's rank is the plain match's bm25 plus TYPED_WORD_BOOST times that of its typed words
    (a second match of the typed words, here in the test, less the plain one: bm25 sums over
    the phrases of an expression), and the same cards match."""
    fillers()
    titles = ["Spawacz MAG", "Spawanie TIG", "Fryzjerstwo damskie", "Fryzjer męski", "Język angielski B2"]
    for title in titles:
        ServiceCardFactory(title=title, learning_outcomes="Analiza danych i księgowość w firmie.")
    ServiceCardFactory(title="Anglistyka dla dorosłych", goal="Analityk danych, księgowy.")
    groups = analyse_query(q)
    typed = " OR ".join(f'"{alternative.token}"' for alternative in core_alternatives(groups))
    plain = fts5_match_expression(groups)

    def ranks(expression: str) -> dict[int, float]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, rank FROM catalogue_search_fts WHERE catalogue_search_fts MATCH %s",
                [expression],
            )
            return dict(cursor.fetchall())

    full, with_typed = ranks(plain), ranks(f"({plain}) AND ({typed})")
    expected = {
        card: rank + TYPED_WORD_BOOST * (with_typed[card] - rank if card in with_typed else 0.0)
        for card, rank in full.items()
    }
    assert len(full) >= 2
    assert ranks(fts5_ranked_expression(groups)) == pytest.approx(expected, rel=1e-9)
    # The search in the process, whichever way it ranks the boost.
    ids, boosted = fts5_matches(groups)
    assert dict(zip(ids.tolist(), boosted.tolist(), strict=True)) == pytest.approx(expected, rel=1e-9)


def fts5_ranks(expression: str) -> dict[int, float]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, rank FROM catalogue_search_fts WHERE catalogue_search_fts MATCH %s", [expression]
        )
        return dict(cursor.fetchall())


@pytest.mark.skipif(not SQLITE, reason="FTS5's bm25")
@pytest.mark.parametrize(
    ("others_cared_for", "two_matches"),
    [(1, True), (30, False)],
    ids=["few family cards: two matches", "many family cards: copies"],
)
def test_the_boost_by_two_matches_or_by_copies_gives_the_same_ranks(others_cared_for, two_matches):
    """With three typed alternatives or more, the search in the process ranks the boost by the
    plain match and a match of the family words (``fts5_boosted``), unless the cards having a
    family word are more than FAMILY_CARDS_PER_MATCH times the cards matched: then by the copies
    of ``fts5_ranked_expression``. Either way the ranks are the copies' (to the last bits of a
    double), and the statement's are the same doubles."""
    fillers()
    ServiceCardFactory(title="Opiekun osób starszych", learning_outcomes="Opieka nad osobą starszą.")
    ServiceCardFactory(title="Opiekunka osób starszych w domu")
    ServiceCardFactory(title="Opieka nad osobą starszą", goal="Opieka domowa.")
    for number in range(others_cared_for):  # the family word "opieka" without the other words
        ServiceCardFactory(title=f"Opieka nad dzieckiem, grupa {number}")
    groups = analyse_query("opiekun osób starszych")
    typed = len(core_alternatives(groups))
    copies = fts5_ranks(fts5_ranked_expression(groups))
    family_cards = len(fts5_ranks(fts5_unboosted_expression(groups)))

    assert typed >= TWO_MATCHES_FROM_TYPED
    assert len(copies) == 3
    assert (family_cards <= FAMILY_CARDS_PER_MATCH * len(copies)) is two_matches
    with CaptureQueriesContext(connection) as process:
        ids, ranks = fts5_matches(groups)
    assert dict(zip(ids.tolist(), ranks.tolist(), strict=True)) == pytest.approx(copies, rel=1e-12)
    # The way taken, told by what was sent: the family words' match, or the copies' match last.
    sent = [query["sql"] for query in process.captured_queries]
    assert any("json_each" in sql for sql in sent)
    assert (fts5_ranked_expression(groups) in sent[-1]) is not two_matches
    # The family's card is still found, after the typed words' cards.
    found = search_cards(SearchParams(q="opiekun osób starszych"), columnar=True).items
    assert [hit.card.title for hit in found][-1] == "Opieka nad osobą starszą"
    with CaptureQueriesContext(connection) as one:
        statement = search_cards(SearchParams(q="opiekun osób starszych"), columnar=False).items
    assert any("unboosted" in query["sql"] for query in one.captured_queries) is two_matches
    assert [(hit.card.pk, hit.rank) for hit in statement] == [(hit.card.pk, hit.rank) for hit in found]


@pytest.mark.parametrize("q", ["spawaczka", "spawaczki"])
def test_a_feminine_job_title_ranks_the_masculine_title_as_typed(q, columnar):
    """Course titles use the masculine for everybody: "spawaczka" ranks "Spawacz MAG" as if
    "spawacz" had been typed, above the cards about the activity ("spawanie", family), though
    they start first."""
    fillers()
    ServiceCardFactory(title="Spawanie metodą TIG", starts_on=datetime.date(2030, 1, 1))
    ServiceCardFactory(title="Spawanie gazowe", starts_on=datetime.date(2030, 1, 2))
    ServiceCardFactory(title="Spawacz MAG z egzaminem", starts_on=datetime.date(2030, 2, 1))
    found = search(q, columnar)
    assert found[0] == "Spawacz MAG z egzaminem"
    assert {"Spawanie metodą TIG", "Spawanie gazowe"} <= set(found[1:])


def test_a_masculine_job_title_ranks_the_feminine_as_family(columnar):
    """ "opiekun" typed: "Opiekun osób starszych" before a course for "opiekunki", which it still
    finds, though that one starts first."""
    fillers()
    ServiceCardFactory(title="Język niemiecki dla opiekunek", starts_on=datetime.date(2030, 1, 1))
    ServiceCardFactory(title="Opiekun osób starszych", starts_on=datetime.date(2030, 2, 1))
    assert search("opiekun", columnar) == ["Opiekun osób starszych", "Język niemiecki dla opiekunek"]
