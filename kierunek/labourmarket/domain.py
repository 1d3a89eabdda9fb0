"""Pure rules of the human-resources offer: the powiat's address and the numbers of an imported
file. No Django here. (The suppression of small cells is :mod:`kierunek.core.disclosure`, the map's
projection :mod:`kierunek.geo.projection`: other contexts publish figures and maps too.)"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum


def powiat_slug(folded_name: str) -> str:
    """The powiat's address on the site from its name folded without diacritics (by
    ``geo.domain.search_key``): "bochenski", "nowy-sacz", "krakow" (the city) beside "krakowski"
    (the land powiat around it)."""
    return re.sub(r"[^a-z0-9]+", "-", folded_name).strip("-")


# --- numbers in an imported file ---------------------------------------------------------------

_SPACES = str.maketrans("", "", " \u00a0\u202f")


def count_parse(text: str) -> int | None:
    """A count of people as a file gives it: "12345", "12 345" (a space, a no-break or a narrow
    no-break space between thousands). None when it is not a whole number of zero or more."""
    cleaned = text.translate(_SPACES)
    if not re.fullmatch(r"[0-9]{1,9}", cleaned):
        return None
    return int(cleaned)


def rate_parse(text: str) -> Decimal | None:
    """A percentage with at most one decimal, "5,4" or "5.4" (a "%" after it allowed), between 0
    and 100. None otherwise."""
    cleaned = text.translate(_SPACES).removesuffix("%").replace(",", ".")
    if not re.fullmatch(r"[0-9]{1,3}(\.[0-9])?", cleaned):
        return None
    try:
        rate = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None
    return rate if rate <= 100 else None


class Balance(StrEnum):
    """The occupational barometer's forecast for an occupation in a powiat ("Barometr zawodów")."""

    SHORTAGE = "shortage"  # deficytowy
    BALANCED = "balanced"  # zrównoważony
    SURPLUS = "surplus"  # nadwyżkowy


BALANCE_WORDS = {
    "deficytowy": Balance.SHORTAGE,
    "deficyt": Balance.SHORTAGE,
    "shortage": Balance.SHORTAGE,
    "zrownowazony": Balance.BALANCED,
    "rownowaga": Balance.BALANCED,
    "balanced": Balance.BALANCED,
    "nadwyzkowy": Balance.SURPLUS,
    "nadwyzka": Balance.SURPLUS,
    "surplus": Balance.SURPLUS,
}


def balance_parse(folded: str) -> Balance | None:
    """The barometer's word, folded without diacritics ("deficytowy", "nadwyzkowy", or English)."""
    return BALANCE_WORDS.get(folded.strip())
