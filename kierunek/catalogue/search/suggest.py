"""Suggestions as a resident types into the search: the titles of published cards, the categories
(with their codes, so that choosing one searches within it) and the market qualifications.

Matching is by word prefix, folded like every search text (:func:`.text.fold`: no case, no
diacritics): an entry matches when every typed word starts one of its words, so "ksieg" finds
"Księgowość dla początkujących" and "kadry pl" finds "Kadry i płace". Best first: entries whose
whole text starts with what was typed, then the other matches; within each, the entries with more
published cards first (then alphabetically). At most :data:`LIMIT`, shown grouped by kind in the
order of each kind's best entry.

Why a structure kept in the process and not a query: "a prefix of any word" cannot use an index
in either engine (LIKE '%…' reads every row), and the entries are few next to the cards (one per
distinct title). The structure holds every entry's words in one sorted list, so the entries a
word prefix starts are found by bisection. It is rebuilt when :func:`.cards.search_version`
changes (SQLite: a card published, withdrawn or changed) and at least every
:data:`LIFETIME_SECONDS`, which also bounds what the version does not see (a published card
retitled; PostgreSQL, which has no version).

The matching (:class:`SuggestionIndex`) is pure Python; only :func:`suggestion_index` reads the
database.
"""

from __future__ import annotations

import re
import threading
import time
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import connection

from ..models import CardStatus, ServiceCard
from .cards import search_version
from .reference import reference_data
from .text import fold

__all__ = [
    "LIFETIME_SECONDS",
    "LIMIT",
    "MIN_LENGTH",
    "Suggestion",
    "SuggestionEntry",
    "SuggestionGroup",
    "SuggestionIndex",
    "SuggestionKind",
    "grouped",
    "suggest",
    "suggestion_index",
    "suggestion_index_forget",
]

# At most this many suggestions: a list a person reads at a glance (and hears in one breath).
LIMIT = 8
# Fewer folded letters than this suggest nothing: one letter starts a third of the catalogue.
MIN_LENGTH = 2
# The structure is rebuilt at least this often (see the module's docstring): how long a retitled
# card, and on PostgreSQL a card published or withdrawn, may be suggested as it was.
LIFETIME_SECONDS = 30.0

_WORD = re.compile(r"[a-z0-9]+")
# Above every letter and digit: a prefix's words all sort below prefix + _AFTER.
_AFTER = "\uffff"


class SuggestionKind(StrEnum):
    TITLE = "title"
    CATEGORY = "category"
    QUALIFICATION = "qualification"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One suggestion: ``text`` is what choosing it searches for (a title's or a qualification's
    text), ``category`` the code of a category to search within (and ``text`` then empty);
    ``count`` how many published cards it leads to."""

    kind: SuggestionKind
    label: str
    text: str
    category: str
    count: int


@dataclass(frozen=True, slots=True)
class SuggestionEntry:
    """What the index is built from: a suggestion's labels (a category's in Polish and English,
    both matched) and its count."""

    kind: SuggestionKind
    label: str
    count: int
    label_en: str = ""
    category: str = ""

    def suggestion(self, language: str) -> Suggestion:
        label = self.label_en if language == "en" and self.label_en else self.label
        text = "" if self.kind == SuggestionKind.CATEGORY else self.label
        return Suggestion(self.kind, label, text, self.category, self.count)


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


class SuggestionIndex:
    """The entries, ordered by count (most first, then by folded label), and every word of every
    entry in one sorted list with the entry it belongs to."""

    def __init__(self, entries: Iterable[SuggestionEntry]) -> None:
        self.entries: list[SuggestionEntry] = sorted(
            entries, key=lambda entry: (-entry.count, fold(entry.label), entry.kind)
        )
        # Per entry: its folded texts (one per language) and the set of its words.
        self._texts: list[tuple[str, ...]] = []
        self._word_sets: list[frozenset[str]] = []
        pairs: list[tuple[str, int]] = []
        for number, entry in enumerate(self.entries):
            labels = [entry.label, entry.label_en] if entry.label_en else [entry.label]
            word_lists = [_words(label) for label in labels]
            self._texts.append(tuple(" ".join(words) for words in word_lists))
            words = frozenset(word for word_list in word_lists for word in word_list)
            self._word_sets.append(words)
            pairs.extend((word, number) for word in words)
        pairs.sort()
        self._words = [word for word, _number in pairs]
        self._owners = [number for _word, number in pairs]

    def __len__(self) -> int:
        return len(self.entries)

    def _starting(self, prefix: str) -> range:
        """The positions in the sorted words of the words starting with ``prefix``."""
        return range(bisect_left(self._words, prefix), bisect_left(self._words, prefix + _AFTER))

    def match(self, typed: str, *, limit: int = LIMIT) -> list[SuggestionEntry]:
        """The best ``limit`` entries for ``typed`` (see the module's docstring)."""
        words = _words(typed)
        if sum(len(word) for word in words) < MIN_LENGTH:
            return []
        # Candidates from the longest typed word (the fewest entries), checked against the rest.
        position = max(range(len(words)), key=lambda at: len(words[at]))
        longest = words[position]
        others = words[:position] + words[position + 1 :]
        candidates = {self._owners[position] for position in self._starting(longest)}
        whole = " ".join(words)
        ranked = []
        for number in candidates:
            entry_words = self._word_sets[number]
            if all(any(word.startswith(typed_word) for word in entry_words) for typed_word in others):
                starts = any(text.startswith(whole) for text in self._texts[number])
                ranked.append((0 if starts else 1, number))
        ranked.sort()
        return [self.entries[number] for _tier, number in ranked[:limit]]


@dataclass(frozen=True, slots=True)
class SuggestionGroup:
    kind: SuggestionKind
    suggestions: tuple[Suggestion, ...]


def grouped(suggestions: Sequence[Suggestion]) -> list[SuggestionGroup]:
    """``suggestions`` (best first) grouped by kind, the groups in the order of their best."""
    kinds: dict[SuggestionKind, list[Suggestion]] = {}
    for suggestion in suggestions:
        kinds.setdefault(suggestion.kind, []).append(suggestion)
    return [SuggestionGroup(kind, tuple(items)) for kind, items in kinds.items()]


def _published_counts(column: str) -> list[tuple[Any, int]]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(column)}, COUNT(*) FROM {quote(ServiceCard._meta.db_table)} "  # noqa: S608
            f"WHERE status = %s GROUP BY {quote(column)}",
            [CardStatus.PUBLISHED.value],
        )
        return cursor.fetchall()


