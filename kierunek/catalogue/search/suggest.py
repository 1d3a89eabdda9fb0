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
distinct title). The structure holds the entries' texts and distinct words in sorted lists, so
what a typed word starts is found by bisection, and the entries by number (by count) from there.

When it is read again: the catalogue changes all the time (places taken, prices, ratings) while
the suggestions change only when a card is published or withdrawn or changes category, and, rarer,
when a published card is retitled. So a cheap *version* says that something may have changed
(SQLite: :func:`.cards.search_version`, the newest row of the search's change log; PostgreSQL has
none, and looks every :data:`CHECK_SECONDS`), then a *fingerprint* of which cards are published in
which category says whether the suggestions did (SQLite: from the search columns the process
keeps up to date anyway, :mod:`.columns`; PostgreSQL: one pass over the published cards' index);
only then is the structure rebuilt. Titles are not in the fingerprint (nor in the change log): it
is rebuilt at least every :data:`MAX_AGE_SECONDS` too.

The matching (:class:`SuggestionIndex`) is pure Python; only :func:`suggestion_index` reads the
database.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import threading
import time
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from itertools import accumulate
from typing import Any

from django.db import connection

from ..models import CardStatus
from .cards import search_version
from .columns import card_columns
from .reference import reference_data
from .text import fold

__all__ = [
    "CHECK_SECONDS",
    "LIMIT",
    "MAX_AGE_SECONDS",
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
# On PostgreSQL, which has no change log, the published cards are looked at again after this
# long: how long a card published or withdrawn there may be missing or suggested still.
CHECK_SECONDS = 30.0
# The structure is rebuilt at least this often: how long a published card that was retitled may
# be suggested by its old title (no change log records a title).
MAX_AGE_SECONDS = 300.0

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


# Polish letters folded by one translation: most titles are then ASCII, and folding them costs a
# fraction of :func:`fold` (which decomposes every character); anything else still goes through it.
_POLISH = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


@lru_cache(maxsize=1 << 18)
def _words(text: str) -> tuple[str, ...]:
    """The folded words of ``text`` (as ``fold`` gives them); kept, since every rebuild reads the
    same titles again."""
    quick = text.translate(_POLISH)
    return tuple(_WORD.findall(quick.lower() if quick.isascii() else fold(text)))


class SuggestionIndex:
    """The entries, numbered by count (most first, then by folded label); their folded texts in
    one sorted list (for the entries that start with what was typed); and the distinct words of
    all entries in another, each with the numbers of the entries that have it, ascending."""

    def __init__(self, entries: Iterable[SuggestionEntry]) -> None:
        prepared = [
            (entry, [_words(entry.label), *([_words(entry.label_en)] if entry.label_en else [])])
            for entry in entries
        ]
        prepared.sort(key=lambda item: (-item[0].count, item[1][0], item[0].label, item[0].kind))
        self.entries: list[SuggestionEntry] = [entry for entry, _word_lists in prepared]
        self._word_sets: list[frozenset[str]] = []
        texts: list[tuple[str, int]] = []
        owners: dict[str, list[int]] = {}
        for number, (_entry, word_lists) in enumerate(prepared):
            texts.extend((" ".join(words), number) for words in word_lists)
            words = frozenset(word for words in word_lists for word in words)
            self._word_sets.append(words)
            for word in words:
                owners.setdefault(word, []).append(number)
        texts.sort()
        self._texts = [text for text, _number in texts]
        self._text_owners = [number for _text, number in texts]
        self._words = sorted(owners)
        self._owners = [owners[word] for word in self._words]
        # How many (word, entry) pairs come before each word: the entries a prefix leads to, counted.
        self._before = list(accumulate((len(numbers) for numbers in self._owners), initial=0))

    def __len__(self) -> int:
        return len(self.entries)

    @staticmethod
    def _range(keys: list[str], prefix: str) -> tuple[int, int]:
        """The positions in ``keys`` (sorted) of those starting with ``prefix``."""
        return bisect_left(keys, prefix), bisect_left(keys, prefix + _AFTER)

    def match(self, typed: str, *, limit: int = LIMIT) -> list[SuggestionEntry]:
        """The best ``limit`` entries for ``typed`` (see the module's docstring)."""
        words = _words(typed)
        if sum(len(word) for word in words) < MIN_LENGTH:
            return []
        ranges = [self._range(self._words, word) for word in words]
        if any(low == high for low, high in ranges):
            return []  # a typed word that starts no word at all
        # First the entries whose text starts with the whole text (each typed word then starts one
        # of their words): the lowest numbers, the most cards.
        low, high = self._range(self._texts, " ".join(words))
        found = heapq.nsmallest(limit, set(self._text_owners[low:high]))
        if len(found) == limit:
            return [self.entries[number] for number in found]
        # Then the others, in the order of their numbers, from the typed word that leads to the
        # fewest entries, each checked against the other typed words; stopped at the limit.
        at = min(range(len(words)), key=lambda i: self._before[ranges[i][1]] - self._before[ranges[i][0]])
        others = words[:at] + words[at + 1 :]
        seen = set(found)
        low, high = ranges[at]
        lists = self._owners[low:high]
        # Merged lazily when few (a common word's long list), or gathered when many (a short
        # prefix of many rare words).
        numbers = heapq.merge(*lists) if len(lists) <= 64 else sorted(set().union(*lists))
        for number in numbers:
            if number in seen:
                continue
            seen.add(number)
            entry_words = self._word_sets[number]
            if all(any(word.startswith(other) for word in entry_words) for other in others):
                found.append(number)
                if len(found) == limit:
                    break
        return [self.entries[number] for number in found]


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
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT category_id, COUNT(*) FROM catalogue_servicecard WHERE status = %s GROUP BY category_id",
            [CardStatus.PUBLISHED.value],
        )
        counts = dict(cursor.fetchall())
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
    # Titles and qualifications from one pass over the published cards (no index serves either).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title, market_qualification, COUNT(*) FROM catalogue_servicecard "
            "WHERE status = %s GROUP BY title, market_qualification",
            [CardStatus.PUBLISHED.value],
        )
        rows = cursor.fetchall()
    titles: dict[str, int] = {}
    qualifications: dict[str, int] = {}
    for title, qualification, count in rows:
        titles[title] = titles.get(title, 0) + count
        if qualification:
            qualifications[qualification] = qualifications.get(qualification, 0) + count
    return SuggestionIndex(
        [
            *_merged(titles.items(), SuggestionKind.TITLE),
            *_category_entries(),
            *_merged(qualifications.items(), SuggestionKind.QUALIFICATION),
        ]
    )


