"""What events shows on the dashboards (:mod:`kierunek.core.dashboards`): a person's coming
events and open offers; an organiser's coming events with registrations waiting for approval."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from . import domain
from .models import Registration
from .selectors import events_organised


def _attendee(request: HttpRequest) -> dict[str, Any] | None:
    user = request_user(request)
    coming = list(
        Registration.objects.filter(person=user, status__in=domain.ACTIVE, event__ends_at__gte=timezone.now())
        .select_related("event")
        .order_by("event__starts_at")[:5]
    )
    return {"coming": coming}


def _organiser(request: HttpRequest) -> dict[str, Any] | None:
    user = request_user(request)
    coming = list(events_organised(user=user).filter(ends_at__gte=timezone.now()).order_by("starts_at")[:5])
    pending = Registration.objects.filter(event__organiser=user, status=domain.PENDING).count()
    return {"organised": coming, "pending": pending, **(_attendee(request) or {})}


def dashboard_blocks_register() -> None:
    for block in (
        DashboardBlock(
            key="events.participant_events",
            role="participant",
            template="events/_dashboard_attendee.html",
            context=_attendee,
            order=70,
        ),
        DashboardBlock(
            key="events.officer_events",
            role="officer",
            template="events/_dashboard_officer.html",
            context=_organiser,
            order=70,
            area="work",
        ),
        DashboardBlock(
            key="events.partner_events",
            role="partner_staff",
            template="events/_dashboard_organiser.html",
            context=_organiser,
            order=20,
        ),
    ):
        dashboard_block_register(block)
