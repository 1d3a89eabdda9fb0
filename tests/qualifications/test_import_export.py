"""The register's import: all or nothing with the problems by row and column, a code already in the
register changed with its history; the export reads back to the same register."""

import csv
import io
import json

import pytest
from django.core.exceptions import PermissionDenied

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.qualifications import importexport
from kierunek.qualifications.demo import demo_rows
from kierunek.qualifications.models import LearningOutcome, OutcomeSet, Qualification, QualificationChange
from kierunek.qualifications.services import outcome_sets_data
from tests.accounts.factories import StaffUserFactory

from .factories import qualification

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return Actor.of(StaffUserFactory(role=Role.OFFICER))


def _rows(count=2):
    return [dict(row) for row in demo_rows()[:count]]


def _json(rows):
    return json.dumps(rows, ensure_ascii=False).encode()


def _counts():
    return (Qualification.objects.count(), OutcomeSet.objects.count(), LearningOutcome.objects.count())


def test_a_valid_file_enters_every_row_with_its_outcomes(officer):
    result = importexport.qualifications_import(actor=officer, content=_json(_rows()), filename="r.json")
    assert [q.code for q in result.created] == ["DEMO-01", "DEMO-02"]
    training = Qualification.objects.get(code="DEMO-01")
    assert outcome_sets_data(training) == demo_rows()[0]["outcome_sets"]
    assert training.changes.get().how == QualificationChange.How.IMPORTED


def test_a_file_with_problems_writes_nothing_and_names_row_and_column(officer):
    rows = _rows(4)
    rows[1]["prk_level"] = "9"
    rows[2]["outcome_sets"] = "nie JSON"
    rows[3]["code"] = rows[0]["code"]
    with pytest.raises(importexport.ImportRefused) as refused:
        importexport.qualifications_import(actor=officer, content=_json(rows), filename="r.json")
    problems = {(error.row, error.column) for error in refused.value.errors}
    assert {(2, "prk_level"), (3, "outcome_sets"), (4, "code")} <= problems
    assert 1 not in {error.row for error in refused.value.errors}
    assert _counts() == (0, 0, 0)


def test_an_unknown_column_and_a_missing_one_are_reported(officer):
    rows = _rows(1)
    rows[0]["colour"] = "red"
    del rows[0]["quality_body"]
    with pytest.raises(importexport.ImportRefused) as refused:
        importexport.qualifications_import(actor=officer, content=_json(rows), filename="r.json")
    assert {(1, "colour"), (1, "quality_body")} <= {(e.row, e.column) for e in refused.value.errors}


def test_a_code_in_the_register_is_changed_with_its_history(officer):
    qualification(code="DEMO-01", name="Stara nazwa")
    result = importexport.qualifications_import(actor=officer, content=_json(_rows(1)), filename="r.json")
    assert [q.code for q in result.changed] == ["DEMO-01"]
    assert not result.created
    change = (
        Qualification.objects.get(code="DEMO-01").changes.filter(how=QualificationChange.How.IMPORTED).get()
    )
    assert change.changes["name"] == ["Stara nazwa", "Prowadzenie szkoleń"]
    assert change.changed_by == officer.user


def test_only_officers_import():
    with pytest.raises(PermissionDenied):
        importexport.qualifications_import(
            actor=Actor.of(StaffUserFactory(role=Role.PROVIDER_STAFF)),
            content=_json(_rows()),
            filename="r.json",
        )
    assert _counts() == (0, 0, 0)


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_the_export_imports_back_to_the_same_register(officer, file_format):
    rows = _rows(5)
    rows[0]["description"] = '=HYPERLINK("x") i „cudzysłowy”; średnik'
    importexport.qualifications_import(actor=officer, content=_json(rows), filename="r.json")
    before = json.loads(importexport.export_json())
    exported = importexport.export_csv() if file_format == "csv" else importexport.export_json()
    Qualification.objects.all().delete()
    importexport.qualifications_import(actor=officer, content=exported.encode(), filename=f"e.{file_format}")
    assert json.loads(importexport.export_json()) == before


def test_the_csv_export_keeps_a_spreadsheet_from_running_formulas(officer):
    rows = _rows(1)
    rows[0]["name"] = "=SUM(A1)"
    importexport.qualifications_import(actor=officer, content=_json(rows), filename="r.json")
    text = importexport.export_csv().lstrip("\ufeff")
    record = next(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert record["name"] == "'=SUM(A1)"