def _version() -> Any:
    """What tells, cheaply, that the catalogue may have changed: on SQLite the newest row of the
    search's change log (with the categories' names); on PostgreSQL nothing (None)."""
    return (connection.settings_dict["NAME"], search_version())


def _fingerprint() -> Any:
    """Which cards are published, in which category (and the categories' names): what the
    suggestions depend on but for the texts of the cards. On SQLite from the search columns kept
    in the process (microseconds); on PostgreSQL one pass over the published cards' index."""
    reference, head = reference_data(log_head=connection.vendor == "sqlite")
    if connection.vendor == "sqlite":
        columns = card_columns(head)
        digest = hashlib.blake2b(columns.ids.tobytes() + columns.category.tobytes(), digest_size=16)
        return (reference.fingerprint, digest.hexdigest())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*), SUM(id), SUM(id * id), SUM(id * category_id) FROM catalogue_servicecard "
            "WHERE status = %s",
            [CardStatus.PUBLISHED.value],
        )
        return (reference.fingerprint, *cursor.fetchone())


@dataclass(frozen=True, slots=True)
class _Kept:
    version: Any
    fingerprint: Any
    checked_at: float
    built_at: float
    index: SuggestionIndex

    def holds(self, version: Any, now: float) -> bool:
        """Still right without looking at the catalogue (see the module's docstring)."""
        if now - self.built_at >= MAX_AGE_SECONDS:
            return False
        if version[1] is not None:  # SQLite: the change log says whether anything changed
            return version == self.version
        return now - self.checked_at < CHECK_SECONDS


_lock = threading.Lock()
_indexes: dict[str, _Kept] = {}


def suggestion_index() -> SuggestionIndex:
    """The index of the published catalogue, kept per process (see the module's docstring)."""
    version = _version()
    kept = _indexes.get(connection.alias)
    if kept is not None and kept.holds(version, time.monotonic()):
        return kept.index
    with _lock:  # one thread looks and builds; the others wait for it rather than do it again
        now = time.monotonic()
        kept = _indexes.get(connection.alias)
        if kept is not None and kept.holds(version, now):
            return kept.index
        fingerprint = _fingerprint()
        if kept is not None and kept.fingerprint == fingerprint and now - kept.built_at < MAX_AGE_SECONDS:
            # Places taken, a price, a date changed: the same suggestions.
            kept = replace(kept, version=version, checked_at=now)
        else:
            kept = _Kept(version, fingerprint, now, now, _index_build())
        _indexes[connection.alias] = kept
        return kept.index


def suggestion_index_forget() -> None:
    """Drop the kept indexes: the next suggestion reads the catalogue again (tests on PostgreSQL,
    where no version tells a new test's catalogue from the last one's)."""
    with _lock:
        _indexes.clear()


def suggest(typed: str, *, language: str, limit: int = LIMIT) -> list[Suggestion]:
    """The suggestions for ``typed`` in ``language`` ("pl" or "en"), best first."""
    return [entry.suggestion(language) for entry in suggestion_index().match(typed, limit=limit)]
