"""A statement engine searches with the reference data the process holds and checks them in the
statement that reads the page's cards, which is the search's own (decision 0007): one statement
per search, and the reference data never stale for it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kierunek.catalogue.models import Category
from kierunek.catalogue.search import SearchParams, search_cards
from tests.catalogue.factories import ServiceCardFactory, category

pytestmark = pytest.mark.django_db

STATEMENT = {"columnar": False}  # the statement engine: PostgreSQL's only way, SQLite's other


def statements_of(params: SearchParams) -> tuple[object, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        result = search_cards(params, **STATEMENT)
    return result, [query["sql"] for query in captured.captured_queries]


def test_a_search_with_the_reference_data_held_sends_one_statement():
    card = ServiceCardFactory(title="Kurs florystyki")
    search_cards(SearchParams(), **STATEMENT)  # reads the reference data into the process
    # and the vocabulary a search that finds nothing suggests from (kept by the process, so read
    # here whatever test ran before in it)
    search_cards(SearchParams(q="nieznane"), **STATEMENT)
    for params in (SearchParams(q="florystyka"), SearchParams(q="nieznane"), SearchParams()):
        _result, statements = statements_of(params)
        assert len(statements) == 1, statements  # the search, with the page's cards and the check
    assert [hit.card.pk for hit in search_cards(SearchParams(q="florystyka"), **STATEMENT).items] == [card.pk]


def test_a_category_renamed_after_the_reference_data_were_read_is_seen_by_the_next_search():
    card = ServiceCardFactory()
    search_cards(SearchParams(), **STATEMENT)
    Category.objects.filter(pk=card.category_id).update(name="Nowa nazwa")
    result, statements = statements_of(SearchParams())
    assert result.items[0].card.category.name == "Nowa nazwa"
    assert len(statements) > 2  # read again, searched again


def test_a_category_added_after_the_reference_data_were_read_can_be_searched_at_once():
    search_cards(SearchParams(), **STATEMENT)
    parent = category("finance")
    added = Category.objects.create(code="finance_new", parent=parent, name="Nowa", name_en="New")
    card = ServiceCardFactory(category=added)
    result = search_cards(SearchParams(category="finance_new"), **STATEMENT)
    assert [hit.card.pk for hit in result.items] == [card.pk]
