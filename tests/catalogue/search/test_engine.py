"""The one interface of the search engines: which engine a database gets, and that every
engine is one (tests/catalogue/search/test_columns.py compares their results)."""

import pytest

from kierunek.catalogue.search.engine import SearchEngine, engine_for
from kierunek.catalogue.search.postgres import POSTGRES_ENGINE
from kierunek.catalogue.search.sqlite import SQLITE_COLUMNS_ENGINE, SQLITE_STATEMENT_ENGINE


@pytest.mark.parametrize(
    ("vendor", "columnar", "engine"),
    [
        ("sqlite", None, SQLITE_COLUMNS_ENGINE),
        ("sqlite", True, SQLITE_COLUMNS_ENGINE),
        ("sqlite", False, SQLITE_STATEMENT_ENGINE),
        ("postgresql", None, POSTGRES_ENGINE),
        ("postgresql", False, POSTGRES_ENGINE),
    ],
)
def test_the_engine_of_each_database(vendor, columnar, engine):
    assert engine_for(vendor, columnar=columnar) is engine


@pytest.mark.parametrize(("vendor", "columnar"), [("postgresql", True), ("mysql", None), ("oracle", False)])
def test_no_engine_where_there_is_none(vendor, columnar):
    with pytest.raises(ValueError, match=r"search columns|No search engine"):
        engine_for(vendor, columnar=columnar)


@pytest.mark.parametrize("engine", [SQLITE_COLUMNS_ENGINE, SQLITE_STATEMENT_ENGINE, POSTGRES_ENGINE])
def test_every_engine_answers_the_interface(engine):
    assert isinstance(engine.name, str)
    assert isinstance(engine.reads_log_head, bool)
    assert callable(engine.search)
    _typed: SearchEngine = engine  # mypy checks each against the Protocol
    # Only the columns kept in the process need the change log's newest row.
    assert engine.reads_log_head == (engine is SQLITE_COLUMNS_ENGINE)
