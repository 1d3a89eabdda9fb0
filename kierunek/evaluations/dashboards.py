"""What evaluations shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`): the
provider's ratings, the participant's open outcome surveys, and the officer's comments to moderate
and quality overview."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from .selectors.comments import comments_pending_count
from .selectors.outcome import invitations_open


def _participant(request: HttpRequest) -> dict[str, Any] | None:
    invitations = list(invitations_open(user=request_user(request), today=timezone.localdate()))
    return {"invitations": invitations} if invitations else None


def _officer(request: HttpRequest) -> dict[str, Any]:
    return {"pending": comments_pending_count()}


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="evaluations.provider_ratings_link",
            role="provider_staff",
            template="evaluations/_dashboard_provider.html",
            order=40,
            area="work",
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="evaluations.participant_outcome_survey",
            role="participant",
            template="evaluations/_dashboard_participant.html",
            context=_participant,
            order=60,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="evaluations.officer_quality",
            role="officer",
            template="evaluations/_dashboard_officer.html",
            context=_officer,
            order=60,
            area="work",
        )
    )
