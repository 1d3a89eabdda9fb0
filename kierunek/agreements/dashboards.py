"""What agreements shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`): the
participant's agreements to accept, the provider's agreement and the officer's agreements to
countersign."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register
from kierunek.providers.selectors import provider_for_member

from . import domain, selectors


def _officer(request: HttpRequest) -> dict[str, Any]:
    return selectors.officer_work_counts()


def _provider(request: HttpRequest) -> dict[str, Any] | None:
    provider = provider_for_member(user=request_user(request))
    if provider is None:
        return None
    agreements = selectors.agreements_of_provider(provider=provider)
    return {
        "awaiting": agreements.filter(status=domain.AWAITING).count(),
        "in_force": agreements.filter(status=domain.COUNTERSIGNED).count(),
    }


def _participant(request: HttpRequest) -> dict[str, Any] | None:
    agreements = selectors.agreements_of_participant(user=request_user(request))
    total = agreements.count()
    if not total:
        return None
    return {"total": total, "awaiting": agreements.filter(status=domain.AWAITING).count()}


def dashboard_blocks_register() -> None:
    for block in (
        DashboardBlock(
            key="agreements.officer_work",
            role="officer",
            template="agreements/_dashboard_officer.html",
            context=_officer,
            order=52,
            area="work",
        ),
        DashboardBlock(
            key="agreements.provider_work",
            role="provider_staff",
            template="agreements/_dashboard_provider.html",
            context=_provider,
            order=42,
            area="work",
        ),
        DashboardBlock(
            key="agreements.participant_agreements",
            role="participant",
            template="agreements/_dashboard_participant.html",
            context=_participant,
            order=45,
        ),
    ):
        dashboard_block_register(block)
