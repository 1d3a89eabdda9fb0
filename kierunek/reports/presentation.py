"""A table of an indicator as people read it: values formatted by unit in the reader's language,
the rows of the files (CSV, XLSX, open data), the chart's bars, the map's classes, and a sentence
that says what the chart shows, for those who do not see it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kierunek.core.disclosure import Hidden
from kierunek.core.indicators import Unit
from kierunek.core.money import Money
from kierunek.geo.map import drawing

from .domain import MAP_CLASSES, Bar, bars, map_classes
from .selectors import Row, Table, threshold


def value_text(value: int | None, unit: str, *, hidden: Hidden | None = None) -> str:
    if value is None:
        return (
            _("fewer than %(n)d people") % {"n": threshold()} if hidden == Hidden.PRIMARY else _("not shown")
        )
    if unit == Unit.GROSZE:
        return Money(value).format(nbsp=True)
    if unit == Unit.DAYS:
        return ngettext("%(count)s day", "%(count)s days", value) % {"count": formats.number_format(value)}
    if unit == Unit.PER_THOUSAND:
        return _("%(rate)s per 1 000") % {"rate": formats.number_format(Decimal(value) / 10, 1)}
    if unit == Unit.PERCENT:
        return f"{formats.number_format(Decimal(value) / 10, 1)}\u00a0%"
    return formats.number_format(value, force_grouping=True)


def unit_label(unit: str) -> str:
    return {
        Unit.PEOPLE: _("people"),
        Unit.VOUCHERS: _("vouchers"),
        Unit.BOOKINGS: _("bookings"),
        Unit.GROSZE: _("złoty"),
        Unit.DAYS: _("days (median)"),
        Unit.COUNT: _("number"),
        Unit.PER_THOUSAND: _("per 1 000 adult residents"),
        Unit.PERCENT: _("per cent"),
    }[Unit(unit)]


def file_rows(table: Table) -> list[list[object]]:
    """The table as rows of a file: a header, the groups, the total; money in grosze (whole
    numbers), hidden cells empty with the reason in the last column."""
    unit = table.indicator.unit
    header: list[object] = [_("Group"), _("Key"), _("Value") + f" ({unit})", _("Not shown because")]
    reasons = {
        Hidden.PRIMARY: _("fewer than %(n)d people") % {"n": threshold()},
        Hidden.SECONDARY: _("would reveal a hidden cell"),
    }
    rows: list[list[object]] = [header]
    for row in table.rows:
        rows.append([row.label, row.key, "" if row.value is None else row.value, reasons.get(row.hidden, "")])  # type: ignore[arg-type]
    rows.append(
        [_("Total"), "", "" if table.total is None else table.total, reasons.get(table.total_hidden, "")]  # type: ignore[arg-type]
    )
    return rows


@dataclass(frozen=True)
class ChartRow:
    row: Row
    bar: Bar
    text: str


CHART_WIDTH = 420


def chart(table: Table) -> list[ChartRow]:
    found = bars([row.value for row in table.rows], width=CHART_WIDTH)
    unit = table.indicator.unit
    return [
        ChartRow(row=row, bar=bar, text=value_text(row.value, unit, hidden=row.hidden))
        for row, bar in zip(table.rows, found, strict=True)
    ]


def summary(table: Table) -> str:
    """One sentence for screen readers: the total and the largest group shown."""
    unit = table.indicator.unit
    total = value_text(table.total, unit, hidden=table.total_hidden)
    text = _("%(name)s, %(period)s: %(total)s.") % {
        "name": table.indicator.name,
        "period": table.period.key,
        "total": total,
    }
    shown = [row for row in table.rows if row.value is not None]
    if shown:
        top = max(shown, key=lambda row: row.value or 0)
        text += " " + _("The largest group shown: %(label)s, %(value)s.") % {
            "label": top.label,
            "value": value_text(top.value, unit),
        }
    hidden = sum(1 for row in table.rows if row.hidden)
    if hidden:
        text += " " + ngettext(
            "%(count)d group is not shown to protect the people in it.",
            "%(count)d groups are not shown to protect the people in them.",
            hidden,
        ) % {"count": hidden}
    return text


def powiat_map(table: Table) -> dict[str, Any] | None:
    """The choropleth of a table by powiat: the shapes with their class and value, the legend."""
    if table.breakdown != "powiat":
        return None
    picture = drawing()
    values = {row.key: row.value for row in table.rows}
    classes, ranges = map_classes(values)
    by_key = {row.key: row for row in table.rows}
    unit = table.indicator.unit
    shapes = []
    for shape in picture.shapes:
        row = by_key.get(shape.teryt)
        cls = classes.get(shape.teryt)
        shapes.append(
            {
                "shape": shape,
                "fill": MAP_CLASSES[cls] if cls is not None else "#ffffff",
                "label": row.label if row else shape.teryt,
                "text": value_text(row.value, unit, hidden=row.hidden) if row else _("none"),
            }
        )
    legend = [
        {"fill": MAP_CLASSES[index], "text": f"{value_text(low, unit)} \u2013 {value_text(high, unit)}"}
        for index, (low, high) in enumerate(ranges)
    ]
    return {"picture": picture, "shapes": shapes, "legend": legend}