def _merged(rows: Iterable[tuple[str, int]], kind: SuggestionKind) -> list[SuggestionEntry]:
    """One entry per folded text (titles differing only in case, diacritics or spacing are one),
    labelled with its most common spelling."""
    spellings: dict[str, list[tuple[int, str]]] = {}
    for text, count in rows:
        text = " ".join((text or "").split())
        if text:
            spellings.setdefault(" ".join(_words(text)), []).append((count, text))
    entries = []
    for forms in spellings.values():
        best = max(forms, key=lambda form: (form[0], form[1]))
        entries.append(SuggestionEntry(kind, best[1], sum(count for count, _text in forms)))
    return entries


def _category_entries() -> list[SuggestionEntry]:
    """The categories with published cards; a top category counts its children's cards too (a
    search within it includes them)."""
    reference, _head = reference_data()
    counts = dict(_published_counts("category_id"))
    totals = dict(counts)
    for category in reference.categories:
        if category.parent_id is not None and category.pk in counts:
            totals[category.parent_id] = totals.get(category.parent_id, 0) + counts[category.pk]
    return [
        SuggestionEntry(
            SuggestionKind.CATEGORY,
            category.name,
            totals[category.pk],
            label_en=category.name_en,
            category=category.code,
        )
        for category in reference.categories
        if totals.get(category.pk)
    ]


def _index_build() -> SuggestionIndex:
    titles = _merged(_published_counts("title"), SuggestionKind.TITLE)
    qualifications = _merged(
        [(text, count) for text, count in _published_counts("market_qualification") if text],
        SuggestionKind.QUALIFICATION,
    )
    return SuggestionIndex([*titles, *_category_entries(), *qualifications])


_lock = threading.Lock()
# Per database alias: (version, built at, index).
_indexes: dict[str, tuple[Any, float, SuggestionIndex]] = {}


def suggestion_index() -> SuggestionIndex:
    """The index of the published catalogue, kept per process (see the module's docstring)."""
    version = (connection.settings_dict["NAME"], search_version())
    now = time.monotonic()
    kept = _indexes.get(connection.alias)
    if kept is not None and kept[0] == version and now - kept[1] < LIFETIME_SECONDS:
        return kept[2]
    with _lock:  # one thread builds; the others wait for it rather than build it again
        kept = _indexes.get(connection.alias)
        if kept is not None and kept[0] == version and now - kept[1] < LIFETIME_SECONDS:
            return kept[2]
        index = _index_build()
        _indexes[connection.alias] = (version, time.monotonic(), index)
        return index


def suggestion_index_forget() -> None:
    """Drop the kept indexes: the next suggestion reads the catalogue again (tests on PostgreSQL,
    where no version tells a new test's catalogue from the last one's)."""
    with _lock:
        _indexes.clear()


def suggest(typed: str, *, language: str, limit: int = LIMIT) -> list[Suggestion]:
    """The suggestions for ``typed`` in ``language`` ("pl" or "en"), best first."""
    return [entry.suggestion(language) for entry in suggestion_index().match(typed, limit=limit)]
