"""The search columns of the published cards, kept in the process as arrays (SQLite).

Why: on SQLite a search that counts facets over most of the catalogue steps through every card's
index entry twice (about 110 ns an entry, 25 ms at 100 000 cards, more with a filter on each), and
a text search looks every matched card up by id. As arrays in the process the same counts take
a fraction of a millisecond (numpy), and the full-text match is all that is left to the engine.
PostgreSQL keeps counting in the server (grouping sets, search.postgres).

Why it is never stale: migration 0005 has triggers write a row to ``catalogue_search_changes``
for every change of a published card's search columns (or of whether it is published), and of
any quality mark case (who holds the mark is a filter too). Every
search reads the newest row of that log (its id and random token, with the reference data's
fingerprint: no extra query) and hands it to :func:`card_columns`, which

- returns the arrays as they are when they were brought up to exactly that row;
- otherwise reads, in one statement, the log from the row it last saw on, with the current search
  columns of each card named there, and replaces those cards (the arrays are never changed in
  place: a search holding them keeps a consistent copy);
- or loads every published card again when the log no longer holds the row it last saw (a
  rollback, or more than migration 0005's KEEP rows behind).

Rows are read after the log row they are brought up to, so they are never older than it; a
change committed in between is read again at the next search, which is harmless.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np
from django.db import connection

from kierunek.quality.selectors import providers_holding_valid_mark

from ..models import DeliveryForm

__all__ = ["FORM_CODES", "LOG_HEAD_SQL", "CardColumns", "LogHead", "card_columns", "day_number"]

# A delivery form as a small integer: its position here (DeliveryForm's order); any other value
# of the column is len(FORM_CODES).
FORM_CODES: tuple[str, ...] = tuple(DeliveryForm.values)

# The newest row of the change log, as two scalar subqueries for the search's first statement.
LOG_HEAD_SQL = (
    "(SELECT id FROM catalogue_search_changes ORDER BY id DESC LIMIT 1), "
    "(SELECT token FROM catalogue_search_changes ORDER BY id DESC LIMIT 1)"
)

LogHead = tuple[int, bytes]  # (id, token) of the newest log row; (0, b"") for an empty log
_EMPTY: LogHead = (0, b"")

# A date as the number of its day (date.toordinal), from SQLite's ISO text.
_DAY_SQL = "CAST(julianday({}) - 1721424.5 AS INTEGER)"
_FORM_SQL = (
    "CASE c.delivery_form "
    + " ".join(f"WHEN '{form}' THEN {code}" for code, form in enumerate(FORM_CODES))
    + f" ELSE {len(FORM_CODES)} END"
)
# The columns in the order of CardColumns.NAMES. A missing gmina is 0 (ids start at 1); a missing
# rating -1 (a minimum rating is at least 1, so it never passes, as NULL never passes in SQL).
_COLUMNS_SQL = (
    f"c.id, c.category_id, {_FORM_SQL}, COALESCE(c.gmina_id, 0), {_DAY_SQL.format('c.starts_on')}, "
    "c.price_gross, c.provider_id, COALESCE(c.rating_average, -1.0), c.seats_taken < c.max_participants, "
    "COALESCE(c.service_group, -c.id)"
)
_PUBLISHED = "c.status = 'published'"

# When more cards than this share of the catalogue changed, loading everything again is cheaper.
_PATCH_SHARE = 0.25


def day_number(day: date) -> int:
    return day.toordinal()


class CardColumns:
    """The published cards' search columns, one array each, in the order of the cards' ids.

    ``ids`` card id; ``category`` category id; ``form`` FORM_CODES position; ``gmina`` gmina id or
    0; ``day`` start date (day_number); ``price`` gross price in grosze; ``provider`` provider id;
    ``rating`` average rating or -1; ``free`` places left; ``group`` the service group (one
    service on several dates, ServiceCard.service_group). ``head`` is the log row they are
    up to. Never changed after it is made (but for the holders of the quality mark, read once a
    day)."""

    NAMES = ("ids", "category", "form", "gmina", "day", "price", "provider", "rating", "free", "group")
    _TYPES = (
        *(np.int64, np.int64, np.int8, np.int64, np.int64, np.int64, np.int64, np.float64, np.bool_),
        np.int64,
    )

    def __init__(self, arrays: Sequence[np.ndarray], *, head: LogHead) -> None:
        self.ids, self.category, self.form, self.gmina, self.day = arrays[:5]
        self.price, self.provider, self.rating, self.free, self.group = arrays[5:]
        self.head = head
        for array in arrays:
            array.flags.writeable = False
        # The providers holding the quality mark, by day: read when a search of that day first
        # needs them. A change of any quality mark case makes new CardColumns (a log row).
        self._holders: dict[date, frozenset[int]] = {}

    def holders(self, today: date) -> frozenset[int]:
        """The ids of the providers holding a valid MSUES mark on ``today``."""
        found = self._holders.get(today)
        if found is None:
            ids = providers_holding_valid_mark(today=today).values_list("provider_id", flat=True)
            found = self._holders[today] = frozenset(ids)
        return found

    def keep_holders(self, other: CardColumns) -> None:
        """Take the quality mark holders ``other`` has read: no quality mark case changed since."""
        self._holders = other._holders

    def with_head(self, head: LogHead) -> CardColumns:
        """The same cards, up to log row ``head``, with the quality mark holders read again."""
        same = CardColumns(self.arrays(), head=head)
        self._lend(same, _DERIVED)
        return same

    def _lend(self, other: CardColumns, names: Iterable[str]) -> None:
        """Give ``other`` what these columns have worked out already (cached properties named
        ``names``), where it holds for ``other`` too."""
        other.__dict__.update({name: self.__dict__[name] for name in names if name in self.__dict__})

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Any]], *, head: LogHead) -> CardColumns:
        """From rows of _COLUMNS_SQL, in any order."""
        arrays: list[np.ndarray]
        if rows:
            arrays = [
                np.array(values, dtype=kind)
                for values, kind in zip(zip(*rows, strict=True), cls._TYPES, strict=True)
            ]
        else:
            arrays = [np.empty(0, dtype=kind) for kind in cls._TYPES]
        order = np.argsort(arrays[0], kind="stable")
        if not np.all(order[:-1] < order[1:]):  # not already in the order of ids
            arrays = [array[order] for array in arrays]
        return cls(arrays, head=head)

    def __len__(self) -> int:
        return len(self.ids)

    def arrays(self) -> list[np.ndarray]:
        return [getattr(self, name) for name in self.NAMES]

    def positions(self, card_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of ``card_ids`` that are here, and which of ``card_ids`` those are."""
        index = self._index
        inside = (card_ids >= 0) & (card_ids < len(index))
        at = np.full(len(card_ids), -1, dtype=np.int64)
        at[inside] = index[card_ids[inside]]
        found = at >= 0
        return at[found], found

    @cached_property
    def _index(self) -> np.ndarray:
        """The position of each card id, -1 for an id that is not here: a look-up by id is one
        read of this array."""
        index = np.full(int(self.ids.max(initial=-1)) + 1, -1, dtype=np.int64)
        index[self.ids] = np.arange(len(self.ids))
        return index

    # The two orders a page without a text is read in, made when a search first needs them.
    @cached_property
    def by_start(self) -> np.ndarray:
        """Positions by start date, then id."""
        return np.lexsort((self.ids, self.day))

    @cached_property
    def by_price(self) -> np.ndarray:
        """Positions by price, then start date, then id."""
        return np.lexsort((self.ids, self.day, self.price))

    @cached_property
    def group_codes(self) -> np.ndarray:
        """Each card's service group as a small number (0 to the number of groups - 1): what the
        search groups by with bincount and plain arrays."""
        codes: np.ndarray = np.unique(self.group, return_inverse=True)[1].astype(np.int64)
        codes.flags.writeable = False
        return codes

    def replaced(
        self, rows: Iterable[Sequence[Any]], changed: Iterable[int], *, head: LogHead
    ) -> CardColumns:
        """These columns with the cards ``changed`` taken out and ``rows`` (their current rows,
        for those still published) put in."""
        changed_ids = np.fromiter(set(changed), dtype=np.int64)
        fresh = CardColumns.from_rows(list(rows), head=head)
        at, found = self.positions(fresh.ids)
        if len(fresh) == len(changed_ids) and found.all():
            return self._updated(at, fresh)
        keep = ~np.isin(self.ids, changed_ids)
        merged = [
            np.concatenate([old[keep], new]) for old, new in zip(self.arrays(), fresh.arrays(), strict=True)
        ]
        order = np.argsort(merged[0], kind="stable")
        return CardColumns([array[order] for array in merged], head=head)

    def _updated(self, at: np.ndarray, fresh: CardColumns) -> CardColumns:
        """The same cards, those at ``at`` with the values of ``fresh`` (the most common change:
        places taken, a price). The orders by start and by price are kept when no start date
        and no price changed."""
        arrays = []
        for old, new in zip(self.arrays(), fresh.arrays(), strict=True):
            array = old.copy()
            array[at] = new
            arrays.append(array)
        updated = CardColumns(arrays, head=fresh.head)
        kept = ["_index"]  # the same ids in the same places
        if np.array_equal(self.day[at], fresh.day):
            kept.append("by_start")
            if np.array_equal(self.price[at], fresh.price):
                kept.append("by_price")
        if np.array_equal(self.group[at], fresh.group):
            kept.append("group_codes")
        self._lend(updated, kept)
        return updated


