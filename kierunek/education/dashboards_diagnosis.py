"""The diagnosis and the Forum on the roles' dashboards (the registry:
:mod:`kierunek.core.dashboards`): the open survey of training needs for directors, teachers and
gmina staff; the years' diagnoses with their gap maps for the Metropolis and the centre; the Forum
for its coordinator."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.core.dashboards import DashboardBlock, dashboard_block_register
from kierunek.surveys.services.surveys import has_answered

from . import selectors_diagnosis as sel


def _respondent(request: HttpRequest) -> dict[str, Any] | None:
    open_now = sel.open_assessments()
    if not open_now or sel.respondent_of(user=request.user) is None:  # type: ignore[arg-type]
        return None
    assessment = open_now[0]
    answered = has_answered(survey=assessment.survey, user=request.user)  # type: ignore[arg-type]
    return {"assessment": assessment, "answered": answered}


def _planner(request: HttpRequest) -> dict[str, Any] | None:
    latest = sel.assessments().first()
    return {"assessment": latest} if latest else {"assessment": None}


def diagnosis_dashboard_blocks_register() -> None:
    for role in ("school_director", "teacher", "gmina_staff"):
        dashboard_block_register(
            DashboardBlock(
                key=f"education.needs_survey_{role}",
                role=role,
                template="education/diagnosis/_dashboard_respondent.html",
                context=_respondent,
                order=30,
            )
        )
    for role in ("metropolis_staff", "training_centre_staff"):
        dashboard_block_register(
            DashboardBlock(
                key=f"education.diagnosis_{role}",
                role=role,
                template="education/diagnosis/_dashboard_planner.html",
                context=_planner,
                order=30,
            )
        )
