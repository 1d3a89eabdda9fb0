"""What a search does when it finds nothing, so that no search ends on an empty page, and never
silently: every result it relaxes says what it relaxed (SearchResult.relaxed_q, corrections,
missing_words, loosen, suggestion; the page and the API show them).

When a text finds nothing at all (with or without the filters), in this order:

1. **Typos**: each typed word that finds no card on its own is corrected against the catalogue's
   vocabulary (kierunek.catalogue.search.vocabulary): "exel" → "excel". A word the analyser
   finds (an inflected form, one without diacritics, a prefix of a name) finds cards, so it is
   never corrected.
2. **Partial matches**: the words that still find nothing are dropped; when the rest still find
   nothing together, the largest group of them that finds something is shown (the first in the
   typed order among groups of the same size, with the most cards), and the words left out are
   named.

When the text (as typed, or as relaxed above) finds cards but the filters exclude them all, the
result counts, for each active filter, what removing it alone would give (``loosen``), and, with
several filters, what removing them all would.

A search that finds a few cards gets a "did you mean" ``suggestion`` when one of its words finds
cards only in their longer texts (not in any title, category or qualification) and is one edit
away from a word of the vocabulary that finds more cards (kept conservative: a suggestion costs
one more count, and only then).

All of it runs only for a search that found nothing or fewer than SUGGEST_BELOW cards: a search
that finds enough costs nothing more. ``exact`` (SearchParams.exact, the "search for exactly what
I typed" link) turns the relaxing of the text off; the filters' counts stay.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from django.db import connection
from django.utils.translation import gettext_lazy as _

from .postgres import tsquery_expression
from .query import Criteria, SearchParams
from .reference import Reference
from .results import Correction, Loosen, SearchResult
from .sqlite import fts5_match_expression
from .text import QueryGroup, analyse_query, fold
from .vocabulary import Vocabulary, correction, vocabulary

__all__ = ["LOOSEN_LABELS", "Searcher", "result_relaxed"]

# A search that finds fewer cards than this may get a "did you mean" suggestion.
SUGGEST_BELOW = 4
# A suggestion's word must be in at least this many cards' titles, categories or qualifications.
SUGGEST_MIN_CARDS = 3
# At most this many groups of words are tried for a partial match (a query of many words that
# find something each but nothing together): beyond, the single words.
MAX_SUBSETS = 24


class Searcher(Protocol):
    """The search being relaxed, as kierunek.catalogue.search.cards runs it."""

    params: SearchParams
    criteria: Criteria
    reference: Reference

    @property
    def version(self) -> tuple[Any, ...] | None:
        """``search_version()`` of the search (what the vocabulary is kept by)."""
        ...

    def count(self, groups: Sequence[QueryGroup], criteria: Criteria) -> int:
        """How many services (result groups, as SearchResult.count) of published cards match
        ``groups`` and ``criteria``."""
        ...

    def result(self, q: str) -> SearchResult:
        """The search of the same parameters with the text ``q`` instead, not relaxed."""
        ...


def text_found(groups: Sequence[QueryGroup]) -> bool:
    """Whether any published card matches ``groups`` (filters aside): the first match of the
    engine's index, not all of them counted, which for a frequent word at 100 000 cards is most
    of a search's cost. Only published cards have a search document (search.index)."""
    if connection.vendor == "postgresql":
        # Not "... WHERE search_vector @@ q LIMIT 1": for a word no card has, the planner then
        # scans every document hoping for an early match (180-270 ms at 100 000 cards); the
        # matches read from the GIN index first take 0.2-4 ms (benchmarks/fallback.py).
        statement = (
            "WITH matched AS MATERIALIZED (SELECT card_id FROM catalogue_searchdocument "
            "WHERE search_vector @@ to_tsquery('simple', %s)) SELECT 1 FROM matched LIMIT 1"
        )
        expression = tsquery_expression(groups)
    else:
        statement = "SELECT 1 FROM catalogue_search_fts WHERE catalogue_search_fts MATCH %s LIMIT 1"
        expression = fts5_match_expression(groups)
    with connection.cursor() as cursor:
        cursor.execute(statement, [expression])
        return cursor.fetchone() is not None


@dataclass(frozen=True)
class _Filter:
    name: str
    parameters: tuple[str, ...]  # the query string's parameters the filter is made of
    active: Callable[[Criteria], bool]
    removed: dict[str, Any]  # the criteria without it