# What CardColumns works out from its arrays when first needed (cached properties).
_DERIVED = ("_index", "by_start", "by_price", "group_codes")

# One process brings its columns up to date once: a search that finds them behind waits for the
# search already doing it (a whole load is about 0.4 s at 100 000 cards, a patch milliseconds).
_lock = threading.Lock()
_cache: dict[tuple[str, str], CardColumns] = {}


def card_columns(head: LogHead | None) -> CardColumns:
    """The search columns of the published cards, up to at least the log row ``head`` (the
    newest one, read by the caller; None for an empty log). On SQLite only."""
    head = head or _EMPTY
    key = (connection.alias, str(connection.settings_dict["NAME"]))
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached.head == head:
            return cached
        columns = _patched(cached) if cached is not None else None
        if columns is None:
            columns = _loaded(head)
        _cache[key] = columns
        return columns


def _loaded(head: LogHead) -> CardColumns:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_COLUMNS_SQL} FROM catalogue_servicecard c WHERE {_PUBLISHED}")  # noqa: S608
        return CardColumns.from_rows(cursor.fetchall(), head=head)


def _patched(cached: CardColumns) -> CardColumns | None:
    """``cached`` brought up to the newest log row, or None when the log no longer holds the row
    it is up to (then only loading everything is right)."""
    seen_id, seen_token = cached.head
    with connection.cursor() as cursor:
        # Each card's current row beside its log rows: the log and the cards as of one moment.
        cursor.execute(
            f"SELECT l.id, l.token, l.card_id, c.id IS NOT NULL, {_COLUMNS_SQL} "  # noqa: S608
            "FROM catalogue_search_changes l "
            f"LEFT JOIN catalogue_servicecard c ON c.id = l.card_id AND {_PUBLISHED} "
            "WHERE l.id >= %s ORDER BY l.id",
            [seen_id],
        )
        log = cursor.fetchall()
    if seen_id:
        if not log or (log[0][0], bytes(log[0][1])) != (seen_id, bytes(seen_token)):
            return None
        log = log[1:]
    elif log and log[0][0] != 1:
        # Loaded from an empty log (emptied by hand: migration 0005 leaves a row in it), and
        # its first rows are gone: no telling what they changed.
        return None
    if not log:  # nothing newer after all (the caller's row was rolled back meanwhile)
        return cached if seen_id else None
    if len(log) > _PATCH_SHARE * len(cached) + 1000:
        return None
    head = (log[-1][0], bytes(log[-1][1]))
    changed = {row[2] for row in log if row[2]}  # card 0: a quality mark case changed
    if changed:
        patched = cached.replaced({row[2]: row[4:] for row in log if row[3]}.values(), changed, head=head)
    else:
        patched = cached.with_head(head)
    if all(row[2] for row in log):
        patched.keep_holders(cached)
    return patched
