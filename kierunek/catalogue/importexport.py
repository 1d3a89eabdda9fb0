"""Service cards to and from CSV and JSON, for providers with many services. An import checks every
row and writes nothing unless every row passes; its report names the row, the column and the
problem. Export writes the same columns, so a file can be exported, edited and imported again."""

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from time import sleep
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kierunek.core import csvsafe
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.money import Money
from kierunek.core.validators import CONTROL_CHARACTERS_MESSAGE
from kierunek.providers.models import Provider
from kierunek.providers.services import require_provider_member

from . import bur, services
from .audit_actions import CATALOGUE_CARDS_IMPORTED
from .domain import TEXT_FIELDS, CardInput, SessionInput
from .models import ImportJob, ServiceCard

# The card's own fields (dates come from the sessions), then the sessions in one column.
COLUMNS = [name for name in services.TRACKED_FIELDS if name not in ("starts_on", "ends_on")] + ["sessions"]
# What a row may leave empty; every other column is required.
OPTIONAL = {
    "participation_conditions",
    "technical_requirements",
    "gmina",
    "street",
    "outside_region_address",
    "min_participants",
    "market_qualification",
    "qualification_code",
}
REQUIRED = set(COLUMNS) - OPTIONAL
MAX_ROWS = 2000
MAX_FILE_BYTES = 5 * 1024 * 1024
CHECK_PROGRESS_EVERY = 100
SESSION_RE = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*@\s*(.+?)\s*$", re.DOTALL
)


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    created: list[ServiceCard] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class ImportRefused(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


# Deep enough for any card file (BUR's envelope, record, address and schedule are four levels),
# shallow enough that no file can make the parser recurse for long.
MAX_JSON_DEPTH = 12


class Layout(StrEnum):
    """The field layouts a file may have: our own columns, or BUR's records (kierunek.catalogue.bur)."""

    KIERUNEK = "kierunek"
    BUR = "bur"


@dataclass
class ImportFile:
    layout: Layout
    records: list[dict[str, Any]]


def read_file(
    *,
    content: bytes,
    filename: str,
    layout: Layout | None = None,
    columns: Sequence[str] = COLUMNS,
    not_a_list: str | None = None,
) -> ImportFile:
    """The records of a CSV (UTF-8, comma, semicolon or tab, RFC 4180 quoting) or JSON file, and
    their layout: ``layout`` if given (a file in the other one is refused), else the one the file
    has. Our JSON is a list of objects; BUR's is a list of records, its API's paged envelope or
    one record. A CSV cell the export neutralised for spreadsheets comes back as its text. The
    register of qualifications reads its file here too (its ``columns``, its ``not_a_list``)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            [RowError(0, "", _("The file is not UTF-8 text. Save it as UTF-8 and try again."))]
        ) from exc
    if filename.lower().endswith(".json"):
        data = _json_load(text)
        found = Layout.BUR if bur.is_bur(data) else Layout.KIERUNEK
        _layout_require(layout, found)
        if found == Layout.BUR:
            records = bur.records_of(data)
            if records is None:
                raise ImportRefused(
                    [
                        RowError(
                            0, "", _('The BUR file must hold a list of services or BUR\'s list ("lista").')
                        )
                    ]
                )
            return ImportFile(found, records)
        if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
            raise ImportRefused(
                [RowError(0, "", not_a_list or _("The JSON file must hold a list of services (objects)."))]
            )
        return ImportFile(found, data)
    if filename.lower().endswith(".csv"):
        _layout_require(layout, Layout.KIERUNEK)
        try:
            return ImportFile(Layout.KIERUNEK, csvsafe.records_read(text, columns=columns))
        except csvsafe.CsvUnreadable as unreadable:
            raise ImportRefused([_unreadable_error(unreadable)]) from unreadable
    raise ImportRefused([RowError(0, "", _("Upload a .csv or .json file."))])


def read_rows(
    *, content: bytes, filename: str, columns: Sequence[str] = COLUMNS, not_a_list: str | None = None
) -> list[dict[str, Any]]:
    """The records of a file in whichever layout it has; another context's file, in ours only."""
    layout = None if columns is COLUMNS else Layout.KIERUNEK
    return read_file(
        content=content, filename=filename, layout=layout, columns=columns, not_a_list=not_a_list
    ).records


def _layout_require(wanted: Layout | None, found: Layout) -> None:
    if wanted is None or wanted == found:
        return
    if wanted == Layout.BUR:
        message = _(
            "This is not a file in BUR's layout: BUR's services are JSON records with fields such as "
            "tytul and dataRozpoczeciaUslugi. Choose our own columns, or upload the file from BUR."
        )
    else:
        message = _("This file is in BUR's layout: choose BUR's layout, or let the format be detected.")
    raise ImportRefused([RowError(0, "", message)])


def _json_depth_exceeds(text: str, limit: int) -> bool:
    """Whether arrays and objects nest deeper than ``limit`` (counted outside strings), checked
    before parsing, so that a hostile file never reaches the parser's recursion."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _json_load(text: str) -> Any:
    if _json_depth_exceeds(text, MAX_JSON_DEPTH):
        raise ImportRefused(
            [
                RowError(
                    0,
                    "",
                    _("The JSON file nests lists and objects deeper than %(limit)d levels.")
                    % {"limit": MAX_JSON_DEPTH},
                )
            ]
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            [RowError(0, "", _("The JSON file is not valid: %(error)s") % {"error": exc.msg})]
        ) from exc


def _unreadable_error(unreadable: csvsafe.CsvUnreadable) -> RowError:
    """The row of the service being read and the line of the file, so the cell can be found."""
    if unreadable.too_long:
        message = _("Line %(line)d of the file has a cell longer than the limit of %(limit)d characters.") % {
            "line": unreadable.line,
            "limit": csv.field_size_limit(),
        }
    else:
        message = _(
            "Line %(line)d of the file cannot be read: a cell in quotes must end with a quote followed by "
            'the separator or the end of the line, and a quote inside a cell is written twice ("").'
        ) % {"line": unreadable.line}
    return RowError(unreadable.record, "", message)


def _decimal(value: Any, column: str, errors: list[str]) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", ".").replace(" ", "").replace("\u00a0", ""))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():  # "NaN" and "Infinity" are Decimals too
        errors.append(column)
        return Decimal(0)
    return number


def _sessions(value: Any) -> tuple[SessionInput, ...]:
    items: list[Any]
    if isinstance(value, list):
        items = value
    else:
        items = [part for part in _sessions_split(str(value or "")) if part.strip()]
    sessions = []
    for item in items:
        if isinstance(item, dict):
            day, start, end, place = (
                item.get("date", ""),
                item.get("start", ""),
                item.get("end", ""),
                item.get("place", ""),
            )
        else:
            match = SESSION_RE.match(item)
            if match is None:
                raise ValueError(item)
            day, start, end, place = match.groups()
        sessions.append(
            SessionInput(
                date.fromisoformat(day),
                time.fromisoformat(_hhmm(start)),
                time.fromisoformat(_hhmm(end)),
                place,
            )
        )
    return tuple(sessions)


def _sessions_split(text: str) -> list[str]:
    """The sessions of the CSV column, split at each ``;`` that is not escaped. A place may hold a
    ``;`` written as ``\\;`` and a backslash written as ``\\\\``; any other backslash is itself, so
    a file written by hand with ``C:\\sala`` reads as it looks."""
    parts, current, position = [], [], 0
    while position < len(text):
        char = text[position]
        if char == "\\" and text[position + 1 : position + 2] in ("\\", ";"):
            current.append(text[position + 1])
            position += 2
            continue
        if char == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        position += 1
    parts.append("".join(current))
    return parts


def _place_escape(place: str) -> str:
    """The place as ``_sessions_split`` reads it back."""
    return place.replace("\\", "\\\\").replace(";", "\\;")


def _hhmm(value: str) -> str:
    hours, minutes = value.strip().split(":")[:2]
    return f"{int(hours):02d}:{minutes}"


def _texts(value: Any) -> list[str]:
    """Every text in a cell (a JSON cell may hold the sessions' objects). A NUL in any of them is
    a problem on its row: PostgreSQL refuses it, which would stop the import half-way. (Other
    control characters round-trip, as the card's services keep them.)"""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def row_to_input(row: dict[str, Any]) -> tuple[CardInput | None, list[tuple[str, str]]]:
    """A card from one row, or the (column, message) problems that stop it."""
    problems: list[tuple[str, str]] = []
    for column in sorted(REQUIRED):
        if not str(row.get(column, "") or "").strip() and not isinstance(row.get(column), list):
            problems.append((column, _("This column is required.")))
    if any(column is None for column in row):  # csv.DictReader keeps extra cells under None
        problems.append(("", _("This row has more cells than the header has columns.")))
    unknown = sorted(str(column) for column in set(row) - set(COLUMNS) if column is not None)
    if unknown:
        problems.append((", ".join(unknown), _("Unknown column.")))
    problems += [
        (column, str(CONTROL_CHARACTERS_MESSAGE))
        for column in COLUMNS
        if any("\x00" in text for text in _texts(row.get(column)))
    ]
    if problems:
        return None, problems
    bad: list[str] = []
    hours = _decimal(row["hours"], "hours", bad)
    net = _decimal(row["price_net"], "price_net", bad)
    gross = _decimal(row["price_gross"], "price_gross", bad)
    for column in bad:
        problems.append((column, _("Write a number, for example 1234.50.")))
    try:
        price_net, price_gross = Money.from_pln(net).grosze, Money.from_pln(gross).grosze
    except (ValueError, TypeError):
        problems.append(("price_net", _("A price has at most 2 decimal places.")))
        price_net = price_gross = 0
    counts = {}
    for column in ("min_participants", "max_participants"):
        raw = str(row.get(column) or ("1" if column == "min_participants" else "")).strip()
        if not raw.isdigit():
            problems.append((column, _("Write a whole number.")))
        counts[column] = int(raw) if raw.isdigit() else 0
    try:
        deadline = date.fromisoformat(str(row["enrolment_deadline"]).strip())
    except ValueError:
        problems.append(("enrolment_deadline", _("Write the date as YYYY-MM-DD.")))
        deadline = date.min
    try:
        sessions = _sessions(row["sessions"])
    except (ValueError, TypeError, AttributeError):
        problems.append(
            ("sessions", _("Write each session as YYYY-MM-DD HH:MM-HH:MM @ place, separated by ';'."))
        )
        sessions = ()
    if problems:
        return None, problems
    return CardInput(
        title=str(row["title"]),
        category_code=str(row["category"]).strip(),
        service_type=str(row["service_type"]).strip(),
        delivery_form=str(row["delivery_form"]).strip(),
        goal=str(row["goal"]),
        learning_outcomes=str(row["learning_outcomes"]),
        programme=str(row["programme"]),
        target_group=str(row["target_group"]),
        participation_conditions=str(row.get("participation_conditions") or ""),
        technical_requirements=str(row.get("technical_requirements") or ""),
        hours=hours,
        gmina_teryt=str(row.get("gmina") or "").strip(),
        street=str(row.get("street") or ""),
        outside_region_address=str(row.get("outside_region_address") or ""),
        price_net=price_net,
        price_gross=price_gross,
        min_participants=counts["min_participants"],
        max_participants=counts["max_participants"],
        enrolment_deadline=deadline,
        market_qualification=str(row.get("market_qualification") or ""),
        qualification_code=str(row.get("qualification_code") or ""),
        sessions=sessions,
    ), []


def _row_errors(number: int, error: ValidationError) -> list[RowError]:
    return [
        RowError(number, column, str(message))
        for column, messages in getattr(error, "message_dict", {"": error.messages}).items()
        for message in messages
    ]


def _same(column: str) -> str:
    return column


@dataclass
class _Checked:
    """One record read and checked: the card, or the problems by the layout's field names."""

    data: CardInput | None
    problems: list[tuple[str, str]]


def _record_check(
    *, provider: Provider, record: dict[str, Any], layout: Layout, categories: dict[str, str]
) -> tuple[_Checked, str | None]:
    """A record as ``card_create`` would take it, and its dedupe key when it passes. A BUR record
    becomes a row of our columns first; the same checks follow, and their problems are named by
    the record's own fields, except where the record's own problem already explains them."""
    if layout == Layout.BUR:
        mapped = bur.record_to_row(record, categories=categories)
        row, problems, field = mapped.row, list(mapped.problems), bur.field_of
        covered = bur.columns_covered(problems)
    else:
        row, problems, field, covered = record, [], _same, set()
    data, found = row_to_input(row)
    problems += [(field(column), message) for column, message in found if column not in covered]
    if data is None:
        return _Checked(None, problems), None
    try:
        key = services.card_check(provider=provider, data=data)
    except ValidationError as error:
        by_column = getattr(error, "message_dict", {"": error.messages})
        problems += [
            (field(column), str(message))
            for column, messages in by_column.items()
            if column not in covered
            for message in messages
        ]
        return _Checked(None, problems), None
    return _Checked(None if problems else data, problems), key


def cards_import_check(
    *,
    provider: Provider,
    rows: list[dict[str, Any]],
    progress: Callable[[int], None] | None = None,
    layout: Layout = Layout.KIERUNEK,
) -> list[CardInput]:
    """Check every record as ``card_create`` would, writing nothing (so holding no write lock however
    long the file): the cards in the file's order, or ImportRefused with every problem found,
    duplicates inside the file included. ``progress`` hears how many records are checked."""
    if not rows:
        raise ImportRefused([RowError(0, "", _("The file has no services."))])
    if len(rows) > MAX_ROWS:
        raise ImportRefused(
            [RowError(0, "", _("At most %(limit)d services in one file.") % {"limit": MAX_ROWS})]
        )
    errors: list[RowError] = []
    cards: list[CardInput] = []
    first_row_of: dict[str, int] = {}
    categories = bur.categories_by_name() if layout == Layout.BUR else {}
    title = bur.field_of("title") if layout == Layout.BUR else "title"
    for number, row in enumerate(rows, start=1):
        checked, key = _record_check(provider=provider, record=row, layout=layout, categories=categories)
        errors.extend(RowError(number, column, message) for column, message in checked.problems)
        if key is not None:
            if key in first_row_of:
                errors.append(
                    RowError(
                        number,
                        title,
                        _("Row %(row)d of the file has a service with the same title, dates and place.")
                        % {"row": first_row_of[key]},
                    )
                )
            first_row_of.setdefault(key, number)
        if checked.data is not None:
            cards.append(checked.data)
        if progress is not None and (number % CHECK_PROGRESS_EVERY == 0 or number == len(rows)):
            progress(number)
    if errors:
        raise ImportRefused(errors)
    return cards


def cards_import_write(
    *,
    provider: Provider,
    cards: Sequence[CardInput],
    actor: Actor,
    staged_in: ImportJob | None = None,
    batch_size: int,
    pause: float = 0.0,
    progress: Callable[[int], None] | None = None,
) -> list[ServiceCard]:
    """Create checked cards as drafts, ``batch_size`` cards to a transaction, so that nobody waits
    for the write lock longer than one batch takes, and ``pause`` seconds between batches, so that
    whoever waited gets the lock. Cards written with ``staged_in`` stay hidden until their import
    job shows them all at once. A card that no longer passes (the same service saved meanwhile)
    raises ImportRefused naming its row; the batches written before it stay for the caller, who
    either rolls back its own transaction or removes the staged cards. ``progress`` hears, inside
    each batch's transaction, how many cards are written."""
    created: list[ServiceCard] = []
    for start in range(0, len(cards), batch_size):
        if start and pause:
            sleep(pause)
        with transaction.atomic():
            batch: list[ServiceCard] = []
            for number, data in enumerate(cards[start : start + batch_size], start=start + 1):
                try:
                    batch.append(services.card_create(provider=provider, data=data, actor=actor))
                except ValidationError as error:
                    raise ImportRefused(_row_errors(number, error)) from error
            if staged_in is not None:
                ServiceCard.objects.filter(pk__in=[card.pk for card in batch]).update(staged_in=staged_in)
            created += batch
            if progress is not None:
                progress(len(created))
    return created


def cards_import(
    *, provider: Provider, content: bytes, filename: str, actor: Actor, layout: Layout | None = None
) -> ImportResult:
    """Create every row as a draft, or nothing: raises ImportRefused with every problem found.
    Writes in one transaction, which suits a small file; the provider's page imports through a
    background job (import_jobs), which writes in short transactions whatever the file's size."""
    require_provider_member(actor.user, provider)
    file = read_file(content=content, filename=filename, layout=layout)
    cards = cards_import_check(provider=provider, rows=file.records, layout=file.layout)
    with transaction.atomic():
        created = cards_import_write(provider=provider, cards=cards, actor=actor, batch_size=len(cards))
        audit_record(
            action=CATALOGUE_CARDS_IMPORTED,
            actor=actor,
            obj=provider,
            details={"count": len(created)},
        )
    return ImportResult(created=created)


def _row(card: ServiceCard) -> dict[str, Any]:
    return {
        "title": card.title,
        "category": card.category.code,
        "service_type": card.service_type,
        "delivery_form": card.delivery_form,
        **{name: getattr(card, name) for name in TEXT_FIELDS},
        "hours": str(card.hours),
        "gmina": card.gmina.teryt if card.gmina else "",
        "street": card.street,
        "outside_region_address": card.outside_region_address,
        "price_net": Money(card.price_net).api_str(),
        "price_gross": Money(card.price_gross).api_str(),
        "min_participants": card.min_participants,
        "max_participants": card.max_participants,
        "enrolment_deadline": card.enrolment_deadline.isoformat(),
        "market_qualification": card.market_qualification,
        "qualification_code": card.qualification_code,
    }


def _cards(provider: Provider) -> Any:
    return (
        provider.service_cards.filter(staged_in__isnull=True)
        .select_related("category__parent", "gmina")
        .prefetch_related("sessions")
        .order_by("starts_on", "pk")
    )


def cards_export_json(*, provider: Provider) -> str:
    rows = []
    for card in _cards(provider):
        row = _row(card)
        row["sessions"] = [
            {
                "date": s.date.isoformat(),
                "start": f"{s.start_time:%H:%M}",
                "end": f"{s.end_time:%H:%M}",
                "place": s.place,
            }
            for s in card.sessions.all()
        ]
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=1)


def cards_export_csv(*, provider: Provider) -> str:
    """The cards as a spreadsheet-safe CSV that ``cards_import`` reads back to the same text."""
    out = io.StringIO()
    writer = csvsafe.SafeWriter(out)
    writer.start()
    writer.writerow(COLUMNS)
    for card in _cards(provider):
        row = _row(card)
        row["sessions"] = "; ".join(
            f"{s.date.isoformat()} {s.start_time:%H:%M}-{s.end_time:%H:%M} @ {_place_escape(s.place)}"
            for s in card.sessions.all()
        )
        writer.writerow(row[column] for column in COLUMNS)
    return out.getvalue()


def cards_export_bur(*, provider: Provider) -> str:
    """The cards as BUR's API gives services (its paged envelope, on one page), which
    ``cards_import`` reads back to the same cards."""
    records = [bur.card_record(card) for card in _cards(provider)]
    return json.dumps(bur.envelope(records), ensure_ascii=False, indent=1)
