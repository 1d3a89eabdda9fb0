"""What the teacher-training offer shows on the dashboards (:mod:`kierunek.core.dashboards`):
a teacher's and a director's coming courses and consultations; the centre's coming courses with
their seats and waiting lists."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register
from kierunek.events import domain as events_domain

from . import selectors_training


def _learner(request: HttpRequest) -> dict[str, Any] | None:
    user = request_user(request)
    now = timezone.now()
    coming = list(
        selectors_training.enrolments_of(user=user).filter(
            course__event__ends_at__gte=now, registration__status__in=events_domain.ACTIVE
        )[:5]
    )
    bookings = list(
        selectors_training.bookings_of(user=user).filter(cancelled_at__isnull=True, slot__starts_at__gte=now)[
            :3
        ]
    )
    return {"coming": coming, "bookings": bookings}


def _centre(request: HttpRequest) -> dict[str, Any] | None:
    courses = list(selectors_training.centre_courses(since=timezone.localdate())[:8])
    return {"courses": courses}


def training_dashboard_blocks_register() -> None:
    for role in (Role.TEACHER.value, Role.SCHOOL_DIRECTOR.value):
        dashboard_block_register(
            DashboardBlock(
                key=f"education.training_{role}",
                role=role,
                template="education/training/_dashboard_learner.html",
                context=_learner,
                order=30,
            )
        )
    dashboard_block_register(
        DashboardBlock(
            key="education.training_centre",
            role=Role.TRAINING_CENTRE_STAFF.value,
            template="education/training/_dashboard_centre.html",
            context=_centre,
            order=10,
        )
    )
