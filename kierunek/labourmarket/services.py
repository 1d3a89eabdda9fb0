"""The office's imports of labour facts. A file is checked whole and saved whole: every row passes,
or nothing is written and the report names each row, column and problem (as the card import's,
whose reader and report it shares: :mod:`kierunek.catalogue.importexport`). The import keeps its
source, reference date, file name and author, so the history says where each figure came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kierunek.accounts.models import Role
from kierunek.catalogue.importexport import ImportRefused, RowError, read_rows
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.geo.domain import search_key
from kierunek.geo.models import Powiat

from .audit_actions import FACTS_IMPORTED
from .domain import balance_parse, count_parse, rate_parse
from .models import FACT_MODELS, FactImport, FactKind

__all__ = ["COLUMNS", "ImportRefused", "RowError", "facts_import"]

MAX_ROWS = 5000
MAX_FILE_BYTES = 5 * 1024 * 1024
NAME_MAX = 200

# Each kind's columns, in the order a file has them; "powiat" (its name) is optional and only
# checked against the TERYT code, so that a row pasted against the wrong code is caught.
COLUMNS: dict[str, list[str]] = {
    FactKind.POPULATION: ["teryt", "powiat", "working_age_population"],
    FactKind.UNEMPLOYMENT: ["teryt", "powiat", "registered_unemployed", "unemployment_rate"],
    FactKind.GRADUATES: ["teryt", "powiat", "field", "graduates"],
    FactKind.BAROMETER: ["teryt", "powiat", "occupation", "forecast"],
}
OPTIONAL = {"powiat"}
# The columns that name what a row is about besides the powiat: a file gives each once.
ROW_KEY: dict[str, str] = {FactKind.GRADUATES: "field", FactKind.BAROMETER: "occupation"}


@dataclass
class _Row:
    number: int
    cells: dict[str, str]
    errors: list[RowError]

    def error(self, column: str, message: Any) -> None:
        self.errors.append(RowError(self.number, column, str(message)))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # cells past the header's columns
        return ";".join(str(item) for item in value)
    return " ".join(str(value).split())


def _count(row: _Row, column: str) -> int:
    value = count_parse(row.cells[column])
    if value is None:
        row.error(column, _("Give a whole number of people, 0 or more (e.g. 12345)."))
        return 0
    return value


def _population(row: _Row) -> dict[str, Any]:
    return {"working_age": _count(row, "working_age_population")}


def _unemployment(row: _Row) -> dict[str, Any]:
    rate = rate_parse(row.cells["unemployment_rate"])
    if rate is None:
        row.error(
            "unemployment_rate", _("Give a percentage from 0 to 100 with at most one decimal (e.g. 5,4).")
        )
    return {"registered": _count(row, "registered_unemployed"), "rate": rate}


def _name(row: _Row, column: str) -> str:
    name = row.cells[column]
    if len(name) > NAME_MAX:
        row.error(column, _("At most %(limit)d characters.") % {"limit": NAME_MAX})
    return name


def _graduates(row: _Row) -> dict[str, Any]:
    return {"field": _name(row, "field"), "graduates": _count(row, "graduates")}


def _barometer(row: _Row) -> dict[str, Any]:
    balance = balance_parse(search_key(row.cells["forecast"]))
    if balance is None:
        row.error(
            "forecast",
            _("Write one of: deficytowy (shortage), zrównoważony (balanced), nadwyżkowy (surplus)."),
        )
    return {"occupation": _name(row, "occupation"), "balance": balance.value if balance else ""}


VALUES: dict[str, Callable[[_Row], dict[str, Any]]] = {
    FactKind.POPULATION: _population,
    FactKind.UNEMPLOYMENT: _unemployment,
    FactKind.GRADUATES: _graduates,
    FactKind.BAROMETER: _barometer,
}


def _header_errors(kind: str, records: list[dict[Any, Any]]) -> list[RowError]:
    header = {name for name in records[0] if isinstance(name, str)}
    errors = [
        RowError(0, column, _("The file has no column %(column)s.") % {"column": column})
        for column in COLUMNS[kind]
        if column not in OPTIONAL and column not in header
    ]
    errors += [
        RowError(
            0,
            column,
            _("The column %(column)s is not one of this kind's: %(columns)s.")
            % {"column": column, "columns": ", ".join(COLUMNS[kind])},
        )
        for column in sorted(header - set(COLUMNS[kind]))
    ]
    return errors


def _powiat(row: _Row, powiats: dict[str, Powiat]) -> Powiat | None:
    powiat = powiats.get(row.cells["teryt"])
    if powiat is None:
        row.error("teryt", _("Not the TERYT code of a powiat of Małopolska (four digits, e.g. 1201)."))
        return None
    name = search_key(row.cells.get("powiat", ""))
    if name and name not in {search_key(powiat.name), search_key(str(powiat))}:
        row.error(
            "powiat",
            _("The code %(teryt)s is %(powiat)s, not %(name)s.")
            % {"teryt": powiat.teryt, "powiat": powiat, "name": row.cells["powiat"]},
        )
    return powiat


def _check(kind: str, records: list[dict[Any, Any]]) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Every row's values, or every problem of every row."""
    powiats = {powiat.teryt: powiat for powiat in Powiat.objects.all()}
    errors: list[RowError] = []
    facts: list[dict[str, Any]] = []
    first_row_of: dict[tuple[str, str], int] = {}
    for number, record in enumerate(records, start=1):
        row = _Row(number, {column: _text(record.get(column)) for column in COLUMNS[kind]}, [])
        if record.get(None):
            row.error("", _("The row has more cells than the header has columns."))
        for column in COLUMNS[kind]:
            if column not in OPTIONAL and not row.cells[column]:
                row.error(column, _("Required."))
        if not row.errors:
            powiat = _powiat(row, powiats)
            values = VALUES[kind](row)
            key = (row.cells["teryt"], search_key(row.cells.get(ROW_KEY.get(kind, ""), "")))
            if key in first_row_of and not row.errors:
                row.error(
                    ROW_KEY.get(kind, "teryt"),
                    _("Row %(first)d has this already.") % {"first": first_row_of[key]},
                )
            first_row_of.setdefault(key, number)
            if not row.errors:
                facts.append({"powiat": powiat, **values})
        errors.extend(row.errors)
    return facts, errors


