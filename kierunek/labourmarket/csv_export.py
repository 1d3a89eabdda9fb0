"""A powiat's figures as one CSV file (the spreadsheet-safe dialect of :mod:`kierunek.core.csvsafe`):
a row per figure with its section, item, value, source and reference date. The residents' figures
carry the page's suppression: a hidden cell is "<10", never its count."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core import csvsafe
from kierunek.core.disclosure import Cell
from kierunek.geo.models import Powiat

from . import selectors
from .figures import resident_tables
from .models import FactImport, FactKind

HIDDEN = "<10"


def cell_text(cell: Cell) -> str:
    return HIDDEN if cell.hidden else str(cell.value)


def powiat_csv(powiat: Powiat) -> str:
    facts = selectors.powiat_facts(powiat)
    out = io.StringIO()
    writer = csvsafe.SafeWriter(out)
    writer.start()
    writer.writerow([_("Section"), _("Item"), _("Value"), _("Source"), _("Reference date"), _("Demo data")])

    def source(kind: str) -> list[str]:
        fact_import: FactImport = facts.imports[kind]
        return [
            fact_import.source,
            fact_import.reference_date.isoformat(),
            _("yes") if fact_import.is_demo else "",
        ]

    kinds = dict(FactKind.choices)
    if facts.population:
        writer.writerow(
            [
                kinds[FactKind.POPULATION],
                str(powiat),
                facts.population.working_age,
                *source(FactKind.POPULATION),
            ]
        )
    if facts.unemployment:
        section = kinds[FactKind.UNEMPLOYMENT]
        writer.writerow(
            [
                section,
                _("registered unemployed"),
                facts.unemployment.registered,
                *source(FactKind.UNEMPLOYMENT),
            ]
        )
        writer.writerow(
            [
                section,
                _("unemployment rate (%)"),
                str(facts.unemployment.rate).replace(".", ","),
                *source(FactKind.UNEMPLOYMENT),
            ]
        )
    for graduate in facts.graduates:
        writer.writerow(
            [kinds[FactKind.GRADUATES], graduate.field, graduate.graduates, *source(FactKind.GRADUATES)]
        )
    for row in [*facts.shortage, *facts.balanced, *facts.surplus]:
        writer.writerow(
            [
                kinds[FactKind.BAROMETER],
                row.occupation,
                row.get_balance_display(),
                *source(FactKind.BAROMETER),
            ]
        )
    # The residents' figures are counted now, from this system's own records.
    today = timezone.localdate().isoformat()
    for table in resident_tables(powiat):
        for label, cell in table.rows:
            writer.writerow([str(table.figure.title), label, cell_text(cell), "Kierunek", today, ""])
        writer.writerow(
            [str(table.figure.title), _("people in total"), cell_text(table.total), "Kierunek", today, ""]
        )
    return out.getvalue()
