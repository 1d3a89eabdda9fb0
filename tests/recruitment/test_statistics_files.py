"""The authority's statistics files, cell by cell, on a constructed year: two classes of one seat,
three candidates ranking both (90 %, 70 %, 50 % in every exam part, grades of 5), so the figures
can be worked out by hand; and who may download them."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.recruitment import services
from kierunek.recruitment.models import Placement
from tests.accounts.factories import UserFactory

from .builders import candidate_make, class_make, director_of, school_make, year_make

pytestmark = pytest.mark.django_db

# Points: the exam gives its percentage (0.35 + 0.35 + 0.30), four grades of 5 give 4 x 17.
# Żak 90 + 68 = 158,00 at 1A; Adamska 70 + 68 = 138,00 at 1B (her second choice); Łukasik
# placed nowhere. One of the two qualified confirms: 50 %.
CLASSES = [
    [
        "school",
        "class",
        "profile",
        "seats",
        "applicants",
        "per_seat",
        "lowest_points",
        "free_main",
        "free_supplementary",
    ],
    ["I LO", "1A", "mat-fiz", 1, 3, 3.0, 15800, 0, None],
    ["I LO", "1B", "mat-fiz", 1, 3, 3.0, 13800, 0, None],
]
SUMMARY = [
    ["candidates", 3],
    ["first_choice_pct", 33.3],
    ["second_choice_pct", 33.3],
    ["third_choice_pct", 0.0],
    ["unplaced_main", 1],
    ["unplaced_after_supplementary", 1],
    ["confirmation_rate_pct", 50.0],
    ["free_seats_main", 0],
    ["free_seats_supplementary", 0],
]


@pytest.fixture
def matched():  # type: ignore[no-untyped-def]
    year = year_make()
    school = school_make("I LO")
    a, b = class_make(year, school, "1A", 1), class_make(year, school, "1B", 1)
    zak = candidate_make(year, "Żak", 90, [a, b])
    candidate_make(year, "Adamska", 70, [a, b])
    candidate_make(year, "Łukasik", 50, [a, b])
    services.year_match_main(actor=Actor(), year=year)
    services.intent_confirm(actor=Actor(user=zak.candidate), placement=Placement.objects.get(application=zak))
    return year, school


def as_text(value: object) -> str:
    """A cell as the CSV writes it: fractions with a decimal comma, as a Polish spreadsheet reads them."""
    if value is None:
        return ""
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


def test_the_csv_file_holds_exactly_the_worked_out_figures(matched, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(UserFactory(role=Role.METROPOLIS_STAFF))
    response = client.get("/rekrutacja/metropolia/statystyki.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="rekrutacja-2030.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    expected = [[as_text(c) for c in row] for row in [*CLASSES, [], *SUMMARY]]
    assert rows == expected


def test_the_xlsx_file_holds_the_same_figures_in_two_sheets(matched, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(UserFactory(role=Role.METROPOLIS_STAFF))
    response = client.get("/rekrutacja/metropolia/statystyki.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["oddzialy", "podsumowanie"]
    assert [list(r) for r in workbook["oddzialy"].iter_rows(values_only=True)] == CLASSES
    assert [list(r) for r in workbook["podsumowanie"].iter_rows(values_only=True)] == SUMMARY


def test_only_the_authority_downloads_the_statistics(matched, client_for, client) -> None:  # type: ignore[no-untyped-def]
    _year, school = matched
    director = client_for(director_of(school))
    for kind in ("csv", "xlsx"):
        assert director.get(f"/rekrutacja/metropolia/statystyki.{kind}").status_code == 403
    assert client.get("/rekrutacja/metropolia/statystyki.csv").status_code == 302  # to the login
    assert (
        client_for(UserFactory(role=Role.METROPOLIS_STAFF))
        .get("/rekrutacja/metropolia/statystyki.pdf")
        .status_code
        == 404
    )
