"""The pure rules of the partnership (no Django): the states of a membership and of a good
practice, the audiences of the directory, and how a directory's search text is matched.

A partnership (the MPKU, the investors' and outplacement partnership) is data; an institution
joins one by signing the agreement or a declaration (``applied`` until the office admits it,
``member`` after, ``left`` with the day and reason it left). Bodies, groups and indicators of the
next round hang off ``Partnership`` and ``Institution``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

# Membership of an institution in a partnership.
APPLIED = "applied"
MEMBER = "member"
LEFT = "left"
OPEN_MEMBERSHIP = (APPLIED, MEMBER)

# A good practice.
DRAFT = "draft"
SUBMITTED = "submitted"
PUBLISHED = "published"
RETURNED = "returned"
EDITABLE = (DRAFT, RETURNED)

# Who a directory entry is for (HSDS: the eligibility description and an attribute).
RESIDENTS = "residents"
EMPLOYERS = "employers"
PARTNERS = "partners"
AUDIENCES = (RESIDENTS, EMPLOYERS, PARTNERS)

# An entry whose details were last checked longer ago than this is shown to its institution as
# "to check" (HSDS ``assured_date``).
CHECK_EVERY = timedelta(days=365)


def check_due(*, checked_on: date, today: date) -> bool:
    """An entry is due for a check when its details are older than :data:`CHECK_EVERY`."""
    return today - checked_on > CHECK_EVERY


def left_after_joining(*, joined_on: date | None, left_on: date) -> bool:
    """A membership cannot end before it began."""
    return joined_on is None or left_on >= joined_on


def search_text(tokens: Iterable[str]) -> str:
    """The stored search text of a document: its analysed tokens between spaces, so that a token
    is looked up as `` token `` and a prefix as `` prefix`` on both engines."""
    unique = list(dict.fromkeys(tokens))
    return f" {' '.join(unique)} " if unique else ""


def token_pattern(token: str, *, prefix: bool) -> str:
    """The substring a token (or a prefix) is sought as in :func:`search_text`."""
    return f" {token}" if prefix else f" {token} "


def matches(text: str, groups: Sequence[Sequence[tuple[str, bool]]]) -> bool:
    """Whether a search text matches a query: every group has an alternative in it. (The database
    filter does the same with LIKE; this is its specification, table-tested.)"""
    return all(any(token_pattern(t, prefix=p) in text for t, p in group) for group in groups)


def rank(title_text: str, groups: Sequence[Sequence[tuple[str, bool]]]) -> int:
    """How many of the query's words are in the title: an entry named for the need ranks first."""
    return sum(1 for group in groups if any(token_pattern(t, prefix=p) in title_text for t, p in group))
