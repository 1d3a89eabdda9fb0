"""The recruitment's blocks on the dashboards: the candidate's application and result, the
committee's (the director's, or an appointed teacher's) applications to check and appeals to
answer, the authority's year and its next step."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.accounts.models import Role
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from . import selectors
from .models import AppealStatus


def _candidate(request: HttpRequest) -> dict[str, Any] | None:
    year = selectors.year_current()
    if year is None:
        return None
    application = selectors.application_of(user=request.user, year=year)  # type: ignore[arg-type]
    placement = (
        application.placements.filter(round="main").select_related("school_class__school").first()
        if application
        else None
    )
    return {"year": year, "application": application, "placement": placement}


def _director(request: HttpRequest) -> dict[str, Any] | None:
    year = selectors.year_current()
    if year is None:
        return None
    user = request.user
    return {
        "year": year,
        "to_check": selectors.applications_to_check(user=user, year=year).count(),  # type: ignore[arg-type]
        "appeals": selectors.appeals_of(user=user, year=year)  # type: ignore[arg-type]
        .filter(status__in=[AppealStatus.REQUESTED, AppealStatus.APPEALED])
        .count(),
    }


def _committee(request: HttpRequest) -> dict[str, Any] | None:
    """A teacher's block, only when the director appointed them to this year's committee."""
    year = selectors.year_current()
    if year is None or not selectors.committee_schools(user=request.user, year=year):  # type: ignore[arg-type]
        return None
    return _director(request)


def _authority(request: HttpRequest) -> dict[str, Any] | None:
    year = selectors.year_current()
    return {"year": year} if year else None


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="recruitment.candidate",
            role=Role.CANDIDATE,
            template="recruitment/_dashboard_candidate.html",
            context=_candidate,
            order=10,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="recruitment.director",
            role=Role.SCHOOL_DIRECTOR,
            template="recruitment/_dashboard_committee.html",
            context=_director,
            order=30,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="recruitment.committee",
            role=Role.TEACHER,
            template="recruitment/_dashboard_committee.html",
            context=_committee,
            order=30,
        )
    )
    dashboard_block_register(
        DashboardBlock(
            key="recruitment.authority",
            role=Role.METROPOLIS_STAFF,
            template="recruitment/_dashboard_authority.html",
            context=_authority,
            order=30,
            area="work",
        )
    )
