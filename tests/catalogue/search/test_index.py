"""The search index: each part of a card in its weight class's column (weights.py), written alike
by the index and by migration 0008; and rebuilding it: the long analysis reads outside the
transaction, so the write lock is held only for swapping the documents; cards changed meanwhile
are analysed again."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kierunek.catalogue.models import CardStatus, SearchDocument
from kierunek.catalogue.search import SearchParams, search_cards
from kierunek.catalogue.search.index import SOURCES, card_document_fields, search_index_rebuild
from kierunek.catalogue.search.weights import FIELD_CLASSES, columns
from tests.catalogue.factories import ServiceCardFactory, category, gmina
from tests.providers.factories import ProviderFactory

pytestmark = pytest.mark.django_db


def test_the_rebuild_analyses_the_cards_before_it_takes_the_write_lock():
    if connection.vendor != "sqlite":
        pytest.skip("the whole database's write lock is SQLite's")
    cards = [ServiceCardFactory(title=f"Spawanie metodą TIG {n}") for n in range(3)]
    ServiceCardFactory(title="Szkic", status=CardStatus.DRAFT)
    SearchDocument.objects.all().delete()

    with CaptureQueriesContext(connection) as queries:
        assert search_index_rebuild() == 3

    statements = [query["sql"] for query in queries.captured_queries]
    # The test runs inside a transaction, so the rebuild's transaction is a savepoint.
    lock = next(n for n, sql in enumerate(statements) if sql.startswith(("BEGIN", "SAVEPOINT")))
    reads_of_cards = [n for n, sql in enumerate(statements) if 'FROM "catalogue_servicecard"' in sql]
    assert reads_of_cards[0] < lock  # the analysis read the cards before the transaction began
    stored = {
        d.card_id: {column: getattr(d, column) for column in columns()} for d in SearchDocument.objects.all()
    }
    assert stored == {c.pk: card_document_fields(c) for c in cards}


def test_every_part_a_weight_class_names_is_read_once():
    named = [source for field_class in FIELD_CLASSES for source in field_class.sources]
    assert sorted(named) == sorted(SOURCES)
    assert len(named) == len(set(named))


def test_a_cards_document_holds_each_part_in_its_class():
    provider = ProviderFactory(
        legal_name="Akademia Księgowości sp. z o.o.", short_name="Akademia Księgowości"
    )
    card = ServiceCardFactory(
        provider=provider,
        title="Spawanie",
        goal="Lutowanie",
        learning_outcomes="Szlifowanie",
        category=category("finance_tax"),  # "Podatki", under "Finanse i rachunkowość"
        market_qualification="Ślusarz",
        programme="Malowanie",
        target_group="Emeryci",
        gmina=gmina("1219053"),  # Wieliczka
    )
    document = SearchDocument.objects.get(card=card)
    expected = {
        "title_tokens": {"spawanie"},
        "outcome_tokens": {"lutowanie", "szlifowanie"},
        "kind_tokens": {"podatki", "finanse", "rachunkowosc", "slusarz"},
        "context_tokens": {"akademia", "ksiegowosci", "ksiegowosc", "malowanie", "emeryci", "wieliczka"},
    }
    assert set(expected) == set(columns())
    for column, words in expected.items():
        tokens = set(getattr(document, column).split())
        assert words <= tokens, column
        others = set().union(*(other for name, other in expected.items() if name != column))
        assert not others & tokens, column


class _SchemaEditor:
    """What migration 0008's functions use of a schema editor: the connection, and execute."""

    connection = connection

    def execute(self, sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_migration_0008_analyses_the_cards_as_the_index_does():
    """The migration keeps its own copy of which part goes in which class (a migration is a
    snapshot): today it writes what the index writes."""
    migration = importlib.import_module("kierunek.catalogue.migrations.0008_search_fields")
    cards = [
        ServiceCardFactory(title="Księgowość dla początkujących", category=category("finance_accounting")),
        ServiceCardFactory(
            title="Kadry i płace",
            provider=ProviderFactory(short_name="Kadrowiec"),
            market_qualification="Specjalista do spraw kadr i płac",
            delivery_form="remote_live",
            gmina=None,
            outside_region_address="ul. Długa 5, 00-001 Warszawa",
        ),
    ]
    ServiceCardFactory(title="Szkic", status=CardStatus.DRAFT)
    SearchDocument.objects.all().delete()

    migration.reanalyse(django_apps, _SchemaEditor())

    stored = {
        d.card_id: {column: getattr(d, column) for column in columns()} for d in SearchDocument.objects.all()
    }
    assert stored == {c.pk: card_document_fields(c) for c in cards}
    found = search_cards(SearchParams(q="warszawa")).items  # the engine's index followed
    assert [hit.card.pk for hit in found] == [cards[1].pk]
