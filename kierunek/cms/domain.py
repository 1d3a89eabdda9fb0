"""Pure rules of the public portal (no Django).

The answer to a report of an inaccessible element (the act of 4 April 2019 on the digital
accessibility of public bodies' websites and mobile applications, art. 18): without delay and
within 7 days of the report; when that cannot be done, the body says so and names a new date, no
later than 2 months from the report."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

RECEIVED = "received"
EXTENDED = "extended"
ANSWERED = "answered"
ALTERNATIVE_OFFERED = "alternative_offered"
OPEN = frozenset({RECEIVED, EXTENDED})

ANSWER_DAYS = 7
EXTENSION_MONTHS = 2


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months; the last day of a shorter month when needed
    (31 December + 2 months is the last day of February)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def answer_due(received_on: date) -> date:
    """The date the answer is due: 7 days after the report."""
    return received_on + timedelta(days=ANSWER_DAYS)


def extension_limit(received_on: date) -> date:
    """The latest date an extended answer may be promised for: 2 months after the report."""
    return add_months(received_on, EXTENSION_MONTHS)


def extension_error(*, received_on: date, current_due: date, new_due: date) -> str | None:
    """Why ``new_due`` cannot be the extended date (an English message id), or ``None``."""
    if new_due <= current_due:
        return "The new date must be later than the one now due."
    if new_due > extension_limit(received_on):
        return "The answer may be extended to at most two months after the report."
    return None


def is_overdue(*, due_on: date, status: str, today: date) -> bool:
    return status in OPEN and today > due_on


def index_text(token_lists: list[list[str]]) -> str:
    """The stored text of the portal's search index: the tokens, each between spaces, so that a
    token is found with ``contains(" token ")`` and a prefix with ``contains(" prefix")``."""
    tokens = [token for tokens in token_lists for token in tokens]
    return f" {' '.join(tokens)} " if tokens else ""
