"""Brokerage on the dashboards: the participant's brokers and proposals waiting; the broker's
participants, proposals and registrations; the officer's link to the fraud signals."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.accounts.models import Role
from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from . import domain, selectors


def _participant(request: HttpRequest) -> dict[str, Any] | None:
    user = request_user(request)
    mandates = [m for m in selectors.mandates_of(participant=user) if m.in_force()]
    waiting = selectors.proposals_for(participant=user).filter(status=domain.PROPOSED).count()
    return {"mandates": mandates, "waiting": waiting}


def _broker(request: HttpRequest) -> dict[str, Any] | None:
    user = request_user(request)
    held = selectors.mandates_held(broker=user)
    return {
        "in_force": sum(1 for m in held if m.in_force()),
        "waiting": selectors.proposals_by(broker=user).filter(status=domain.PROPOSED).count(),
        "registrations": selectors.registrations_by(broker=user).count(),
    }


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="brokerage.participant",
            role=Role.PARTICIPANT,
            template="brokerage/_dashboard_participant.html",
            context=_participant,
            order=60,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="brokerage.broker",
            role=Role.BROKER,
            template="brokerage/_dashboard_broker.html",
            context=_broker,
            order=10,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="brokerage.officer",
            role=Role.OFFICER,
            template="brokerage/_dashboard_officer.html",
            order=85,
            area="main",
        )
    )
