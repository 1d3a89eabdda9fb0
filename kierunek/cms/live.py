"""What the live blocks read from the system itself, so that a page never states a figure the
rules no longer give: the programme's rules in force today (the voucher's value, the packages),
its application window, the next public events and the newest services of the catalogue. Reads
only, through the owning contexts' selectors and models; each answer is computed at the time the
page is shown (pages are not cached)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.core.money import Money
from kierunek.events import selectors as events_selectors
from kierunek.programmes import selectors as programmes_selectors
from kierunek.programmes.models import Programme


@dataclass(frozen=True)
class PackageFigure:
    name: str
    vouchers: int
    value: Money


@dataclass(frozen=True)
class VoucherRules:
    programme: Programme
    unit: Money
    packages: tuple[PackageFigure, ...]
    day: date


def voucher_rules(*, day: date | None = None) -> VoucherRules | None:
    """The running programme's voucher unit and its packages valued with it, as in force on
    ``day`` (today); ``None`` when no programme runs or no unit is in force yet."""
    day = day or timezone.localdate()
    programme = programmes_selectors.programme_current(today=day)
    if programme is None:
        return None
    try:
        unit = programmes_selectors.voucher_unit_on(programme=programme, day=day)
    except programmes_selectors.RuleNotInForce:
        return None
    packages = tuple(
        PackageFigure(name=p.name, vouchers=p.vouchers, value=Money(p.vouchers * unit))
        for p in programmes_selectors.packages_of(programme=programme)
    )
    return VoucherRules(programme=programme, unit=Money(unit), packages=packages, day=day)


def current_call(*, day: date | None = None) -> Programme | None:
    """The programme taking applications now: its dates are the current call's."""
    return programmes_selectors.programme_current(today=day or timezone.localdate())


def next_events(*, count: int) -> list[Any]:
    """The next public events (as an anonymous resident sees them), soonest first."""
    return list(events_selectors.events_listed(user=None)[:count])


def newest_services(*, count: int) -> list[ServiceCard]:
    """The services last published in the catalogue (never a card an import is still writing)."""
    return list(
        ServiceCard.objects.filter(status=CardStatus.PUBLISHED, staged_in__isnull=True)
        .select_related("provider")
        .order_by("-published_at", "-pk")[:count]
    )
