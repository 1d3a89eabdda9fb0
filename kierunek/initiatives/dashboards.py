"""What the regional initiatives show on the dashboards (:mod:`kierunek.core.dashboards`): the
office's contest editions and what waits in them; a gmina's application; a juror's gminas to
score; every organiser's Learning Day and Career Week activities."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kierunek.accounts.models import GminaStaff, Role
from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from . import domain, selectors
from .models import ContestApplication, ContestEdition
from .workflows import ACTIVITY_ROLES, JUROR_ROLES


def _office(request: HttpRequest) -> dict[str, Any] | None:
    return {
        "editions": ContestEdition.objects.exclude(status=domain.PUBLISHED).count(),
        "waiting": ContestApplication.objects.filter(
            status__in=[domain.SUBMITTED, domain.STAGE_ONE], edition__status__in=[domain.OPEN, domain.RUNNING]
        ).count(),
    }


def _gmina(request: HttpRequest) -> dict[str, Any] | None:
    staff = GminaStaff.objects.filter(user=request_user(request)).select_related("gmina").first()
    if staff is None:
        return None
    return {
        "gmina": staff.gmina,
        "applications": list(selectors.applications_of_gmina(gmina_id=staff.gmina_id)[:3]),
        "open": selectors.edition_open(),
    }


def _juror(request: HttpRequest) -> dict[str, Any] | None:
    seats = [
        s for s in selectors.juror_seats(user=request_user(request)) if s.edition.status == domain.JUDGING
    ]
    if not seats:
        return None
    return {"seats": seats}


def _organiser(request: HttpRequest) -> dict[str, Any] | None:
    return {
        "activities": selectors.activities_of(user=request_user(request)).count(),
        "campaigns": list(selectors.campaign_open_for(today=timezone.localdate())),
    }


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="initiatives.office",
            role=Role.OFFICER,
            template="initiatives/_dashboard_office.html",
            context=_office,
            order=80,
            area="work",
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="initiatives.gmina",
            role=Role.GMINA_STAFF,
            template="initiatives/_dashboard_gmina.html",
            context=_gmina,
            order=40,
        )
    )
    for role in sorted(JUROR_ROLES):
        dashboard_block_register(
            DashboardBlock(
                key=f"initiatives.juror_{role}",
                role=role,
                template="initiatives/_dashboard_juror.html",
                context=_juror,
                order=45,
            )
        )
    for role in sorted(ACTIVITY_ROLES):
        dashboard_block_register(
            DashboardBlock(
                key=f"initiatives.activities_{role}",
                role=role,
                template="initiatives/_dashboard_activities.html",
                context=_organiser,
                order=60,
            )
        )
