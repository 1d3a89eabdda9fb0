"""What the partnership shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`):
the partner's institution with its memberships, practices returned for changes and entries to
check; the officer's good practices to review and accessions to confirm."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from . import selectors, selectors_indicators


def _partner(request: HttpRequest) -> dict[str, Any]:
    institution = selectors.institution_of_staff(user=request_user(request))
    if institution is None:
        return {"institution": None}
    return {
        "institution": institution,
        "counts": selectors.partner_counts(institution=institution),
        "to_check": selectors.entries_to_check(institution=institution),
        "returned": selectors.practices_of(institution=institution).filter(status="returned"),
        "to_answer": selectors_indicators.rounds_to_answer(institution=institution),
    }


def _officer(request: HttpRequest) -> dict[str, Any]:
    return selectors.officer_counts()


def dashboard_blocks_register() -> None:
    for block in (
        DashboardBlock(
            key="partnership.partner_institution",
            role="partner_staff",
            template="partnership/_dashboard_partner.html",
            context=_partner,
            order=10,
        ),
        DashboardBlock(
            key="partnership.officer_work",
            role="officer",
            template="partnership/_dashboard_officer.html",
            context=_officer,
            order=60,
            area="work",
        ),
    ):
        dashboard_block_register(block)
    from .dashboards_bodies import dashboard_blocks_bodies_register  # bodies and groups (decision 0020)

    dashboard_blocks_bodies_register()
