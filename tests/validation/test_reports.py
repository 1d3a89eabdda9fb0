"""The reports of certifying institutions: the quarterly figures (certificates by their day of
issue, validations by the day of their result, the average fee and the free validations) on a
small data set, the CSV and XLSX files read back, the office's pass rates per outcome set, and
who may read which report."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from kierunek.core.actor import Actor
from kierunek.qualifications.certification import certificate_issue
from kierunek.validation import reports, services
from kierunek.validation.models import Validation, ValidationStatus
from tests.accounts.factories import StaffUserFactory

from . import builders as b

pytestmark = pytest.mark.django_db

Q3 = reports.Quarter(2026, 3)


def _completed(ic, *, fee: int, result_on: date, passed: bool = True) -> Validation:
    validation = b.in_verification(ic, fee=fee)
    b.record(ic, b.seated(ic, validation), passed=None if passed else {1: False})
    Validation.objects.filter(pk=validation.pk).update(result_on=result_on)
    validation.refresh_from_db()
    return validation


@pytest.fixture
def data():
    """In the third quarter of 2026: a free validation passed, a paid one (1 500 zł) not passed and
    one certificate; outside it: a validation passed on 1 October, a certificate of 30 June, and
    another institution's validation."""
    ic = b.institution()
    other = b.institution(code="TEST-02", name="Inny Instytut")
    free = _completed(ic, fee=0, result_on=date(2026, 7, 1))
    paid = _completed(ic, fee=150000, result_on=date(2026, 9, 30), passed=False)
    _completed(ic, fee=50000, result_on=date(2026, 10, 1))
    _completed(other, fee=99900, result_on=date(2026, 8, 1))
    for day in (date(2026, 8, 14), date(2026, 6, 30)):
        certificate_issue(
            actor=Actor.of(ic.signer),
            institution=ic.institution,
            holder=free.candidate,
            qualification=ic.qualification,
            issued_on=day,
        )
    return ic, other, free, paid


def test_the_quarter_of_a_day_and_the_last_finished_quarter():
    assert (Q3.first_day, Q3.last_day) == (date(2026, 7, 1), date(2026, 9, 30))
    assert reports.Quarter(2026, 1).last_day == date(2026, 3, 31)
    assert reports.Quarter.last_finished(date(2026, 12, 6)) == Q3
    assert reports.Quarter.last_finished(date(2026, 2, 1)) == reports.Quarter(2025, 4)


def test_the_quarterly_report_counts_the_quarter_only(data):
    ic, other, free, paid = data
    assert (free.status, paid.status) == (ValidationStatus.PASSED, ValidationStatus.FAILED)
    report = reports.quarterly_report(institution=ic.institution, quarter=Q3)
    assert (report.certificates, report.passed, report.failed, report.completed) == (1, 1, 1, 2)
    assert report.average_fee == 75000
    assert report.free == 1
    [line] = report.lines
    assert (line.code, line.certificates, line.passed, line.failed) == ("TEST-01", 1, 1, 1)
    theirs = reports.quarterly_report(institution=other.institution, quarter=Q3)
    assert (theirs.certificates, theirs.passed, theirs.average_fee, theirs.free) == (0, 1, 99900, 0)
    empty = reports.quarterly_report(institution=ic.institution, quarter=reports.Quarter(2026, 1))
    assert (empty.certificates, empty.completed, empty.average_fee, empty.free, empty.lines) == (
        0,
        0,
        None,
        0,
        [],
    )


def test_pass_rates_per_outcome_set(data):
    ic, _other, _free, _paid = data
    rates = {(r.qualification_code, r.set_code): r for r in reports.pass_rates(year=None)}
    first, second = (rates[("TEST-01", s.code)] for s in ic.qualification.outcome_sets.order_by("position"))
    assert (first.results, first.passed, first.percent) == (3, 3, 100)
    assert (second.results, second.passed, second.percent) == (3, 2, 67)
    assert len(rates) == 4
    assert reports.pass_rates(year=2001) == []


def test_staff_read_their_report_page_and_files(data, client_for):
    ic, _other, _free, _paid = data
    client = client_for(ic.advisor)
    query = f"?instytucja={ic.institution.pk}&rok=2026&kwartal=3"
    page = client.get(reverse("validation:report") + query).content.decode()
    assert "750,00\u00a0zł" in page
    assert 'id="report-free">1<' in page

    response = client.get(reverse("validation:report_csv") + query)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][:5] == ["TEST-01", ic.qualification.name, "1", "1", "1"]
    assert rows[-2][1] == "750,00 zł"
    assert rows[-1][1] == "1"

    response = client.get(reverse("validation:report_xlsx") + query)
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[1][:5] == ["TEST-01", ic.qualification.name, 1, 1, 1]
    assert values[-2][:2] == [values[-2][0], "750,00 zł"]
    assert values[-1][1] == 1


def test_the_report_defaults_to_the_last_finished_quarter(data, client_for):
    ic, _other, _free, _paid = data
    page = client_for(ic.signer).get(reverse("validation:report")).content.decode()
    assert ic.institution.name in page
    last = reports.Quarter.last_finished(date.today())
    assert f'value="{last.year}"' in page


def test_staff_cannot_read_another_institutions_report(data, client_for):
    ic, other, _free, _paid = data
    client = client_for(other.signer)
    for name in ("validation:report", "validation:report_csv", "validation:report_xlsx"):
        url = reverse(name) + f"?instytucja={ic.institution.pk}&rok=2026&kwartal=3"
        assert client.get(url).status_code == 404
    assert client.get(reverse("validation:office_reports")).status_code == 403
    assert client.get(reverse("validation:office_pass_rates")).status_code == 403
    unattached = client_for(b.staff(other.institution))  # certification staff with no function
    assert unattached.get(reverse("validation:report")).status_code == 404
    participant = client_for(b.candidate())
    assert participant.get(reverse("validation:report")).status_code == 403


def test_officers_read_every_report_and_the_pass_rates(data, client_for):
    ic, other, _free, _paid = data
    officer = client_for(StaffUserFactory(role="officer"))
    page = officer.get(reverse("validation:office_reports") + "?rok=2026&kwartal=3").content.decode()
    assert ic.institution.name in page
    assert other.institution.name in page
    assert "999,00\u00a0zł" in page
    url = reverse("validation:report") + f"?instytucja={other.institution.pk}&rok=2026&kwartal=3"
    assert officer.get(url).status_code == 200
    assert "67%" in officer.get(reverse("validation:office_pass_rates")).content.decode()
    response = officer.get(reverse("validation:office_pass_rates_csv") + "?rok=2026")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 5
    assert ["3", "2", "67"] in [row[3:] for row in rows]
    dashboard = officer.get(reverse("portal:dashboard"), follow=True).content.decode()
    assert reverse("validation:office_reports") in dashboard


def test_the_fee_is_set_on_acceptance_and_cannot_be_negative():
    ic = b.institution()
    validation = b.applied(ic)
    with pytest.raises(ValidationError):
        services.validation_accept(
            actor=Actor.of(ic.signer), validation_id=validation.pk, advisor_id=ic.advisor.pk, fee=-1
        )
    validation.refresh_from_db()
    assert validation.status == ValidationStatus.APPLIED
