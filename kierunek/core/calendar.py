"""The programme's calendar: Polish public holidays of any year (the maintained ``holidays``
package), the one source for booking deadlines in working days and for the days advisors
cannot meet participants."""

from __future__ import annotations

from datetime import date
from functools import cache

import holidays as public_holidays


@cache
def _holidays(year: int) -> frozenset[date]:
    return frozenset(public_holidays.country_holidays("PL", years=year))


class _PolishHolidays:
    """Polish public holidays of any year: ``day in POLISH_HOLIDAYS``."""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day in _holidays(day.year)


POLISH_HOLIDAYS = _PolishHolidays()


def holiday_name(day: date, language: str = "pl") -> str:
    """The holiday's name in Polish (or in English for ``language="en"``), or an empty string."""
    names = public_holidays.country_holidays(
        "PL", years=day.year, language="pl" if language == "pl" else "en_US"
    )
    return str(names.get(day) or "")