# Each filter a person may loosen, in the order of the form. Place is two filters: the powiat
# (a facet) and the distance (a radius from a gmina, which also keeps the gmina for the sort).
_FILTERS = (
    _Filter("category", ("category",), lambda c: bool(c.category_ids), {"category_ids": ()}),
    _Filter("form", ("form",), lambda c: bool(c.forms), {"forms": ()}),
    _Filter("powiat", ("powiat",), lambda c: c.gminas is not None, {"gminas": None}),
    _Filter(
        "distance",
        ("radius_km", "include_remote"),
        lambda c: c.near is not None,
        {"near": None, "include_remote": False},
    ),
    _Filter(
        "dates",
        ("starts_after", "starts_before"),
        lambda c: bool(c.starts_after or c.starts_before),
        {"starts_after": None, "starts_before": None},
    ),
    _Filter("price", ("price_max",), lambda c: c.price_max is not None, {"price_max": None}),
    _Filter("rating", ("min_rating",), lambda c: c.min_rating is not None, {"min_rating": None}),
    _Filter("free_places", ("free_places",), lambda c: c.free_places_only, {"free_places_only": False}),
    _Filter("quality_mark", ("quality_mark",), lambda c: c.quality_mark, {"quality_mark": False}),
    _Filter(
        "qualification",
        ("kwalifikacja",),
        lambda c: bool(c.qualification),
        {"qualification": "", "card_ids": None},
    ),
)
# Removing every active filter at once (offered with two or more).
ALL_FILTERS = "all"
# The query string's parameters of every filter (what "clear the filters" removes).
FILTER_PARAMETERS = tuple(name for item in _FILTERS for name in item.parameters)

LOOSEN_LABELS = {
    "category": _("category"),
    "form": _("form of delivery"),
    "powiat": _("powiat"),
    "distance": _("distance"),
    "dates": _("dates"),
    "price": _("price"),
    "rating": _("rating"),
    "free_places": _("free places only"),
    "quality_mark": _("quality mark only"),
    "qualification": _("qualification"),
    ALL_FILTERS: _("all filters"),
}


def loosen_counts(searcher: Searcher, groups: Sequence[QueryGroup]) -> tuple[Loosen, ...]:
    """For each active filter that excludes everything ``groups`` finds, how many cards removing
    it alone gives (those that give some), and with several, removing them all."""
    criteria = searcher.criteria
    active = [item for item in _FILTERS if item.active(criteria)]
    found = []
    for item in active:
        count = searcher.count(groups, replace(criteria, **item.removed))
        if count:
            found.append(Loosen(name=item.name, parameters=item.parameters, count=count))
    if len(active) > 1:
        count = searcher.count(groups, Criteria())
        if count:
            parameters = tuple(name for item in active for name in item.parameters)
            found.append(Loosen(name=ALL_FILTERS, parameters=parameters, count=count))
    return tuple(found)


@dataclass(frozen=True)
class _Piece:
    """A typed word (as typed) and the query groups it contributes (none for a stop word or a
    generic word the query drops)."""

    typed: str
    groups: tuple[QueryGroup, ...]


def _pieces(q: str, groups: Sequence[QueryGroup]) -> list[_Piece]:
    pieces = []
    for typed in q.split():
        own = tuple(group for group in analyse_query(typed) if group in groups)
        pieces.append(_Piece(typed, own))
    return pieces


def _groups(pieces: Sequence[_Piece]) -> tuple[QueryGroup, ...]:
    return tuple(dict.fromkeys(group for piece in pieces for group in piece.groups))


def _text(pieces: Sequence[_Piece]) -> str:
    return " ".join(piece.typed for piece in pieces)


def _corrected(piece: _Piece, words: Vocabulary, searcher: Searcher) -> _Piece | None:
    """``piece`` corrected against the vocabulary, when a correction finds cards on its own."""
    token = fold(piece.typed.strip(".,;:!?()\"'„”")).lower()
    found = correction(token, words.words, known=words.known)
    if found is None:
        return None
    written = words.shown.get(found, found)
    groups = analyse_query(written)
    if not groups or not text_found(groups):
        return None
    return _Piece(written, groups)


