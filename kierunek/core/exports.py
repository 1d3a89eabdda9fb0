"""Tables as files people open in a spreadsheet: CSV (UTF-8 with a byte-order mark, semicolons, as
spreadsheets in Poland open it) and XLSX. Text cells a spreadsheet would read as a formula are
neutralised (:func:`kierunek.core.csvsafe.cell_neutralise`); whole numbers stay numbers.

The XLSX is written by openpyxl in its write-only mode, row by row, so the memory it takes does
not grow with the rows (only the finished file is held); CSV rows are produced one at a time for a
streaming response."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence

from .csvsafe import cell_neutralise

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def _cells(row: Sequence[object]) -> list[object]:
    """Numbers stay numbers (a spreadsheet sums them); everything else is neutralised text."""
    return [cell if type(cell) in (int, float) else cell_neutralise(cell) for cell in row]


def csv_lines(rows: Iterable[Sequence[object]]) -> Iterator[bytes]:
    """The CSV file, a line at a time (the first with the byte-order mark)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    first = True
    for row in rows:
        writer.writerow(_cells(row))
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
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31] or "Sheet")
        for row in rows:
            sheet.append(_cells(row))
    with tempfile.TemporaryFile() as out:
        workbook.save(out)
        out.seek(0)
        return out.read()
