"""What guidance shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`)."""

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from . import selectors


def _participant(request: HttpRequest) -> dict[str, Any]:
    user = request_user(request)
    balance = selectors.own_balance(participant=user)
    return {
        "appointment": selectors.future_appointment(participant=user),
        "balance": balance,
        "plan": balance.plan if balance else None,
    }


def _advisor(request: HttpRequest) -> dict[str, Any]:
    advisor = request_user(request)
    now = timezone.now()
    upcoming = [
        slot
        for slot in selectors.advisor_calendar(advisor=advisor, start=now, end=now + timedelta(days=7))
        if slot.withdrawn_at is None and getattr(slot, "booked", None)
    ]
    return {"upcoming": upcoming[:10], "rows": selectors.advisor_participants(advisor=advisor, now=now)}


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="guidance.participant",
            role="participant",
            template="guidance/participant/_dashboard.html",
            context=_participant,
            order=30,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="guidance.advisor",
            role="advisor",
            template="guidance/advisor/_dashboard.html",
            context=_advisor,
        )
    )