def _best_subset(pieces: Sequence[_Piece], searcher: Searcher) -> tuple[list[_Piece], int]:
    """The largest group of ``pieces`` (at least one) that finds cards with the filters, the
    first in the typed order with the most cards among those of its size; ([], 0) for none."""
    tried = 0
    for size in range(len(pieces) - 1, 0, -1):
        best: tuple[list[_Piece], int] = ([], 0)
        for chosen in itertools.combinations(pieces, size):
            if size > 1 and tried >= MAX_SUBSETS:
                break
            tried += 1
            count = searcher.count(_groups(chosen), searcher.criteria)
            if count > best[1]:
                best = (list(chosen), count)
        if best[1]:
            return best
    return [], 0


def result_relaxed(result: SearchResult, searcher: Searcher, groups: Sequence[QueryGroup]) -> SearchResult:
    """``result`` as it is when it found enough; otherwise relaxed as the module says, saying how.
    ``groups`` are the analysed text of ``result`` (empty without a text)."""
    params = searcher.params
    if result.count >= SUGGEST_BELOW:
        return result
    if result.count:
        if not groups or params.exact:
            return result
        return replace(result, suggestion=_suggestion(result, searcher, groups))
    if not groups:
        return replace(result, loosen=loosen_counts(searcher, ()))
    if searcher.criteria != Criteria() and text_found(groups):
        # The text finds cards: the filters exclude them all.
        return replace(result, loosen=loosen_counts(searcher, groups))
    if params.exact:
        return result

    pieces = [piece for piece in _pieces(params.q, groups) if piece.groups]
    words = vocabulary(searcher.reference, searcher.version)
    kept: list[_Piece] = []
    corrections: list[Correction] = []
    missing: list[str] = []
    for piece in pieces:
        if len(pieces) > 1 and text_found(piece.groups):
            kept.append(piece)
            continue
        corrected = _corrected(piece, words, searcher)
        if corrected is not None:
            kept.append(corrected)
            corrections.append(Correction(word=piece.typed, correction=corrected.typed))
        else:
            missing.append(piece.typed)
    if not kept:
        return replace(result, missing_words=tuple(missing))
    relaxed = kept
    shown: SearchResult | None = None
    count = 0
    if corrections or missing:  # (otherwise every word finds cards, and together none)
        shown = searcher.result(_text(kept))  # its count tells whether it found any
        count = shown.count
    if not count and len(kept) > 1:
        subset, count = _best_subset(kept, searcher)
        if count:
            relaxed, shown = subset, None
            missing += [piece.typed for piece in kept if piece not in subset]
            corrections = [item for item in corrections if any(p.typed == item.correction for p in subset)]
    if not count:
        # Nothing with the filters, even relaxed: what loosening them would give the relaxed text.
        loosen = loosen_counts(searcher, _groups(kept)) if searcher.criteria != Criteria() else ()
        return replace(
            result,
            relaxed_q=_text(kept) if loosen else "",
            corrections=tuple(corrections) if loosen else (),
            missing_words=tuple(missing),
            loosen=loosen,
        )
    if shown is None:
        shown = searcher.result(_text(relaxed))
    return replace(
        shown,
        params=params,
        relaxed_q=_text(relaxed),
        corrections=tuple(corrections),
        missing_words=tuple(missing),
    )


def _suggestion(result: SearchResult, searcher: Searcher, groups: Sequence[QueryGroup]) -> str:
    """The text with one word corrected, when that word is probably a typo: none of its
    alternatives is a word (or, for a prefix, the start of a word) of the vocabulary's fields, so
    it finds cards only in their longer texts; a word of the vocabulary in SUGGEST_MIN_CARDS cards
    or more is one edit away; and the corrected text finds more cards. "" otherwise."""
    pieces = _pieces(searcher.params.q, groups)
    words: Vocabulary | None = None
    for index, piece in enumerate(pieces):
        if len(piece.groups) != 1:
            continue
        words = words or vocabulary(searcher.reference, searcher.version)
        if any(words.is_known(item.token, prefix=item.prefix) for item in piece.groups[0]):
            continue
        token = fold(piece.typed).lower()
        found = correction(token, words.words, known=words.known, max_edits=1)
        if found is None or words.words[found] < SUGGEST_MIN_CARDS:
            continue
        written = words.shown.get(found, found)
        text = _text([*pieces[:index], _Piece(written, ()), *pieces[index + 1 :]])
        if searcher.count(analyse_query(text), searcher.criteria) > result.count:
            return text
    return ""
