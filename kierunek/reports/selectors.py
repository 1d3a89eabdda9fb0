"""The one computation behind every page, export, API answer and open-data file of an indicator:
:func:`indicator_table` calls the indicator's registered function once, labels the groups, orders
them, and applies the disclosure rule (:func:`kierunek.reports.domain.protect`). Nothing that
publishes a figure computes it another way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kierunek.accounts.models import Sex
from kierunek.catalogue.models import Category
from kierunek.core.collation import polish_key
from kierunek.core.disclosure import Hidden
from kierunek.core.indicators import (
    ADDITIVE_UNITS,
    AGE_BANDS,
    TOTAL,
    Breakdown,
    Figure,
    Indicator,
    Period,
    indicator_get,
    indicators,
    memoized,
)
from kierunek.geo.models import Gmina, Powiat
from kierunek.programmes.models import EmploymentStatus
from kierunek.providers.models import Provider

from .domain import PeriodChoice, protect

EDUCATION_LABELS = {
    "isced_0_2": "ISCED 0\u20132",
    "isced_3_4": "ISCED 3\u20134",
    "isced_5_8": "ISCED 5\u20138",
}


def threshold() -> int:
    """Cells about fewer people than this are not published (setting, 10 by default)."""
    return int(getattr(settings, "KIERUNEK_DISCLOSURE_THRESHOLD", 10))


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    value: int | None  # None: hidden
    hidden: Hidden | None


@dataclass(frozen=True)
class Table:
    indicator: Indicator
    period: PeriodChoice
    breakdown: Breakdown | None
    rows: tuple[Row, ...]
    total: int | None
    total_hidden: Hidden | None

    @property
    def additive(self) -> bool:
        return self.indicator.unit in ADDITIVE_UNITS

    @property
    def any_hidden(self) -> bool:
        return self.total_hidden is not None or any(row.hidden for row in self.rows)


def public_indicators() -> list[Indicator]:
    return [indicator for indicator in indicators() if indicator.public]


def indicator_find(key: str) -> Indicator | None:
    try:
        return indicator_get(key)
    except KeyError:
        return None


def _labels(breakdown: Breakdown, keys: set[str]) -> dict[str, str]:
    unknown = _("not known")
    english = (get_language() or "pl").startswith("en")
    if breakdown == Breakdown.POWIAT:
        found = {p.teryt: str(p) for p in Powiat.objects.filter(teryt__in=keys)}
    elif breakdown == Breakdown.GMINA:
        found = {g.teryt: f"{g.name} ({g.get_kind_display()})" for g in Gmina.objects.filter(teryt__in=keys)}
    elif breakdown == Breakdown.SEX:
        found = {value: str(label) for value, label in Sex.choices}
    elif breakdown == Breakdown.AGE_BAND:
        found = {key: _("%(band)s years") % {"band": key} for _low, _high, key in AGE_BANDS}
    elif breakdown == Breakdown.EDUCATION:
        found = dict(EDUCATION_LABELS)
    elif breakdown == Breakdown.LABOUR_STATUS:
        found = {value: str(label) for value, label in EmploymentStatus.choices}
    elif breakdown == Breakdown.MONTH:
        found = {
            key: formats.date_format(date(int(key[:4]), int(key[5:7]), 1), "YEAR_MONTH_FORMAT")
            for key in keys
        }
    elif breakdown == Breakdown.CATEGORY:
        found = {c.code: (c.name_en if english else c.name) for c in Category.objects.filter(code__in=keys)}
    elif breakdown == Breakdown.PROVIDER:
        found = {p.nip: p.short_name or p.legal_name for p in Provider.objects.filter(nip__in=keys)}
    else:
        found = {key: key for key in keys}
    return {key: found.get(key) or (key or unknown) for key in keys} | {"": unknown}


def _order(breakdown: Breakdown, rows: list[Row]) -> list[Row]:
    if breakdown in (Breakdown.MONTH, Breakdown.EDUCATION):
        return sorted(rows, key=lambda row: (row.key == "", row.key))
    if breakdown == Breakdown.AGE_BAND:
        position = {key: index for index, (_low, _high, key) in enumerate(AGE_BANDS)}
        return sorted(rows, key=lambda row: position.get(row.key, 99))
    if breakdown == Breakdown.SEX:
        return sorted(rows, key=lambda row: row.key)
    return sorted(rows, key=lambda row: (row.key == "", polish_key(row.label)))


def _figures(indicator: Indicator, span: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    return memoized(("indicator", indicator.key, span, breakdown), lambda: indicator.compute(span, breakdown))


def indicator_table(indicator: Indicator, period: PeriodChoice, breakdown: Breakdown | None) -> Table:
    """The indicator in the period, by ``breakdown`` (one of the indicator's, or None: the total
    alone), as it may be published."""
    if breakdown is not None and breakdown not in indicator.breakdowns:
        raise ValueError(f"{indicator.key} has no breakdown {breakdown}")
    span = Period(period.start, period.end)
    # The groups first: a total the page can add up from them is not counted again.
    groups: dict[str, Figure] = _figures(indicator, span, breakdown) if breakdown is not None else {}
    total_figure = _figures(indicator, span, None).get(TOTAL, Figure(0, 0))
    additive = indicator.unit in ADDITIVE_UNITS
    subtotals = []
    if breakdown == Breakdown.GMINA and additive:
        # The powiats' own figures are published too (the powiat breakdown): each is a sum of its
        # gminas, so each is a set for the secondary suppression.
        by_powiat = (
            _figures(indicator, span, Breakdown.POWIAT) if Breakdown.POWIAT in indicator.breakdowns else {}
        )
        for powiat, figure in by_powiat.items():
            subtotals.append(([key for key in groups if key[:4] == powiat and powiat], figure.people))
    protected = protect(
        {key: figure.people for key, figure in groups.items()},
        total=total_figure.people if additive else None,
        threshold=threshold(),
        subtotals=subtotals,
    )
    total_hidden = (
        protected.total_hidden
        if additive
        else (Hidden.PRIMARY if total_figure.people < threshold() else None)
    )
    hidden = dict(protected.hidden)
    if indicator.hidden_with:
        # A rate is hidden wherever the count it is computed from is (primary or secondary).
        count = indicator_table(indicator_get(indicator.hidden_with), period, breakdown)
        for row in count.rows:
            if row.hidden is not None and row.key in groups:
                hidden.setdefault(row.key, Hidden.SECONDARY)
        if count.total_hidden is not None and total_hidden is None:
            total_hidden = Hidden.SECONDARY
    labels = _labels(breakdown, set(groups)) if breakdown is not None else {}
    rows = [
        Row(
            key=key,
            label=labels[key],
            value=None if key in hidden else figure.value,
            hidden=hidden.get(key),
        )
        for key, figure in groups.items()
    ]
    return Table(
        indicator=indicator,
        period=period,
        breakdown=breakdown,
        rows=tuple(_order(breakdown, rows)) if breakdown is not None else (),
        total=None if total_hidden else total_figure.value,
        total_hidden=total_hidden,
    )
