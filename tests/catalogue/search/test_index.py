"""Rebuilding the search index: the long analysis reads outside the transaction, so the write lock
is held only for swapping the documents; cards changed meanwhile are analysed again."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kierunek.catalogue.models import CardStatus, SearchDocument
from kierunek.catalogue.search.index import card_document_fields, search_index_rebuild
from kierunek.catalogue.search.weights import columns
from tests.catalogue.factories import ServiceCardFactory

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
