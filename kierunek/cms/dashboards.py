"""What the portal's CMS shows on the dashboards (:mod:`kierunek.core.dashboards`): the office's
open accessibility reports (and those past their date) and the way into the CMS for every editor."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from . import domain
from .models import AccessibilityReport


def _office(request: HttpRequest) -> dict[str, Any] | None:
    open_reports = AccessibilityReport.objects.filter(status__in=list(domain.OPEN))
    return {
        "open_reports": open_reports.count(),
        "overdue_reports": open_reports.filter(due_on__lt=timezone.localdate()).count(),
    }


def _editor(request: HttpRequest) -> dict[str, Any] | None:
    return {}


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="cms.office",
            role=Role.OFFICER,
            template="cms/_dashboard_office.html",
            context=_office,
            order=76,
            area="work",
        )
    )
    for role in (Role.PARTNER_STAFF, Role.METROPOLIS_STAFF, Role.ADMINISTRATOR):
        dashboard_block_register(
            DashboardBlock(
                key=f"cms.editor_{role}",
                role=role,
                template="cms/_dashboard_editor.html",
                context=_editor,
                order=95,
                area="work",
            )
        )
