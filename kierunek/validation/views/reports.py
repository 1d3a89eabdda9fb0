"""Reports of certifying institutions (issue 16, §6): the quarterly report of an institution for
its staff (their own institution only; another's is 404) and for officers (any), as a page, CSV and
XLSX; the office's list of every institution's report for a quarter; the office's pass rates per
qualification and outcome set. The figures are :mod:`kierunek.validation.reports`'."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from kierunek.accounts.models import Role
from kierunek.core.actor import request_user
from kierunek.core.collation import polish_sorted
from kierunek.core.exports import csv_bytes, xlsx_bytes
from kierunek.core.permissions import role_required
from kierunek.qualifications.models import CertifyingInstitution

from .. import reports, selectors
from ..forms import QuarterForm, YearForm

STAFF = Role.CERTIFICATION_STAFF
OFFICER = Role.OFFICER
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _quarter(request: HttpRequest) -> tuple[QuarterForm, reports.Quarter]:
    default = reports.Quarter.last_finished(timezone.localdate())
    if "rok" in request.GET or "kwartal" in request.GET:
        form = QuarterForm(request.GET)
        if form.is_valid():
            return form, reports.Quarter(form.cleaned_data["rok"], form.cleaned_data["kwartal"])
        return form, default
    return QuarterForm(initial={"rok": default.year, "kwartal": default.number}), default


def _institutions(request: HttpRequest) -> list[CertifyingInstitution]:
    """The institutions whose report the person may read: an officer every one, staff their own."""
    found = CertifyingInstitution.objects.all()
    if request_user(request).role != OFFICER:
        found = found.filter(pk__in=selectors.staff_institution_ids(user=request_user(request)))
    return polish_sorted(found, key=lambda i: i.name)


def _institution(request: HttpRequest, allowed: list[CertifyingInstitution]) -> CertifyingInstitution:
    wanted = request.GET.get("instytucja", "")
    if not wanted:
        if not allowed:
            raise Http404
        return allowed[0]
    chosen = next((i for i in allowed if str(i.pk) == wanted), None)
    if chosen is None:
        raise Http404
    return chosen


def _report(request: HttpRequest) -> tuple[dict[str, Any], reports.QuarterlyReport]:
    allowed = _institutions(request)
    institution = _institution(request, allowed)
    form, quarter = _quarter(request)
    report = reports.quarterly_report(institution=institution, quarter=quarter)
    return {"form": form, "report": report, "institutions": allowed, "institution": institution}, report


@never_cache
@role_required(STAFF, OFFICER)
def quarterly(request: HttpRequest) -> HttpResponse:
    context, report = _report(request)
    query = f"instytucja={report.institution.pk}&rok={report.quarter.year}&kwartal={report.quarter.number}"
    return render(request, "validation/report_quarterly.html", {**context, "query": query})


def _filename(report: reports.QuarterlyReport, extension: str) -> str:
    return f"raport-ic-{report.institution.pk}-{report.quarter.year}-k{report.quarter.number}.{extension}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@role_required(STAFF, OFFICER)
def quarterly_csv(request: HttpRequest) -> HttpResponse:
    _context, report = _report(request)
    content = csv_bytes(reports.report_rows(report))
    return _download(content, "text/csv; charset=utf-8", _filename(report, "csv"))


@never_cache
@role_required(STAFF, OFFICER)
def quarterly_xlsx(request: HttpRequest) -> HttpResponse:
    _context, report = _report(request)
    content = xlsx_bytes(reports.report_rows(report), title=report.quarter.label())
    return _download(content, XLSX, _filename(report, "xlsx"))


@never_cache
@role_required(OFFICER)
def office_quarterly(request: HttpRequest) -> HttpResponse:
    form, quarter = _quarter(request)
    found = polish_sorted(reports.quarterly_reports(quarter=quarter), key=lambda r: r.institution.name)
    return render(
        request, "validation/report_office.html", {"form": form, "quarter": quarter, "reports": found}
    )


def _year(request: HttpRequest) -> tuple[YearForm, int | None]:
    form = YearForm(request.GET or None)
    if request.GET and form.is_valid():
        return form, form.cleaned_data["rok"]
    return form, None


@never_cache
@role_required(OFFICER)
def pass_rates(request: HttpRequest) -> HttpResponse:
    form, year = _year(request)
    rates = reports.pass_rates(year=year)
    query = f"rok={year}" if year else ""
    return render(
        request,
        "validation/report_pass_rates.html",
        {"form": form, "year": year, "rates": rates, "query": query},
    )


@never_cache
@role_required(OFFICER)
def pass_rates_csv(request: HttpRequest) -> HttpResponse:
    _form, year = _year(request)
    content = csv_bytes(reports.pass_rate_rows(reports.pass_rates(year=year)))
    name = f"zdawalnosc-{year or 'wszystkie-lata'}.csv"
    return _download(content, "text/csv; charset=utf-8", name)
