"""What complaints shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`): the
officer's complaints waiting and overdue, the provider's complaints to answer, the participant's
own complaints."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register
from kierunek.providers.selectors import provider_for_member

from . import domain, selectors


def _officer(request: HttpRequest) -> dict[str, Any]:
    return {"waiting": selectors.officer_waiting_count(), "overdue": selectors.overdue_count()}


def _provider(request: HttpRequest) -> dict[str, Any] | None:
    provider = provider_for_member(user=request_user(request))
    if provider is None:
        return None
    return {"to_answer": selectors.provider_to_answer_count(provider=provider)}


def _participant(request: HttpRequest) -> dict[str, Any] | None:
    complaints = selectors.complaints_of_participant(user=request_user(request))
    total = complaints.count()
    if not total:
        return None
    return {"total": total, "open": complaints.filter(status__in=domain.OPEN).count()}


def dashboard_blocks_register() -> None:
    for block in (
        DashboardBlock(
            key="complaints.officer_work",
            role="officer",
            template="complaints/_dashboard_officer.html",
            context=_officer,
            order=55,
            area="work",
        ),
        DashboardBlock(
            key="complaints.provider_work",
            role="provider_staff",
            template="complaints/_dashboard_provider.html",
            context=_provider,
            order=45,
            area="work",
        ),
        DashboardBlock(
            key="complaints.participant_complaints",
            role="participant",
            template="complaints/_dashboard_participant.html",
            context=_participant,
            order=60,
        ),
    ):
        dashboard_block_register(block)
