"""The one interface of the search engines, and the choice of the engine by the database in use.

An engine answers an :class:`~kierunek.catalogue.search.query.EngineQuery` (the analysed text
and the criteria resolved against the reference data) with an
:class:`~kierunek.catalogue.search.results.Outcome`: the counts of the facets and the card ids of
the requested page. Everything before (parsing, reference data) and after (reading the page's
cards, the facets' labels) is the same for every engine (kierunek.catalogue.search.cards).

- PostgreSQL: one statement with its full-text search (kierunek.catalogue.search.postgres).
- SQLite: FTS5 for the text and the search columns kept in the process for the rest
  (kierunek.catalogue.search.sqlite, the default), or one statement as on PostgreSQL.
"""

from __future__ import annotations

from typing import Protocol

from .postgres import POSTGRES_ENGINE
from .query import EngineQuery
from .results import Outcome
from .sqlite import SQLITE_COLUMNS_ENGINE, SQLITE_STATEMENT_ENGINE

__all__ = ["SearchEngine", "engine_for"]


class SearchEngine(Protocol):
    name: str
    # Whether the engine wants the newest row of the search columns' change log
    # (EngineQuery.head), which is read with the reference data in the same statement.
    reads_log_head: bool
    # Whether the engine reads the page's cards in its own statement when asked
    # (EngineQuery.page_read, Outcome.page_rows): one round trip for the whole search.
    reads_page: bool

    def search(self, query: EngineQuery) -> Outcome:
        """The counts and the page of ``query``."""
        ...


def engine_for(vendor: str, *, columnar: bool | None = None) -> SearchEngine:
    """The engine for a database of ``vendor``. ``columnar`` chooses, on SQLite, between the
    search columns kept in the process (the default there) and one statement of the engine (the
    only way elsewhere)."""
    sqlite = vendor == "sqlite"
    columnar = sqlite if columnar is None else columnar
    if columnar and not sqlite:
        raise ValueError("The search columns are kept in the process only on SQLite.")
    if columnar:
        return SQLITE_COLUMNS_ENGINE
    if sqlite:
        return SQLITE_STATEMENT_ENGINE
    if vendor == "postgresql":
        return POSTGRES_ENGINE
    raise ValueError(f"No search engine for a {vendor} database.")
