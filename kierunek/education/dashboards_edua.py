"""What the funding sources, the career-orientation offer, the centres and the materials library
show on the dashboards (:mod:`kierunek.core.dashboards`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from .models_materials import Material, MaterialStatus
from .selectors import directed_schools, gmina_of_staff
from .selectors_career import bookings_of_schools, plan_progress
from .selectors_funding import FundingFilters, budget_of, funding_search, funding_subscription_of


def _funding(request: HttpRequest) -> dict[str, Any]:
    user = request_user(request)
    return {
        "subscription": funding_subscription_of(user=user),
        "open_calls": len(funding_search(FundingFilters(state="open"))),
    }


def _gmina(request: HttpRequest) -> dict[str, Any] | None:
    gmina = gmina_of_staff(user=request_user(request))
    if gmina is None:
        return None
    year = timezone.localdate().year
    return {
        "gmina": gmina,
        "year": year,
        "budget": budget_of(gmina=gmina, year=year),
        "progress": plan_progress(gmina=gmina, year=year),
    }


def _director(request: HttpRequest) -> dict[str, Any]:
    schools = directed_schools(user=request_user(request))
    today = timezone.localdate()
    return {
        "coming": [
            b for b in bookings_of_schools(school_ids=[s.pk for s in schools]) if b.activity.held_on >= today
        ]
    }


def _reviewer(request: HttpRequest) -> dict[str, Any]:
    return {"to_review": Material.objects.filter(status=MaterialStatus.SUBMITTED).count()}


def dashboard_blocks_register() -> None:
    for role in (Role.TEACHER, Role.SCHOOL_DIRECTOR, Role.GMINA_STAFF, Role.METROPOLIS_STAFF):
        dashboard_block_register(
            DashboardBlock(
                key=f"education.funding_{role}",
                role=role,
                template="education/funding/_dashboard.html",
                context=_funding,
                order=40,
            )
        )
    dashboard_block_register(
        DashboardBlock(
            key="education.gmina_budget_career",
            role=Role.GMINA_STAFF,
            template="education/career/_dashboard_gmina.html",
            context=_gmina,
            order=30,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="education.director_career",
            role=Role.SCHOOL_DIRECTOR,
            template="education/career/_dashboard_director.html",
            context=_director,
            order=30,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="education.partner_career",
            role=Role.PARTNER_STAFF,
            template="education/career/_dashboard_partner.html",
            order=60,
        )
    )
    for role in (Role.TRAINING_CENTRE_STAFF, Role.METROPOLIS_STAFF):
        dashboard_block_register(
            DashboardBlock(
                key=f"education.materials_{role}",
                role=role,
                template="education/materials/_dashboard_reviewer.html",
                context=_reviewer,
                order=50,
            )
        )
    dashboard_block_register(
        DashboardBlock(
            key="education.metropolis_office",
            role=Role.METROPOLIS_STAFF,
            template="education/funding/_dashboard_metropolis.html",
            order=20,
        )
    )
