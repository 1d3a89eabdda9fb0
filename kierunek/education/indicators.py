"""Teacher training's indicators (:mod:`kierunek.core.indicators`): teachers enrolled in the
centre's courses, teachers who attended (checked in at the course: the centre's record of
completion) and certificates of completion issued, by the gmina and powiat of the school each
teacher enrolled with, and by month. An enrolment's seat, check-in and certificate live in the
events context (its registration), so they are read there."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.core.indicators import (
    TOTAL,
    Breakdown,
    Figure,
    Indicator,
    Period,
    Unit,
    count_people,
    indicator_register,
)
from kierunek.events.models import RegistrationStatus

from .models_training import Enrolment

BREAKDOWNS = (Breakdown.GMINA, Breakdown.POWIAT, Breakdown.MONTH)
SCHOOL_PLACE = ("school__gmina__teryt", "school__gmina__powiat__teryt")


def _group(at: datetime, gmina: str, powiat: str, breakdown: Breakdown | None) -> str:
    if breakdown == Breakdown.GMINA:
        return gmina
    if breakdown == Breakdown.POWIAT:
        return powiat
    if breakdown == Breakdown.MONTH:
        return f"{timezone.localtime(at):%Y-%m}"
    return TOTAL


def enrolled(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    """Teachers who enrolled in the period and hold a seat (not waiting, not cancelled)."""
    rows = Enrolment.objects.filter(
        created_at__gte=period.since,
        created_at__lt=period.before,
        registration__status=RegistrationStatus.CONFIRMED,
    ).values_list("teacher_id", "created_at", *SCHOOL_PLACE)
    return count_people([(teacher, _group(at, g, p, breakdown)) for teacher, at, g, p in rows])


def attended(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    rows = Enrolment.objects.filter(
        registration__checked_in_at__gte=period.since, registration__checked_in_at__lt=period.before
    ).values_list("teacher_id", "registration__checked_in_at", *SCHOOL_PLACE)
    return count_people([(teacher, _group(at, g, p, breakdown)) for teacher, at, g, p in rows])


def certified(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    rows = Enrolment.objects.filter(
        registration__certificate__issued_at__gte=period.since,
        registration__certificate__issued_at__lt=period.before,
    ).values_list("teacher_id", "registration__certificate__issued_at", *SCHOOL_PLACE)
    return count_people([(teacher, _group(at, g, p, breakdown)) for teacher, at, g, p in rows])


def indicators_register() -> None:
    """Called from ``EducationConfig.ready()``."""
    source = _("Teacher training")
    for indicator in (
        Indicator(
            key="education.training_enrolled",
            name=_("Teachers enrolled in training"),
            definition=_(
                "Teachers who enrolled in the period in a course of the teacher-training centre and hold "
                "a seat; by the gmina of the school they enrolled with."
            ),
            unit=Unit.PEOPLE,
            source=source,
            breakdowns=BREAKDOWNS,
            compute=enrolled,
            order=80,
        ),
        Indicator(
            key="education.training_completed",
            name=_("Teachers who completed training"),
            definition=_(
                "Teachers checked in at a course of the teacher-training centre in the period; by the "
                "gmina of their school."
            ),
            unit=Unit.PEOPLE,
            source=source,
            breakdowns=BREAKDOWNS,
            compute=attended,
            order=81,
        ),
        Indicator(
            key="education.training_certified",
            name=_("Teachers given a training certificate"),
            definition=_(
                "Teachers given a certificate of completion of a course in the period; by the gmina of "
                "their school."
            ),
            unit=Unit.PEOPLE,
            source=source,
            breakdowns=BREAKDOWNS,
            compute=certified,
            order=82,
        ),
    ):
        indicator_register(indicator)
