"""The reports on the dashboards of the office, the financial operator, the partners and the
gminas (the registry: :mod:`kierunek.core.dashboards`): this year's headline figures and the way
to the reports and the open data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from .domain import period_parse
from .presentation import value_text
from .selectors import indicator_find, indicator_table

HEADLINES = {
    "officer": ("programmes.applied", "guidance.plans_signed", "vouchers.issued"),
    "financial_operator": ("vouchers.settled", "vouchers.paid", "vouchers.days_to_payment"),
    "partner_staff": ("programmes.applied", "vouchers.used"),
    "gmina_staff": ("programmes.applied", "vouchers.used"),
    "administrator": ("programmes.applied", "vouchers.issued"),
}


def _headlines(request: HttpRequest, role: str) -> dict[str, Any]:
    period = period_parse(str(timezone.localdate().year))
    assert period is not None
    figures = []
    for key in HEADLINES[role]:
        indicator = indicator_find(key)
        if indicator is None:
            continue
        table = indicator_table(indicator, period, None)
        figures.append((indicator, value_text(table.total, indicator.unit, hidden=table.total_hidden)))
    return {"figures": figures, "period": period}


def _context(role: str) -> Callable[[HttpRequest], dict[str, Any]]:
    return lambda request: _headlines(request, role)


def dashboard_blocks_register() -> None:
    for role in HEADLINES:
        dashboard_block_register(
            DashboardBlock(
                key=f"reports.{role}_headlines",
                role=role,
                template="reports/_dashboard.html",
                context=_context(role),
                order=95,
                area="main",
            )
        )
