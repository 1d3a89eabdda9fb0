"""The holiday calendar of booking deadlines: Polish public holidays of any year."""

from __future__ import annotations

from datetime import date
from functools import cache

import holidays as public_holidays


@cache
def _holidays(year: int) -> frozenset[date]:
    return frozenset(public_holidays.country_holidays("PL", years=year))


class _PolishHolidays:
    """Polish public holidays of any year, for ``domain.add_working_days``."""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day in _holidays(day.year)


POLISH_HOLIDAYS = _PolishHolidays()
