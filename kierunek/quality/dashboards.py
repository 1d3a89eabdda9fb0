"""What the quality mark shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`)."""

from typing import Any

from django.http import HttpRequest

from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from .selectors import auditor_work, officer_cases_waiting_count


def _auditor(request: HttpRequest) -> dict[str, Any]:
    return {"work": auditor_work(user=request_user(request))}


def dashboard_blocks_register() -> None:
    for block in (
        DashboardBlock(
            key="quality.officer_cases",
            role="officer",
            template="quality/_dashboard_officer.html",
            context=lambda request: {"cases": officer_cases_waiting_count()},
            order=30,
            area="work",
        ),
        DashboardBlock(
            key="quality.provider_link",
            role="provider_staff",
            template="quality/_dashboard_provider.html",
            order=60,
            area="work",
        ),
        DashboardBlock(
            key="quality.auditor",
            role="auditor",
            template="quality/_dashboard_auditor.html",
            context=_auditor,
        ),
    ):
        dashboard_block_register(block)
