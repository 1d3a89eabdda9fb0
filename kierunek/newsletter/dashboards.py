"""What the newsletter shows on the dashboards (:mod:`kierunek.core.dashboards`): the office's
drafts, issues sending and subscribers; everybody else's own subscription, with its page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.accounts.models import Role
from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from . import domain
from .models import Issue, Subscriber
from .selectors import subscription_of


def _office(request: HttpRequest) -> dict[str, Any] | None:
    return {
        "drafts": Issue.objects.filter(status=domain.DRAFT).count(),
        "sending": Issue.objects.filter(status__in=[domain.SCHEDULED, domain.SENDING]).count(),
        "subscribers": Subscriber.objects.filter(status=domain.CONFIRMED).count(),
    }


def _own(request: HttpRequest) -> dict[str, Any] | None:
    return {"subscription": subscription_of(user=request_user(request))}


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="newsletter.office",
            role=Role.OFFICER,
            template="newsletter/_dashboard_office.html",
            context=_office,
            order=75,
            area="work",
        )
    )
    for role in (Role.PARTICIPANT, Role.PARTNER_STAFF):
        dashboard_block_register(
            DashboardBlock(
                key=f"newsletter.own_{role}",
                role=role,
                template="newsletter/_dashboard_own.html",
                context=_own,
                order=90,
            )
        )
