"""The office's import of adult residents per gmina (the base of the reach per 1 000): a CSV file
checked whole and saved whole, with its source and reference date, as the labour facts' import
(:mod:`kierunek.labourmarket.services`, whose reader and report it shares)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.catalogue.importexport import ImportRefused, RowError, read_rows
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.geo.domain import search_key
from kierunek.geo.models import Gmina
from kierunek.labourmarket.domain import count_parse

from ..audit_actions import POPULATION_IMPORTED
from ..models import GminaPopulation, PopulationImport

COLUMNS = ["teryt", "gmina", "adults"]
MAX_FILE_BYTES = 2 * 1024 * 1024


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _check(records: list[dict[Any, Any]]) -> tuple[list[GminaPopulation], list[RowError]]:
    gminas = {gmina.teryt: gmina for gmina in Gmina.objects.all()}
    rows: list[GminaPopulation] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for number, record in enumerate(records, start=1):
        teryt, name, adults_text = (_text(record.get(column)) for column in COLUMNS)
        gmina = gminas.get(teryt)
        if gmina is None:
            errors.append(
                RowError(number, "teryt", _("Not the TERYT code of a gmina of Małopolska (seven digits)."))
            )
            continue
        if name and search_key(name) != search_key(gmina.name):
            errors.append(
                RowError(
                    number,
                    "gmina",
                    _("The code %(teryt)s is %(gmina)s.") % {"teryt": teryt, "gmina": gmina.name},
                )
            )
        adults = count_parse(adults_text)
        if not adults:
            errors.append(RowError(number, "adults", _("Give a whole number of people, more than 0.")))
        if teryt in seen:
            errors.append(
                RowError(number, "teryt", _("Row %(first)d has this already.") % {"first": seen[teryt]})
            )
        seen.setdefault(teryt, number)
        if adults:
            rows.append(GminaPopulation(gmina=gmina, adults=adults))
    return rows, errors


def population_import(
    *, actor: Actor, content: bytes, filename: str, source: str, reference_date: date, is_demo: bool = False
) -> PopulationImport:
    """Import adult residents per gmina; raises ``ImportRefused`` with every problem, having
    written nothing. The newest import (by reference date) is the one the reach uses."""
    require_role(actor, Role.OFFICER)
    source = " ".join(source.split())
    if not source:
        raise ImportRefused([RowError(0, "", _("Name the source of the figures."))])
    if len(content) > MAX_FILE_BYTES or not filename.lower().endswith(".csv"):
        raise ImportRefused([RowError(0, "", _("Upload a .csv file of at most 2 MB."))])
    records = read_rows(content=content, filename=filename, columns=COLUMNS)
    if not records:
        raise ImportRefused([RowError(0, "", _("The file has no rows."))])
    missing = [column for column in ("teryt", "adults") if column not in records[0]]
    if missing:
        raise ImportRefused(
            [
                RowError(0, column, _("The file has no column %(column)s.") % {"column": column})
                for column in missing
            ]
        )
    rows, errors = _check(records)
    if errors:
        raise ImportRefused(errors)
    with transaction.atomic(durable=True):
        population = PopulationImport.objects.create(
            source=source[:300],
            reference_date=reference_date,
            file_name=filename[-255:],
            row_count=len(rows),
            is_demo=is_demo,
            imported_by=actor.user,
        )
        for row in rows:
            row.population_import = population
        GminaPopulation.objects.bulk_create(rows)
        audit_record(
            action=POPULATION_IMPORTED,
            actor=actor,
            obj=population,
            details={"rows": len(rows), "file": filename[:200], "reference_date": reference_date.isoformat()},
        )
    return population
