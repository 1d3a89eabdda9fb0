"""Spreadsheet-safe CSV: no cell a spreadsheet would run as a formula, and the file reads back to
exactly the text written, whatever the text holds."""

import csv
import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kierunek.core.csvsafe import (
    BOM,
    FORMULA_STARTS,
    CsvUnreadable,
    SafeWriter,
    cell_neutralise,
    cell_restore,
    delimiter_detect,
    records_read,
)

COLUMNS = ["title", "goal", "hours"]

# Text that breaks naive CSV: quotes, both separators, line breaks, formula starts, apostrophes,
# backslashes, Polish letters; and then any text at all (without lone surrogates, which no file
# in UTF-8 can carry).
TRICKY = st.text(alphabet=st.sampled_from(list("\"';,\t\r\n=+-@\\ aąćęłńóśźżĄĆĘŁŃÓŚŹŻ1.")), max_size=12)
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
TEXT = st.one_of(TRICKY, ANY_TEXT)


def runs_as_formula(cell: str) -> bool:
    """What a spreadsheet evaluates: a cell starting with a formula character, except a number."""
    return cell.startswith(FORMULA_STARTS) and not re.fullmatch(r"-[0-9]+(?:[.,][0-9]+)?", cell)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+48 12 000", "'+48 12 000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=1", "''=1"),  # so that the reader does not take the user's apostrophe for ours
        ("'plain", "'plain"),
        ("Kurs =Excel", "Kurs =Excel"),
        ("-1234,50", "-1234,50"),  # a plain negative number stays a number
        ("-12", "-12"),
        ("-\u0661", "'-\u0661"),  # only ASCII digits make a number in a spreadsheet
        ("", ""),
        (None, ""),
        (7, "7"),
    ],
)
def test_cells_a_spreadsheet_would_run_get_an_apostrophe(value, cell):
    assert cell_neutralise(value) == cell


@given(TEXT)
def test_restore_undoes_neutralise_for_any_text(text):
    assert cell_restore(cell_neutralise(text)) == text


@given(TEXT)
def test_no_neutralised_cell_starts_a_formula(text):
    assert not runs_as_formula(cell_neutralise(text))


@given(st.lists(st.tuples(TEXT, TEXT, TEXT), min_size=1, max_size=5), st.sampled_from([";", ","]))
def test_a_written_file_reads_back_to_the_same_text_and_opens_without_formulas(rows, delimiter):
    out = io.StringIO()
    writer = SafeWriter(out, delimiter=delimiter)
    writer.start()
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(row)
    text = out.getvalue()

    assert text.startswith(BOM)
    assert records_read(text, columns=COLUMNS) == [dict(zip(COLUMNS, row, strict=True)) for row in rows]
    # What a spreadsheet splitting at the file's delimiter sees: no cell starts a formula.
    lines = csv.reader(io.StringIO(text.lstrip(BOM), newline=""), delimiter=delimiter)
    assert not [cell for line in lines for cell in line if runs_as_formula(cell)]


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("title;goal;hours", ";"),
        ("title,goal,hours", ","),
        ("title\tgoal\thours", "\t"),
        ('"title";"goal, with a comma";"hours"', ";"),  # a comma inside a header cell
        ("\ufefftitle;hours\r\nx;1", ";"),
        ("", ","),
    ],
)
def test_the_delimiter_is_the_one_that_splits_the_header_into_known_columns(header, delimiter):
    assert delimiter_detect(header, columns=COLUMNS) == delimiter


def test_a_header_with_a_comma_in_the_first_data_row_is_still_read_by_its_own_delimiter():
    # The old guess looked at characters; a ';' file whose texts hold commas must stay a ';' file.
    text = 'title;goal;hours\r\n"Kurs ""Excel"", poziom 1";"a, b; c";40\r\n'
    assert records_read(text, columns=COLUMNS) == [
        {"title": 'Kurs "Excel", poziom 1', "goal": "a, b; c", "hours": "40"}
    ]


@pytest.mark.parametrize(
    ("text", "line", "record"),
    [
        ('title;goal\r\n"abc"x;y\r\n', 2, 1),  # text after a closing quote
        ('title;goal\r\nok;ok\r\n"never closed;y\r\n', 3, 2),  # a quote not closed by the end
    ],
)
def test_a_badly_quoted_file_is_refused_at_its_line(text, line, record):
    with pytest.raises(CsvUnreadable) as unreadable:
        records_read(text, columns=COLUMNS)
    assert (unreadable.value.line, unreadable.value.record, unreadable.value.too_long) == (
        line,
        record,
        False,
    )


def test_a_cell_over_the_size_limit_is_refused_as_too_long():
    text = "title;goal\r\n" + "x" * (csv.field_size_limit() + 1) + ";y\r\n"
    with pytest.raises(CsvUnreadable) as unreadable:
        records_read(text, columns=COLUMNS)
    assert unreadable.value.too_long


@given(st.text(alphabet=st.sampled_from(list("\"';,\t\r\n\x00=ab\ufeff")), max_size=60) | ANY_TEXT)
def test_any_text_is_read_or_refused_as_unreadable_never_an_other_error(text):
    try:
        records = records_read(text, columns=COLUMNS)
    except CsvUnreadable as unreadable:
        refused = unreadable
    else:
        assert all(isinstance(record, dict) for record in records)
        return
    assert refused.line >= 1
    assert refused.record >= 1
