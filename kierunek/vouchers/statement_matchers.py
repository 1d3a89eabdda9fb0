"""What an entry of the bank's statement is: the matchers tried on it, in the order registered.

A matcher is a function ``(entry) -> matched object | None`` for one direction (debits: money
that left the operator's account; credits: money that came in). The first matcher that finds
something wins; an entry no matcher finds waits in the queue for a person. A matcher may say why
it found nothing although the entry looks like its kind (``NotMatched(reason)``, e.g. the amount
differs from the transfer's): the reason is shown in the queue and no later matcher is tried.

Vouchers registers the transfers of payment batches (by the end-to-end id our pain.001 gave each
transfer) here. Another matcher is one line in an ``AppConfig.ready()`` or below, e.g. the own
contributions (matched by the transfer's title and amount)::

    statement_matcher_register(
        "vouchers.contribution", CREDIT, by_title_and_amount(contribution_match), confirm=...
    )

``confirm(entry, obj, actor)``, if given, runs in the same transaction when the entry is stored
as matched (or resolved by a person to the same kind), so what the match means (a contribution
paid) happens together with it or not at all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from kierunek.core.actor import Actor

DEBIT = "debit"
CREDIT = "credit"


class EntryFacts(Protocol):
    """What a matcher reads of an entry (a stored ``StatementEntry`` and a parsed one have all
    of it); read-only."""

    @property
    def direction(self) -> str: ...
    @property
    def amount(self) -> int: ...
    @property
    def booked_on(self) -> date: ...
    @property
    def end_to_end_id(self) -> str: ...
    @property
    def bank_reference(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def counterparty_name(self) -> str: ...
    @property
    def counterparty_account(self) -> str: ...


@dataclass(frozen=True)
class NotMatched:
    """The entry is of this matcher's kind but cannot be matched automatically: why."""

    reason: str


@dataclass(frozen=True)
class StatementMatcher:
    key: str
    direction: str
    find: Callable[[EntryFacts], Any]  # the matched object, a NotMatched, or None
    confirm: Callable[[Any, Any, Actor], None] | None = None
    # How the match reads in the queue and the reports (default: ``str(obj)``).
    describe: Callable[[Any], str] = str


STATEMENT_MATCHERS: list[StatementMatcher] = []


def statement_matcher_register(
    key: str,
    direction: str,
    find: Callable[[EntryFacts], Any],
    *,
    confirm: Callable[[Any, Any, Actor], None] | None = None,
    describe: Callable[[Any], str] = str,
) -> StatementMatcher:
    """Add a matcher after those registered before (registering a key again replaces it, in its
    place, so a module imported twice does not try it twice)."""
    if direction not in (DEBIT, CREDIT):
        raise ValueError(f"direction must be {DEBIT!r} or {CREDIT!r}, not {direction!r}")
    matcher = StatementMatcher(key=key, direction=direction, find=find, confirm=confirm, describe=describe)
    for index, existing in enumerate(STATEMENT_MATCHERS):
        if existing.key == key:
            STATEMENT_MATCHERS[index] = matcher
            return matcher
    STATEMENT_MATCHERS.append(matcher)
    return matcher


def statement_matchers(direction: str) -> list[StatementMatcher]:
    return [m for m in STATEMENT_MATCHERS if m.direction == direction]


def statement_matcher(key: str) -> StatementMatcher | None:
    return next((m for m in STATEMENT_MATCHERS if m.key == key), None)


@dataclass(frozen=True)
class Found:
    matcher: StatementMatcher
    obj: Any


def statement_match(entry: EntryFacts) -> Found | NotMatched | None:
    """The first match of the matchers of the entry's direction, in order."""
    for matcher in statement_matchers(entry.direction):
        found = matcher.find(entry)
        if isinstance(found, NotMatched):
            return found
        if found is not None:
            return Found(matcher=matcher, obj=found)
    return None


def by_title_and_amount(function: Callable[..., Any]) -> Callable[[EntryFacts], Any]:
    """A matcher from a function of keyword arguments ``title, amount, booked_on,
    bank_reference`` (like ``contribution_match``)."""

    def find(entry: EntryFacts) -> Any:
        return function(
            title=entry.title,
            amount=entry.amount,
            booked_on=entry.booked_on,
            bank_reference=entry.bank_reference,
        )

    return find
