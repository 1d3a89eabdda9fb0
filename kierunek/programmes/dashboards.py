"""What programmes shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`)."""

from typing import Any

from django.http import HttpRequest

from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from . import selectors


def _participant_application(request: HttpRequest) -> dict[str, Any]:
    programme = selectors.programme_current()
    user = request_user(request)
    application = selectors.current_application(user=user, programme=programme) if programme else None
    return {"programme": programme, "application": application}


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="programmes.participant_application",
            role="participant",
            template="programmes/_dashboard_participant.html",
            context=_participant_application,
            order=20,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="programmes.officer_applications",
            role="officer",
            template="programmes/_dashboard_officer.html",
            context=lambda request: {"to_review": selectors.review_queue_count()},
            order=40,
            area="work",
        )
    )
