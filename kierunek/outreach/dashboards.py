"""What outreach shows on the dashboards (:mod:`kierunek.core.dashboards`): the gmina staff's
own gmina (its agreement, its figures, the way to its page), and the office's link to the gminas'
agreements, campaigns and reach."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.accounts.models import Role
from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from . import domain, reach, selectors
from .models import Campaign, GminaAgreement


def _gmina_staff(request: HttpRequest) -> dict[str, Any] | None:
    gmina = selectors.gmina_for(request_user(request))
    if gmina is None:
        return None
    return {
        "gmina": gmina,
        "agreement": selectors.agreement_current(gmina),
        "row": reach.reach_table().row_of(gmina),
        "campaigns": Campaign.objects.filter(gmina=gmina, closed_on__isnull=True).count(),
    }


def _office(request: HttpRequest) -> dict[str, Any] | None:
    return {
        "active": GminaAgreement.objects.filter(status=domain.ACTIVE).count(),
        "drafts": GminaAgreement.objects.filter(status=domain.DRAFT).count(),
    }


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="outreach.gmina_staff",
            role=Role.GMINA_STAFF,
            template="outreach/_dashboard_gmina.html",
            context=_gmina_staff,
            order=10,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="outreach.office",
            role=Role.OFFICER,
            template="outreach/_dashboard_office.html",
            context=_office,
            order=72,
            area="work",
        )
    )
