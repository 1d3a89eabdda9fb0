"""The reach per gmina as CSV and XLSX: the same suppressed cells as the page ("<10" for a hidden
count, and its rate left empty), one row per gmina and the region's total."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from kierunek.core.disclosure import Cell
from kierunek.core.exports import csv_bytes, xlsx_bytes

from . import figures
from .reach import ReachTable

HIDDEN = "<10"


def _count(cell: Cell) -> object:
    return HIDDEN if cell.hidden else cell.value


def _rate(rate: Decimal | None) -> object:
    return "" if rate is None else rate


def reach_rows(table: ReachTable) -> list[list[object]]:
    header: list[object] = [_("TERYT"), _("gmina"), _("adult residents")]
    header += [str(figures.STEP_LABELS[step]) for step in figures.STEPS]
    header += [
        _("%(figure)s per 1 000 adults") % {"figure": figures.STEP_LABELS[step]} for step in figures.STEPS
    ]
    header += [_("low reach")]
    rows: list[list[object]] = [[str(cell) for cell in header]]
    for row in table.rows:
        line: list[object] = [row.gmina.teryt, row.gmina.name, row.adults if row.adults is not None else ""]
        line += [_count(row.cells[step]) for step in figures.STEPS]
        line += [_rate(row.shown_rate(step)) for step in figures.STEPS]
        line += [_("yes") if row.low else ""]
        rows.append(line)
    rows.append(["", _("gmina not known yet"), ""] + [_count(table.unknown[s]) for s in figures.STEPS])
    rows.append(["", _("Małopolska, total"), ""] + [_count(table.totals[s]) for s in figures.STEPS])
    if table.population is not None:
        source = table.population.source
        rows.append(
            [
                "",
                _("Adult residents: %(source)s, %(date)s")
                % {"source": source, "date": table.population.reference_date},
            ]
        )
    return rows


def reach_csv(table: ReachTable) -> bytes:
    return csv_bytes(reach_rows(table))


def reach_xlsx(table: ReachTable) -> bytes:
    return xlsx_bytes(reach_rows(table), title=_("Reach of gminas"))
