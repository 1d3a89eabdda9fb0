"""Tables as files people open in a spreadsheet: CSV (UTF-8 with a byte-order mark, semicolons, as
spreadsheets in Poland open it) and XLSX. Text cells a spreadsheet would read as a formula are
neutralised (:func:`kierunek.core.csvsafe.cell_neutralise`); numbers stay numbers: whole ones as
they are, fractions (``float``, ``Decimal``) as numbers in XLSX and with a decimal comma in CSV,
which is how a spreadsheet set to Polish reads them.

The XLSX is written by openpyxl in its write-only mode, row by row, so the memory it takes does
not grow with the rows (only the finished file is held, and :func:`xlsx_file` gives even that as a
file to stream); CSV rows are produced one at a time for a
streaming response."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO

from .csvsafe import cell_neutralise

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def _is_fraction(cell: object) -> bool:
    return type(cell) is float or isinstance(cell, Decimal)


def _csv_cell(cell: object) -> object:
    if type(cell) is int:
        return cell
    if _is_fraction(cell):
        number = cell if isinstance(cell, Decimal) else Decimal(repr(cell))
        return format(number, "f").replace(".", ",")
    return cell_neutralise(cell)


def _xlsx_cell(cell: object) -> object:
    return cell if type(cell) is int or _is_fraction(cell) else cell_neutralise(cell)


def csv_lines(rows: Iterable[Sequence[object]]) -> Iterator[bytes]:
    """The CSV file, a line at a time (the first with the byte-order mark)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    first = True
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
        line = out.getvalue()
        out.seek(0)
        out.truncate()
        yield (("\ufeff" if first else "") + line).encode("utf-8")
        first = False
    if first:
        yield "\ufeff".encode()


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    return b"".join(csv_lines(rows))


def xlsx_bytes(rows: Iterable[Sequence[object]], *, title: str) -> bytes:
    """The rows as one sheet named ``title`` (cut to Excel's 31 characters)."""
    return xlsx_sheets_bytes([(title, rows)])


def xlsx_sheets_bytes(sheets: Iterable[tuple[str, Iterable[Sequence[object]]]]) -> bytes:
    """One workbook of several sheets: (title, rows) each, in order."""
    with xlsx_file(sheets) as out:
        return out.read()


def xlsx_file(sheets: Iterable[tuple[str, Iterable[Sequence[object]]]]) -> IO[bytes]:
    """The workbook as an open temporary file at its start, for a response to stream from: not
    even the finished file is held in memory. The caller closes it (a ``FileResponse`` does)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31] or "Sheet")
        for row in rows:
            sheet.append([_xlsx_cell(cell) for cell in row])
    out = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller open, to stream from
    try:
        workbook.save(out)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out