def facts_import(
    *,
    actor: Actor,
    kind: str,
    content: bytes,
    filename: str,
    source: str,
    reference_date: date,
    is_demo: bool = False,
) -> FactImport:
    """Import one file of labour facts of ``kind`` (the officers' work). Raises ``ImportRefused``
    with every problem found, having written nothing; the file's rows are one import otherwise."""
    require_role(actor, Role.OFFICER)
    if kind not in COLUMNS:
        raise ImportRefused([RowError(0, "", _("Choose what the file holds."))])
    source = " ".join(source.split())
    if not source:
        raise ImportRefused([RowError(0, "", _("Name the source of the figures."))])
    if len(content) > MAX_FILE_BYTES:
        raise ImportRefused([RowError(0, "", _("The file is too large. The limit is 5 MB."))])
    if not filename.lower().endswith(".csv"):
        raise ImportRefused([RowError(0, "", _("Upload a .csv file."))])
    records = read_rows(content=content, filename=filename, columns=COLUMNS[kind])
    if not records:
        raise ImportRefused([RowError(0, "", _("The file has no rows."))])
    if len(records) > MAX_ROWS:
        raise ImportRefused([RowError(0, "", _("At most %(limit)d rows in one file.") % {"limit": MAX_ROWS})])
    header_errors = _header_errors(kind, records)
    if header_errors:
        raise ImportRefused(header_errors)
    facts, errors = _check(kind, records)
    if errors:
        raise ImportRefused(errors)
    model = FACT_MODELS[kind]
    with transaction.atomic():
        fact_import = FactImport.objects.create(
            kind=kind,
            source=source[:300],
            reference_date=reference_date,
            file_name=filename[-255:],
            row_count=len(facts),
            is_demo=is_demo,
            imported_by=actor.user,
        )
        model._default_manager.bulk_create(model(fact_import=fact_import, **fact) for fact in facts)
        audit_record(
            action=FACTS_IMPORTED,
            actor=actor,
            obj=fact_import,
            details={
                "kind": kind,
                "rows": len(facts),
                "file": filename[:200],
                "reference_date": reference_date.isoformat(),
            },
        )
    return fact_import


KIND_HELP: dict[str, Any] = {
    FactKind.POPULATION: gettext_lazy("working_age_population: people of working age (a whole number)."),
    FactKind.UNEMPLOYMENT: gettext_lazy(
        "registered_unemployed: people registered as unemployed; "
        "unemployment_rate: the rate in per cent (5,4)."
    ),
    FactKind.GRADUATES: gettext_lazy("field: the field of education; graduates: how many graduated in it."),
    FactKind.BAROMETER: gettext_lazy(
        "occupation: the occupation's name; forecast: deficytowy, zrównoważony or nadwyżkowy."
    ),
}
