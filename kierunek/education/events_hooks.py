"""What the teacher-training offer registers in events (:mod:`kierunek.events.hooks`): a
course's event admits only the enrolment being made by
:func:`kierunek.education.services.training.enrolment_create`, which records the school."""

from __future__ import annotations

from typing import Any

from .models_training import Enrolment, TrainingCourse


def course_gate(event: Any, user: Any) -> bool:
    if not TrainingCourse.objects.filter(event_id=event.pk).exists():
        return True
    return Enrolment.objects.filter(
        course__event_id=event.pk, teacher=user, registration__isnull=True
    ).exists()


def events_hooks_register() -> None:
    from kierunek.events.hooks import REGISTRATION_GATES

    if course_gate not in REGISTRATION_GATES:
        REGISTRATION_GATES.append(course_gate)
