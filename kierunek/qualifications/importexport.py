"""The register to and from CSV and JSON. An import checks every row and writes nothing unless
every row passes (the report names the row, the column and the problem, as the card import's
does: kierunek.catalogue.importexport, whose reader and report it shares); a row whose code is in
the register already changes that qualification, with its history. Export writes the same
columns, so a file can be exported, edited and imported again.

In a CSV file the outcome sets are one column holding JSON (the shape of the JSON file's
``outcome_sets``), and the certifying institutions one name per line of their cell."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kierunek.catalogue.importexport import ImportRefused, RowError, read_rows
from kierunek.core import csvsafe
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record

from . import services
from .audit_actions import QUALIFICATIONS_IMPORTED
from .domain import TEXT_FIELDS, OutcomeInput, OutcomeSetInput, QualificationInput, code_normalise
from .models import Qualification, QualificationChange

__all__ = [
    "COLUMNS",
    "ImportRefused",
    "ImportResult",
    "RowError",
    "export_csv",
    "export_json",
    "qualifications_import",
]

COLUMNS = [
    "code",
    "name",
    "kind",
    "prk_level",
    "workload_hours",
    *TEXT_FIELDS,
    "certificate_validity_years",
    "certifying_institutions",
    "quality_body",
    "registered_on",
    "demo",
    "outcome_sets",
]
OPTIONAL = {
    "entry_conditions",
    "rights_conferred",
    "validation_conditions",
    "renewal_conditions",
    "certificate_validity_years",
    "certifying_institutions",
    "demo",
}
REQUIRED = set(COLUMNS) - OPTIONAL
MAX_ROWS = 2000
_TRUE = {"1", "true", "yes", "tak"}
_FALSE = {"", "0", "false", "no", "nie"}


@dataclass
class ImportResult:
    created: list[Qualification] = field(default_factory=list)
    changed: list[Qualification] = field(default_factory=list)
    unchanged: int = 0


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _whole(value: Any) -> int | None:
    text = _text(value).strip()
    if isinstance(value, bool) or not text.isdigit():
        return None
    return int(text)


def outcome_sets_parse(value: Any) -> tuple[OutcomeSetInput, ...]:
    """The sets from the JSON file's list, or from the CSV cell's JSON text; ValueError if they
    are not in that shape."""
    data = json.loads(value) if isinstance(value, str) else value
    if not isinstance(data, list):
        raise ValueError
    sets = []
    for item in data:
        outcomes = item["outcomes"]
        if not isinstance(outcomes, list):
            raise ValueError
        sets.append(
            OutcomeSetInput(
                code=_text(item["code"]).strip(),
                name=_text(item["name"]),
                outcomes=tuple(
                    OutcomeInput(
                        code=_text(outcome["code"]).strip(),
                        text=_text(outcome["text"]),
                        criteria=tuple(_text(criterion) for criterion in _list(outcome["criteria"])),
                    )
                    for outcome in outcomes
                ),
            )
        )
    return tuple(sets)


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError
    return value


def _institutions(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(_text(name).strip() for name in value)
    return tuple(line.strip() for line in _text(value).splitlines() if line.strip())


def row_to_input(row: dict[str, Any]) -> tuple[QualificationInput | None, list[tuple[str, str]]]:
    """A qualification from one row, or the (column, message) problems that stop it."""
    problems: list[tuple[str, str]] = []
    for column in sorted(REQUIRED):
        value = row.get(column)
        if not isinstance(value, list) and not _text(value).strip():
            problems.append((column, _("This column is required.")))
    if any(column is None for column in row):  # csv.DictReader keeps extra cells under None
        problems.append(("", _("This row has more cells than the header has columns.")))
    unknown = sorted(str(column) for column in set(row) - set(COLUMNS) if column is not None)
    if unknown:
        problems.append((", ".join(unknown), _("Unknown column.")))
    if problems:
        return None, problems
    numbers: dict[str, int | None] = {}
    for column in ("prk_level", "workload_hours", "certificate_validity_years"):
        numbers[column] = _whole(row.get(column))
        if numbers[column] is None and (column in REQUIRED or _text(row.get(column)).strip()):
            problems.append((column, _("Write a whole number.")))
    try:
        registered_on = date.fromisoformat(_text(row["registered_on"]).strip())
    except ValueError:
        problems.append(("registered_on", _("Write the date as YYYY-MM-DD.")))
        registered_on = date.min
    demo_text = _text(row.get("demo")).strip().lower()
    if isinstance(row.get("demo"), bool):
        demo = bool(row["demo"])
    elif demo_text in _TRUE | _FALSE:
        demo = demo_text in _TRUE
    else:
        problems.append(("demo", _("Write true or false.")))
        demo = False
    try:
        outcome_sets = outcome_sets_parse(row["outcome_sets"])
    except (ValueError, TypeError, KeyError, AttributeError):
        problems.append(
            (
                "outcome_sets",
                _(
                    'Write the sets of learning outcomes as JSON: [{"code": ..., "name": ..., "outcomes": '
                    '[{"code": ..., "text": ..., "criteria": [...]}]}].'
                ),
            )
        )
        outcome_sets = ()
    if problems:
        return None, problems
    return QualificationInput(
        code=code_normalise(_text(row["code"])),
        name=_text(row["name"]),
        kind=_text(row["kind"]).strip(),
        prk_level=numbers["prk_level"] or 0,
        workload_hours=numbers["workload_hours"] or 0,
        certificate_validity_years=numbers["certificate_validity_years"],
        certifying_institutions=_institutions(row.get("certifying_institutions")),
        quality_body=_text(row["quality_body"]),
        registered_on=registered_on,
        demo=demo,
        outcome_sets=outcome_sets,
        **{name: _text(row.get(name)) for name in TEXT_FIELDS},
    ), []


def _row_errors(number: int, error: ValidationError) -> list[RowError]:
    return [
        RowError(number, column, str(message))
        for column, messages in getattr(error, "message_dict", {"": error.messages}).items()
        for message in messages
    ]


def qualifications_import(*, actor: Actor, content: bytes, filename: str) -> ImportResult:
    """Enter or change every row's qualification, or nothing: raises ImportRefused with every
    problem found (a code twice in the file included). One transaction: the register is small."""
    services.require_editor(actor)
    rows = read_rows(
        content=content,
        filename=filename,
        columns=COLUMNS,
        not_a_list=_("The JSON file must hold a list of qualifications (objects)."),
    )
    if not rows:
        raise ImportRefused([RowError(0, "", _("The file has no qualifications."))])
    if len(rows) > MAX_ROWS:
        raise ImportRefused(
            [RowError(0, "", _("At most %(limit)d qualifications in one file.") % {"limit": MAX_ROWS})]
        )
    errors: list[RowError] = []
    inputs: list[QualificationInput] = []
    first_row_of: dict[str, int] = {}
    existing = {
        q.code: q
        for q in Qualification.objects.filter(code__in=[code_normalise(_text(r.get("code"))) for r in rows])
    }
    for number, row in enumerate(rows, start=1):
        data, problems = row_to_input(row)
        errors.extend(RowError(number, column, message) for column, message in problems)
        if data is None:
            continue
        try:
            services.qualification_check(data, existing=existing.get(data.code))
        except ValidationError as error:
            errors.extend(_row_errors(number, error))
            continue
        if data.code in first_row_of:
            errors.append(
                RowError(
                    number,
                    "code",
                    _("Row %(row)d of the file has the same code.") % {"row": first_row_of[data.code]},
                )
            )
            continue
        first_row_of[data.code] = number
        inputs.append(data)
    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    with transaction.atomic():
        for data in inputs:
            qualification, changed = services.qualification_write(
                actor=actor,
                data=data,
                how=QualificationChange.How.IMPORTED,
                qualification=existing.get(data.code),
            )
            if data.code not in existing:
                result.created.append(qualification)
            elif changed:
                result.changed.append(qualification)
            else:
                result.unchanged += 1
        audit_record(
            action=QUALIFICATIONS_IMPORTED,
            actor=actor,
            details={
                "created": [q.code for q in result.created],
                "changed": [q.code for q in result.changed],
                "file": filename[:200],
            },
        )
    return result


def _row(qualification: Qualification) -> dict[str, Any]:
    return {
        "code": qualification.code,
        "name": qualification.name,
        "kind": qualification.kind,
        "prk_level": qualification.prk_level,
        "workload_hours": qualification.workload_hours,
        **{name: getattr(qualification, name) for name in TEXT_FIELDS},
        "certificate_validity_years": qualification.certificate_validity_years,
        "certifying_institutions": list(qualification.certifying_institutions),
        "quality_body": qualification.quality_body,
        "registered_on": qualification.registered_on.isoformat(),
        "demo": qualification.demo,
        "outcome_sets": services.outcome_sets_data(qualification),
    }


def _register() -> Any:
    return Qualification.objects.prefetch_related("outcome_sets__outcomes").order_by("code")


def export_json() -> str:
    return json.dumps([_row(q) for q in _register()], ensure_ascii=False, indent=1)


def export_csv() -> str:
    """The register as a spreadsheet-safe CSV that ``qualifications_import`` reads back."""
    out = io.StringIO()
    writer = csvsafe.SafeWriter(out)
    writer.start()
    writer.writerow(COLUMNS)
    for qualification in _register():
        row = _row(qualification)
        row["certifying_institutions"] = "\n".join(row["certifying_institutions"])
        row["outcome_sets"] = json.dumps(row["outcome_sets"], ensure_ascii=False)
        row["certificate_validity_years"] = row["certificate_validity_years"] or ""
        row["demo"] = "true" if row["demo"] else "false"
        writer.writerow(row[column] for column in COLUMNS)
    return out.getvalue()
