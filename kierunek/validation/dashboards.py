"""Validation on the dashboards (the registry: :mod:`kierunek.core.dashboards`): for a certifying
institution's staff, what waits for them by function; for a participant, their validations; for
an officer, the register of certifying institutions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.core.dashboards import DashboardBlock, dashboard_block_register
from kierunek.qualifications.models import CertifyingInstitution

from . import domain, selectors


def _staff(request: HttpRequest) -> dict[str, Any]:
    return {"waiting": selectors.waiting_for(user=request.user)}  # type: ignore[arg-type]


def _candidate(request: HttpRequest) -> dict[str, Any] | None:
    validations = list(selectors.validations_of_candidate(user=request.user).filter(status__in=domain.OPEN))  # type: ignore[arg-type]
    return {"validations": validations} if validations else None


def _officer(request: HttpRequest) -> dict[str, Any]:
    return {"institutions": CertifyingInstitution.objects.count()}


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="validation.officer_institutions",
            role="officer",
            template="validation/_dashboard_officer.html",
            context=_officer,
            order=71,
            area="work",
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="validation.certification_staff_waiting",
            role="certification_staff",
            template="validation/_dashboard_staff.html",
            context=_staff,
            order=5,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="validation.participant_validations",
            role="participant",
            template="validation/_dashboard_candidate.html",
            context=_candidate,
            order=60,
        )
    )
