"""Reports of certifying institutions (issue 16, §6; the Act on the ZSK): the quarterly report of
one institution (certificates issued, validations completed passed or failed, the average fee of
those validations and how many were free), per qualification; and the office's pass rates per
qualification and outcome set from the commissions' results. Pure reads of the database; the pages,
the CSV and the XLSX files all render what these functions return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from kierunek.core.money import Money
from kierunek.qualifications.models import Certificate, CertifyingInstitution, OutcomeSet, Qualification

from . import domain
from .models import SetResult, Validation

COMPLETED = (domain.PASSED, domain.FAILED, domain.APPEALED)


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1..4

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1) - timedelta(days=1)

    def label(self) -> str:
        return _("quarter %(number)s of %(year)s") % {"number": self.number, "year": self.year}

    @classmethod
    def last_finished(cls, today: date) -> Quarter:
        current = (today.month - 1) // 3 + 1
        return cls(today.year - 1, 4) if current == 1 else cls(today.year, current - 1)


@dataclass
class QualificationLine:
    code: str
    name: str
    certificates: int = 0
    passed: int = 0
    failed: int = 0


@dataclass
class QuarterlyReport:
    institution: CertifyingInstitution
    quarter: Quarter
    lines: list[QualificationLine] = field(default_factory=list)
    certificates: int = 0
    passed: int = 0
    failed: int = 0
    average_fee: int | None = None  # grosze, rounded half up; None when no validation was completed
    free: int = 0

    @property
    def completed(self) -> int:
        return self.passed + self.failed


def _average(total: int, count: int) -> int | None:
    return (2 * total + count) // (2 * count) if count else None


def quarterly_report(*, institution: CertifyingInstitution, quarter: Quarter) -> QuarterlyReport:
    """The institution's report for the quarter: certificates by their day of issue, validations by
    the day their result was decided (passed, or not passed whether appealed or not)."""
    lines: dict[int, QualificationLine] = {}

    def line(qualification: Qualification) -> QualificationLine:
        if qualification.pk not in lines:
            lines[qualification.pk] = QualificationLine(qualification.code, qualification.name)
        return lines[qualification.pk]

    report = QuarterlyReport(institution=institution, quarter=quarter)
    certificates = Certificate.objects.filter(
        institution=institution, issued_on__range=(quarter.first_day, quarter.last_day)
    ).select_related("qualification")
    for certificate in certificates:
        line(certificate.qualification).certificates += 1
        report.certificates += 1
    validations = Validation.objects.filter(
        institution=institution,
        status__in=COMPLETED,
        result_on__range=(quarter.first_day, quarter.last_day),
    ).select_related("qualification")
    fees: list[int] = []
    for validation in validations:
        target = line(validation.qualification)
        if validation.status == domain.PASSED:
            target.passed += 1
            report.passed += 1
        else:
            target.failed += 1
            report.failed += 1
        fees.append(validation.fee)
    report.average_fee = _average(sum(fees), len(fees))
    report.free = sum(1 for fee in fees if fee == 0)
    report.lines = sorted(lines.values(), key=lambda item: item.code)
    return report


def quarterly_reports(*, quarter: Quarter) -> list[QuarterlyReport]:
    """Every institution's report for the quarter, for the office."""
    return [
        quarterly_report(institution=institution, quarter=quarter)
        for institution in CertifyingInstitution.objects.order_by("name", "pk")
    ]


@dataclass
class PassRate:
    qualification_code: str
    qualification_name: str
    set_code: str
    set_name: str
    results: int
    passed: int

    @property
    def percent(self) -> int:
        """The share of results passed in whole per cent, rounded half up."""
        return (200 * self.passed + self.results) // (2 * self.results) if self.results else 0


def pass_rates(*, year: int | None = None) -> list[PassRate]:
    """Per qualification and outcome set, how many set results the commissions recorded (in the
    year, or ever) and how many of them were passed."""
    results = SetResult.objects.all()
    if year is not None:
        results = results.filter(recorded_at__year=year)
    counts = results.values("outcome_set").annotate(
        total=Count("pk"), passed=Count("pk", filter=Q(passed=True))
    )
    by_set = {row["outcome_set"]: row for row in counts}
    sets = OutcomeSet.objects.filter(pk__in=by_set).select_related("qualification")
    rows = [
        PassRate(
            qualification_code=s.qualification.code,
            qualification_name=s.qualification.name,
            set_code=s.code,
            set_name=s.name,
            results=by_set[s.pk]["total"],
            passed=by_set[s.pk]["passed"],
        )
        for s in sets
    ]
    return sorted(rows, key=lambda row: (row.qualification_code, row.set_code))


# --- Files: the same figures as rows, with a header. ---


def _money(grosze: int | None) -> str:
    return "" if grosze is None else Money(grosze).format()


def report_rows(report: QuarterlyReport) -> list[list[object]]:
    header: list[object] = [
        _("Qualification code"),
        _("Qualification"),
        _("Certificates issued"),
        _("Validations passed"),
        _("Validations not passed"),
    ]
    rows: list[list[object]] = [header]
    for item in report.lines:
        rows.append([item.code, item.name, item.certificates, item.passed, item.failed])
    rows.append(["", _("Total"), report.certificates, report.passed, report.failed])
    rows.append([])
    rows.append([_("Average fee of the validations completed"), _money(report.average_fee)])
    rows.append([_("Free validations"), report.free])
    return rows


def pass_rate_rows(rates: list[PassRate]) -> list[list[object]]:
    rows: list[list[object]] = [
        [
            _("Qualification code"),
            _("Qualification"),
            _("Outcome set"),
            _("Set results"),
            _("Set results passed"),
            _("Passed (%)"),
        ]
    ]
    for rate in rates:
        rows.append(
            [
                rate.qualification_code,
                rate.qualification_name,
                f"{rate.set_code}. {rate.set_name}",
                rate.results,
                rate.passed,
                rate.percent,
            ]
        )
    return rows
