"""CSV that a spreadsheet opens safely, written one way everywhere, and read back without loss.

Writing. A spreadsheet reads a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula (OWASP, "CSV Injection"): a provider's name or a card's title typed as
``=HYPERLINK(...)`` would run in the office's Excel. Every cell the project writes therefore goes
through ``cell_neutralise``, which puts a single apostrophe in front of such a cell, so the
spreadsheet shows it as text. A plain negative number (``-12`` or ``-1234,50``) is left alone: it
cannot carry a formula and must stay a number in a sum. Cells are quoted by RFC 4180 (a quote
inside a cell is written twice), rows end with CRLF, and the file starts with a UTF-8 byte order
mark and separates cells with ``;`` so that a spreadsheet set to Polish opens it in columns and
with Polish letters right.

Reading. The neutralisation is reversible, so a file the project exported imports again to the
same text: ``cell_restore`` removes the apostrophe only where ``cell_neutralise`` would have put
one, and to make that unambiguous, ``cell_neutralise`` also prefixes text that already starts with
apostrophes followed by a formula character. ``records_read`` finds the delimiter from the header
(the one that splits it into the most known column names, not a guess from its characters) and
reads the whole file by RFC 4180, refusing a malformed file with the line where it breaks instead
of misreading it.

What this cannot do: a spreadsheet that splits the file on another character than its delimiter
(a comma file opened by Excel set to Polish) may start a cell in the middle of a quoted text; the
``;`` and the byte order mark make the office's spreadsheets split where the file does."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DELIMITER = ";"
CANDIDATE_DELIMITERS = (",", ";", "\t")
BOM = "\ufeff"
LINE_END = "\r\n"
APOSTROPHE = "'"
_PLAIN_NEGATIVE_NUMBER = re.compile(r"-[0-9]+(?:[.,][0-9]+)?")


def cell_neutralise(value: object) -> str:
    """The text of one cell as the file carries it: an apostrophe in front of what a spreadsheet
    would read as a formula (and of text that would otherwise look neutralised already)."""
    text = "" if value is None else str(value)
    if _PLAIN_NEGATIVE_NUMBER.fullmatch(text):
        return text
    if text.lstrip(APOSTROPHE).startswith(FORMULA_STARTS):
        return APOSTROPHE + text
    return text


def cell_restore(text: str) -> str:
    """The inverse of ``cell_neutralise``: ``cell_restore(cell_neutralise(t)) == t`` for any text.
    A cell someone typed by hand as ``'=1`` comes back as ``=1``, which is what a spreadsheet
    shows for it too."""
    if text.startswith(APOSTROPHE) and text.lstrip(APOSTROPHE).startswith(FORMULA_STARTS):
        return text[1:]
    return text


class SafeWriter:
    """``csv.writer`` with the project's dialect, every cell passed through ``cell_neutralise``.
    Call ``start`` once for the byte order mark when the output is the whole file."""

    def __init__(self, out: IO[str], *, delimiter: str = DELIMITER) -> None:
        self._out = out
        self._writer = csv.writer(
            out, delimiter=delimiter, quotechar='"', doublequote=True, lineterminator=LINE_END
        )

    def start(self) -> None:
        self._out.write(BOM)

    def writerow(self, cells: Iterable[object]) -> None:
        self._writer.writerow([cell_neutralise(cell) for cell in cells])


class CsvUnreadable(Exception):
    """The file is not CSV by RFC 4180 at ``line`` (counted from 1, in the file's lines), while
    reading its ``record``-th record after the header. ``too_long`` when a cell is over the
    reader's size limit rather than badly quoted."""

    def __init__(self, *, line: int, record: int, too_long: bool) -> None:
        super().__init__(f"unreadable CSV at line {line}")
        self.line = line
        self.record = record
        self.too_long = too_long


def delimiter_detect(text: str, *, columns: Collection[str]) -> str:
    """The delimiter of a file whose header names some of ``columns``: the candidate that splits
    the header into the most known names, then into the most cells; ``,`` when nothing tells."""
    header = text.lstrip(BOM).split("\n", 1)[0].rstrip("\r")
    known = set(columns)

    def score(delimiter: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([header], delimiter=delimiter), [])
        except csv.Error:
            return (-1, 0)
        return (sum(1 for cell in cells if cell.strip() in known), len(cells))

    return max(CANDIDATE_DELIMITERS, key=score)


def records_read(text: str, *, columns: Collection[str]) -> list[dict[Any, Any]]:
    """The records of a CSV file as dicts by header name, cells restored by ``cell_restore``.
    As ``csv.DictReader``: a missing cell is ``None`` and extra cells are a list under ``None``.
    Raises ``CsvUnreadable`` for a file that breaks RFC 4180 quoting."""
    reader = csv.DictReader(
        io.StringIO(text.lstrip(BOM), newline=""),
        delimiter=delimiter_detect(text, columns=columns),
        quotechar='"',
        doublequote=True,
        strict=True,
    )
    records: list[dict[Any, Any]] = []
    try:
        for record in reader:
            records.append(
                {
                    (name.strip() if isinstance(name, str) else name): (
                        cell_restore(value) if isinstance(value, str) else value
                    )
                    for name, value in record.items()
                }
            )
    except csv.Error as exc:
        raise CsvUnreadable(
            line=reader.reader.line_num,  # DictReader's own count moves only after a good record
            record=len(records) + 1,
            too_long="field larger" in str(exc),
        ) from exc
    return records
