"""What the catalogue shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`): the
provider's link to their services, the participant's saved searches."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest

from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from .saved_searches import saved_searches_of


def _participant_saved(request: HttpRequest) -> dict[str, Any]:
    counts = saved_searches_of(user=request_user(request)).aggregate(
        total=Count("pk"), active=Count("pk", filter=Q(active=True))
    )
    return {"total": counts["total"], "active": counts["active"]}


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="catalogue.provider_cards_link",
            role="provider_staff",
            template="catalogue/_dashboard_provider.html",
            order=20,
            area="work",
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="catalogue.participant_saved_searches",
            role="participant",
            template="catalogue/_dashboard_participant_saved.html",
            context=_participant_saved,
            order=65,
        )
    )
