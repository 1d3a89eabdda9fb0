"""Search of the public catalogue: one interface over two engines.

The page (/uslugi/) and the API (/api/v1/services) both parse their query string with
:func:`search_params_parse` and call :func:`search_cards`, so they give the same results. Only
published cards are found. Text goes through the Polish analyser and then to the engine of the
database in use (``connection.vendor``): SQLite FTS5 on the embedded default, PostgreSQL
full-text search in production (both built by migration 0008 over SearchDocument's
columns, one per weight class of the ranking: ``weights``). A result is a service: the cards of
one service on several dates (ServiceCard.service_group) are one result, its best card in the
page's order with the other matching dates (decision 0009).

One module per layer:

- ``text``: the Polish analyser of documents and queries; ``families``: the word families it adds
  to a query word (feminine job titles, occupation ↔ activity ↔ field, decision 0006);
- ``index``: the search documents of the published cards (what the engines index);
- ``weights``: the field weights of the ranking, the same on both engines (decision 0008);
- ``query``: the query string parsed into SearchParams, resolved into Criteria (the typed query);
- ``reference``: the category tree and the gminas, kept per process;
- ``engine``: the engines' interface (SearchEngine) and the choice by the database vendor;
- ``statement``: the search as one SQL statement, with a dialect per engine: ``postgres``,
  ``sqlite`` (which also holds the search over ``columns``, the search columns kept in the
  process, decisions 0002 and 0004);
- ``results``: the result and its facets; ``cards``: :func:`search_cards`, which runs the layers;
- ``suggest``: the suggestions as one types (titles, categories, qualifications).
- ``fallback``: what a search that finds nothing does instead (typos corrected against the
  ``vocabulary`` of the catalogue, partial matches, the filters to loosen), saying so.

Other contexts import from this package (the names below); inside the search, modules import
each other.
"""

from .cards import search_cards, search_version
from .fallback import ALL_FILTERS, FILTER_PARAMETERS, LOOSEN_LABELS
from .index import card_index_update, cards_index_bulk, search_index_rebuild
from .postgres import tsquery_expression
from .query import (
    MAX_PAGE_SIZE,
    PARAMETER_NAMES,
    SORT_LABELS,
    TRUE_VALUES,
    SearchParams,
    SearchParamsError,
    SortOrder,
    search_params_parse,
)
from .results import MAX_DATES, Correction, Facets, FacetValue, Loosen, SearchHit, SearchResult
from .sqlite import fts5_match_expression
from .suggest import Suggestion, SuggestionGroup, SuggestionKind, grouped, suggest

__all__ = [
    "ALL_FILTERS",
    "FILTER_PARAMETERS",
    "LOOSEN_LABELS",
    "MAX_DATES",
    "MAX_PAGE_SIZE",
    "PARAMETER_NAMES",
    "SORT_LABELS",
    "TRUE_VALUES",
    "Correction",
    "FacetValue",
    "Facets",
    "Loosen",
    "SearchHit",
    "SearchParams",
    "SearchParamsError",
    "SearchResult",
    "SortOrder",
    "Suggestion",
    "SuggestionGroup",
    "SuggestionKind",
    "card_index_update",
    "cards_index_bulk",
    "fts5_match_expression",
    "grouped",
    "search_cards",
    "search_index_rebuild",
    "search_params_parse",
    "search_version",
    "suggest",
    "tsquery_expression",
]
