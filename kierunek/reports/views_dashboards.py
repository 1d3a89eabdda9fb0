"""The dashboards of each kind of reader (:mod:`kierunek.reports.role_dashboards`): the period is
the reader's choice (HTMX swaps the figures in place; without JavaScript the form reloads the
page); each figure is a chart with its table and a sentence, as on the reports page. A dashboard
someone may not open is refused (403), an anonymous person is asked to log in; the gmina dashboard
shows a coordinator their own gmina only."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.indicators import figures_reused
from kierunek.geo.models import Gmina

from .domain import period_choices, period_parse
from .role_dashboards import (
    DASHBOARDS,
    RoleDashboard,
    dashboard_home,
    dashboards_open_to,
    gmina_lines,
    gmina_of_reader,
    items_shown,
    keys_shown,
)
from .selectors import indicator_table, threshold
from .views import table_context


def dashboard_index(request: HttpRequest) -> HttpResponse:
    """/raporty/pulpit/: the reader's own dashboard (the public one for anybody else)."""
    return redirect("reports:dashboard", slug=dashboard_home(request.user))


def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    board = DASHBOARDS.get(slug)
    if board is None:
        raise Http404
    if not board.may_open(request.user):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    with figures_reused(keys_shown(board)):  # the figures of the board's tables read their sources once
        return _dashboard(request, board)


def _dashboard(request: HttpRequest, board: RoleDashboard) -> HttpResponse:
    today = timezone.localdate()
    choices = period_choices(today)
    period = period_parse(request.GET.get("okres", "")) or choices[0]
    if period.key not in {choice.key for choice in choices}:
        period = choices[0]
    context: dict[str, Any] = {
        "board": board,
        "boards": dashboards_open_to(request.user),
        "period": period,
        "choices": choices,
        "threshold": threshold(),
    }
    if board.by_gmina:
        gmina = gmina_of_reader(request.user, request.GET.get("gmina", ""))
        context.update(
            gmina=gmina,
            lines=gmina_lines(board, gmina, period) if gmina is not None else [],
            choose_gmina=getattr(request.user, "role", None) != Role.GMINA_STAFF,
            gminas=Gmina.objects.order_by("name", "teryt")
            if getattr(request.user, "role", None) != Role.GMINA_STAFF
            else [],
        )
    else:
        items = []
        for number, (indicator, breakdown) in enumerate(items_shown(board), 1):
            table = indicator_table(indicator, period, breakdown)
            query = urlencode({"wskaznik": indicator.key, "okres": period.key, "podzial": breakdown or ""})
            items.append(table_context(table, query=query, prefix=f"item{number}-"))
        context["items"] = items
    template = (
        "reports/_role_dashboard.html" if request.headers.get("HX-Request") else "reports/role_dashboard.html"
    )
    return render(request, template, context)
