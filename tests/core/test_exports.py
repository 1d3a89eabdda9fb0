"""The tabular exports: numbers stay numbers (fractions with a decimal comma in CSV, as a
spreadsheet set to Polish reads them), text that looks like a formula is neutralised, and the CSV
opens as UTF-8."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from kierunek.core.exports import csv_bytes, xlsx_bytes

ROWS = [
    ["name", "count", "share", "rate", "flag"],
    ["=cmd()", 12, 0.25, Decimal("1.50"), True],
    ["-3", -3, 1e-05, None, ""],
]


def test_csv_writes_numbers_in_polish_form_and_neutralises_formulas():
    text = csv_bytes(ROWS).decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").split("\r\n")
    assert lines[1] == "'=cmd();12;0,25;1,50;True"
    assert lines[2] == "-3;-3;0,00001;;"


def test_xlsx_keeps_whole_numbers_and_fractions_as_numbers():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(ROWS, title="Wyniki"))).active
    values = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "Wyniki"
    assert values[1] == ("'=cmd()", 12, 0.25, 1.5, "True")
    assert values[2][1:3] == (-3, 1e-05)
