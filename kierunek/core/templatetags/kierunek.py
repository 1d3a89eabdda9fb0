"""Template filters of the project: ``{% load kierunek %}``."""

from __future__ import annotations

from django import template

from kierunek.core import pii
from kierunek.core.money import Money

register = template.Library()


@register.filter(is_safe=True)
def pln(value: Money | int | None) -> str:
    """``{{ amount|pln }}`` -> ``1 234,50 zł`` with no-break spaces, for a ``Money`` or an int number
    of grosze. ``None`` renders as nothing. Anything else (a float, a Decimal of unknown unit) is a
    programming error and raises ``TypeError`` rather than show a wrong amount."""
    if value is None or value == "":
        return ""
    if isinstance(value, Money):
        return value.format(nbsp=True)
    if isinstance(value, int) and not isinstance(value, bool):
        return Money(value).format(nbsp=True)
    raise TypeError(f"The pln filter takes Money or int grosze, not {type(value).__name__}.")


@register.filter(name="mask_pesel")
def mask_pesel(value: str | None) -> str:
    """``{{ pesel|mask_pesel }}`` -> ``*******1359``; an empty value renders as nothing."""
    if not value:
        return ""
    return pii.mask_pesel(str(value))
