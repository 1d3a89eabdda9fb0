"""Amounts of Polish złoty, held as whole grosze.

An amount is an ``int`` number of grosze (1 zł = 100 gr) from the moment it enters the system to the
moment it is shown: no float ever touches money, and nothing is rounded silently. Input that would
need rounding (a float, a third decimal place) is refused instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

_GROUP_SEPARATORS = " \u00a0\u202f"  # space, no-break space, narrow no-break space
_NBSP = "\u00a0"

# "1234.50", "1234,50", "1 234,50", "-12,3", "5", "1 234,50 zł", "12.30 PLN". Groups of three digits
# may be separated by one space (any of the three kinds); at most two decimal places.
_PLN_RE = re.compile(
    rf"""
    ^(?P<sign>-)?
    (?P<units>[0-9]{{1,3}}(?:[{_GROUP_SEPARATORS}][0-9]{{3}})+|[0-9]+)
    (?:[.,](?P<fraction>[0-9]{{1,2}}))?
    (?:[{_GROUP_SEPARATORS}]?(?:zł|PLN))?$
    """,
    re.VERBOSE,
)


def _require_int(value: object, what: str) -> int:
    # bool is a subclass of int, and True grosze is a bug, not an amount.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}.")
    return value


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount in grosze. Immutable; arithmetic only with other ``Money`` or int factors."""

    grosze: int

    def __post_init__(self) -> None:
        _require_int(self.grosze, "Money.grosze")

    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def from_pln(cls, value: Decimal | str | int) -> Money:
        """An amount given in złoty.

        ``int``: whole złoty. ``Decimal``: must be a whole number of grosze (``Decimal("1.005")`` is
        refused, ``Decimal("1.50")`` is fine). ``str``: ``"1234.50"``, ``"1234,50"``, ``"1 234,50"``
        (regular, no-break or narrow no-break spaces between groups of three digits), optionally
        followed by ``zł`` or ``PLN``, so that :meth:`format` output parses back. More than two
        decimal places raise ``ValueError``; floats and bools raise ``TypeError``.
        """
        if isinstance(value, (bool, float)):
            raise TypeError(f"Money.from_pln() does not accept {type(value).__name__}; use Decimal or str.")
        if isinstance(value, int):
            return cls(value * 100)
        if isinstance(value, Decimal):
            return cls(_decimal_to_grosze(value))
        if isinstance(value, str):
            return cls(_parse_pln(value))
        raise TypeError(f"Money.from_pln() does not accept {type(value).__name__}.")

    def to_decimal(self) -> Decimal:
        """The amount in złoty with exactly two decimal places, e.g. ``Decimal("1234.50")``."""
        return Decimal(self.api_str())  # exact for any size, unlike arithmetic in a Decimal context

    def api_str(self) -> str:
        """Machine-readable złoty for JSON APIs: ``"1234.50"``, ``"-12.30"``, no grouping."""
        units, fraction = divmod(abs(self.grosze), 100)
        sign = "-" if self.grosze < 0 else ""
        return f"{sign}{units}.{fraction:02d}"

    def format(self, nbsp: bool = False) -> str:
        """Polish presentation: ``"1 234,50 zł"``, ``"-0,05 zł"``.

        Digits are grouped by three with a space for every amount of four or more digits, the
        decimal separator is a comma. With ``nbsp=True`` both spaces are U+00A0, so that a line
        never breaks inside an amount (use it in HTML).
        """
        space = _NBSP if nbsp else " "
        units, fraction = divmod(abs(self.grosze), 100)
        sign = "-" if self.grosze < 0 else ""
        return f"{sign}{_group_thousands(units, space)},{fraction:02d}{space}zł"

    def __str__(self) -> str:
        return self.format()

    def __bool__(self) -> bool:
        return self.grosze != 0

    def __neg__(self) -> Money:
        return Money(-self.grosze)

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.grosze + other.grosze)

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.grosze - other.grosze)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int):
            return NotImplemented
        return Money(self.grosze * factor)

    __rmul__ = __mul__


def sum_money(amounts: Iterable[Money]) -> Money:
    """The sum of ``amounts``; ``Money.zero()`` for none. (The built-in ``sum`` starts from int 0.)"""
    total = 0
    for amount in amounts:
        if not isinstance(amount, Money):
            raise TypeError(f"sum_money() expects Money, got {type(amount).__name__}.")
        total += amount.grosze
    return Money(total)


def _group_thousands(units: int, separator: str) -> str:
    digits = str(units)
    if len(digits) < 4:
        return digits
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


def _decimal_to_grosze(value: Decimal) -> int:
    if not value.is_finite():
        raise ValueError("An amount of money must be a finite number.")
    # Integer arithmetic on the digits: exact for any size (Decimal arithmetic would round to the
    # context's precision).
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite, checked above
    coefficient = int("".join(map(str, digits)))
    shift = exponent + 2
    if shift >= 0:
        grosze = coefficient * 10**shift
    else:
        grosze, remainder = divmod(coefficient, 10**-shift)
        if remainder:
            raise ValueError("An amount of money has at most two decimal places (grosze).")
    return -grosze if sign else grosze


def _parse_pln(text: str) -> int:
    match = _PLN_RE.match(text.strip())
    if match is None:
        # Do not echo the input: it may come from a user and end up in a log.
        raise ValueError(
            "Not an amount in złoty: use digits with at most two decimal places, e.g. 1234,50 or 1 234.50."
        )
    units = int(re.sub(f"[{_GROUP_SEPARATORS}]", "", match["units"]))
    fraction = int((match["fraction"] or "0").ljust(2, "0"))
    grosze = units * 100 + fraction
    return -grosze if match["sign"] else grosze
