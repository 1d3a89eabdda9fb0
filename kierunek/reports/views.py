"""The reports: one page where anyone chooses an indicator, a period and a breakdown and reads the
chart (SVG, drawn on the server), the table beside it, a sentence for screen readers and, by
powiat, the map; the same table as CSV and XLSX; the open data page and its files. Every figure is
:func:`kierunek.reports.selectors.indicator_table`'s, already protected by the disclosure rule, so
the pages are public: no person can be recognised in them."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kierunek.accounts.models import STAFF_ROLES
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.exports import CSV_TYPE, XLSX_TYPE, csv_lines, xlsx_file
from kierunek.core.indicators import Breakdown
from kierunek.core.pages import submit
from kierunek.core.permissions import role_required

from . import presentation
from .domain import period_choices, period_last_closed, period_parse
from .forms import BREAKDOWN_LABELS, ReportForm, SubscriptionForm
from .models import OpenDataFile, ReportSubscription
from .pack import pack_pdf
from .selectors import Table, indicator_find, indicator_table, public_indicators, threshold
from .services import subscription_set


def _table(request: HttpRequest) -> tuple[ReportForm, Table | None, str]:
    """The table the query asks for (the first indicator, this year, no breakdown by default) and
    a note when the breakdown asked for is not the indicator's."""
    indicators = public_indicators()
    if not indicators:
        return ReportForm(), None, ""
    today = timezone.localdate()
    data = {
        "wskaznik": request.GET.get("wskaznik") or indicators[0].key,
        "okres": request.GET.get("okres") or str(today.year),
        "podzial": request.GET.get("podzial", ""),
    }
    form = ReportForm(data)
    if not form.is_valid():
        return form, None, ""
    indicator = indicator_find(form.cleaned_data["wskaznik"])
    period = period_parse(form.cleaned_data["okres"])
    if indicator is None or period is None:
        return form, None, ""
    breakdown = Breakdown(form.cleaned_data["podzial"]) if form.cleaned_data["podzial"] else None
    note = ""
    if breakdown is not None and breakdown not in indicator.breakdowns:
        note = _("This indicator cannot be broken down by %(breakdown)s; its total is shown.") % {
            "breakdown": BREAKDOWN_LABELS[breakdown]
        }
        breakdown = None
    return form, indicator_table(indicator, period, breakdown), note


def table_context(table: Table, *, query: str, prefix: str = "") -> dict[str, Any]:
    """What ``reports/_report.html`` shows of a table: the chart, its summary, the map by powiat,
    the table and the links to its files; ``prefix`` keeps the ids of several on one page apart."""
    return {
        "table": table,
        "chart": presentation.chart(table),
        "chart_box": (presentation.CHART_WIDTH + 330, 28 * len(table.rows) + 8),
        "summary": presentation.summary(table),
        "map": presentation.powiat_map(table),
        "total_text": presentation.value_text(table.total, table.indicator.unit, hidden=table.total_hidden),
        "unit": presentation.unit_label(table.indicator.unit),
        "query": query,
        "breakdowns": [(b, BREAKDOWN_LABELS[b]) for b in table.indicator.breakdowns],
        "prefix": prefix,
    }


def report(request: HttpRequest) -> HttpResponse:
    form, table, note = _table(request)
    context: dict[str, Any] = {"form": form, "table": table, "note": note, "threshold": threshold()}
    if table is not None:
        context.update(table_context(table, query=request.GET.urlencode()))
    template = "reports/_report.html" if request.headers.get("HX-Request") else "reports/report.html"
    return render(request, template, context)


def _filename(table: Table, extension: str) -> str:
    breakdown = f"-{table.breakdown}" if table.breakdown else ""
    return f"{table.indicator.key.replace('.', '-')}-{table.period.key}{breakdown}.{extension}"


def report_csv(request: HttpRequest) -> StreamingHttpResponse:
    _form, table, _note = _table(request)
    if table is None:
        raise Http404
    response = StreamingHttpResponse(csv_lines(presentation.file_rows(table)), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(table, "csv")}"'
    return response


def report_xlsx(request: HttpRequest) -> FileResponse:
    _form, table, _note = _table(request)
    if table is None:
        raise Http404
    workbook = xlsx_file([(str(table.indicator.name), presentation.file_rows(table))])
    return FileResponse(
        workbook, as_attachment=True, filename=_filename(table, "xlsx"), content_type=XLSX_TYPE
    )


def open_data(request: HttpRequest) -> HttpResponse:
    files = list(OpenDataFile.objects.defer("content"))
    by_indicator: dict[str, list[OpenDataFile]] = {}
    for found in files:
        by_indicator.setdefault(found.indicator, []).append(found)
    names = {indicator.key: indicator for indicator in public_indicators()}
    groups = [(names[key], found) for key, found in by_indicator.items() if key in names]
    refreshed = max((found.generated_at for found in files), default=None)
    return render(
        request,
        "reports/open_data.html",
        {"groups": groups, "refreshed": refreshed, "periods": period_choices(timezone.localdate())[:1]},
    )


def open_data_file(request: HttpRequest, name: str) -> HttpResponse:
    found = get_object_or_404(OpenDataFile, name=name)
    response = HttpResponse(found.content.encode("utf-8"), content_type=found.media_type)
    response["Content-Disposition"] = f'inline; filename="{found.name}"'
    return response


def pack(request: HttpRequest, period_key: str) -> HttpResponse:
    """The report pack of a period as a PDF (public: its figures are the page's)."""
    period = period_parse(period_key)
    if period is None:
        raise Http404
    language = "en" if (get_language() or "pl").startswith("en") else "pl"
    response = HttpResponse(pack_pdf(period, language=language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="wskazniki-{period.key}.pdf"'
    return response


@role_required(*sorted(STAFF_ROLES))
def subscription(request: HttpRequest) -> HttpResponse:
    """A person of the office or a partner chooses to get the pack when a month or quarter closes."""
    current = ReportSubscription.objects.filter(user=request_user(request)).first()
    form = SubscriptionForm(request.POST or None, initial={"cadence": current.cadence if current else ""})
    done = submit(
        request,
        form,
        lambda data: subscription_set(actor=actor_from_request(request), cadence=data["cadence"]),
        success=_("Your choice is saved."),
        done=reverse("reports:subscription"),
    )
    if done is not None:
        return done
    last = period_last_closed(timezone.localdate(), unit="quarter")
    return render(request, "reports/subscription.html", {"form": form, "current": current, "last": last})
