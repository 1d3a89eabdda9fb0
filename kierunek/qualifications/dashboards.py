"""What the register shows on the officer's dashboard, the participant's certificates of
qualifications on theirs (the registry: :mod:`kierunek.core.dashboards`):
the register's size and the way to edit and import it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from . import selectors
from .models import Qualification


def _officer(request: HttpRequest) -> dict[str, Any]:
    return {"qualifications": Qualification.objects.count()}


def _holder(request: HttpRequest) -> dict[str, Any] | None:
    """The participant's certificates of qualifications; no block for one who has none."""
    certificates = selectors.certificates_of_holder(user=request.user)  # type: ignore[arg-type]
    return {"certificates": certificates} if certificates else None


def _staff(request: HttpRequest) -> dict[str, Any]:
    return {"institutions": selectors.institutions_of_staff(user=request.user)}  # type: ignore[arg-type]


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="qualifications.participant_certificates",
            role="participant",
            template="qualifications/_dashboard_participant.html",
            context=_holder,
            order=66,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="qualifications.certification_staff_institutions",
            role="certification_staff",
            template="qualifications/_dashboard_certification_staff.html",
            context=_staff,
            order=10,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="qualifications.officer_register",
            role="officer",
            template="qualifications/_dashboard_officer.html",
            context=_officer,
            order=70,
            area="work",
        )
    )
