"""The lifecycles of career guidance, declared once for the workflow kit
(:mod:`kierunek.core.workflow`): the development plan and the appointment. Services move a plan
or an appointment only with ``PLAN.apply`` / ``APPOINTMENT.apply``.

Not transitions, because the plan stays where it is: changing the balance and the plan is open
while the plan is a draft, and feedback once it is signed (``domain.PLAN_EDITABLE`` and
``domain.PLAN_FEEDBACK_OPEN``). The competence balance has no status of its own (its stages are
dates), so it has no workflow."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.workflow import Notification, Transition, Workflow

from .audit_actions import (
    GUIDANCE_APPOINTMENT_CANCELLED,
    GUIDANCE_APPOINTMENT_MOVED,
    GUIDANCE_PLAN_ACKNOWLEDGED,
    GUIDANCE_PLAN_REOPENED,
    GUIDANCE_PLAN_SIGNED,
)
from .domain import AppointmentStatus, PlanStatus
from .models import APPOINTMENT_STATUS_LABELS, PLAN_STATUS_LABELS, Appointment, DevelopmentPlan

# --- the development plan --------------------------------------------------------------------

_PLAN_REFUSALS = {
    "sign": gettext_noop("Only a draft plan can be signed."),
    "reopen": gettext_noop("Only a signed plan can be reopened."),
    "acknowledge": gettext_noop("The plan is not waiting for your acknowledgement."),
}


def _plan_refusal(plan: Any, transition: Transition, state: str) -> str:
    return _(_PLAN_REFUSALS[transition.name])


PLAN = Workflow(
    name="guidance.plan",
    model=DevelopmentPlan,
    states=PLAN_STATUS_LABELS,
    transitions=[
        Transition(
            "sign",
            {PlanStatus.DRAFT},
            PlanStatus.SIGNED,
            roles={Role.ADVISOR},
            label=gettext_lazy("sign the development plan"),
            audit_action=GUIDANCE_PLAN_SIGNED,
            notification=Notification(
                subject=gettext_noop("Your development plan is ready"),
                template="guidance/email/plan_signed.txt",
                recipients=lambda plan: [plan.balance.participant],
                context=lambda plan: {"plan": plan},
            ),
        ),
        Transition(
            "reopen",
            {PlanStatus.SIGNED, PlanStatus.ACKNOWLEDGED},
            PlanStatus.DRAFT,
            roles={Role.ADVISOR},
            label=gettext_lazy("reopen the development plan"),
            audit_action=GUIDANCE_PLAN_REOPENED,
        ),
        Transition(
            "acknowledge",
            {PlanStatus.SIGNED},
            PlanStatus.ACKNOWLEDGED,
            roles={Role.PARTICIPANT},
            label=gettext_lazy("acknowledge the development plan"),
            audit_action=GUIDANCE_PLAN_ACKNOWLEDGED,
        ),
    ],
    refusal=_plan_refusal,
)

# --- appointments ----------------------------------------------------------------------------
# A booking creates an appointment in ``booked``; it leaves it once, cancelled or moved. The
# e-mails differ by who cancels and go to the participant and the advisor with their own
# subjects, so the services send them (``services.appointments``), not the kit.

APPOINTMENT = Workflow(
    name="guidance.appointment",
    model=Appointment,
    states=APPOINTMENT_STATUS_LABELS,
    transitions=[
        Transition(
            "cancel",
            {AppointmentStatus.BOOKED},
            AppointmentStatus.CANCELLED,
            roles={Role.PARTICIPANT, Role.ADVISOR},
            label=gettext_lazy("cancel the meeting"),
            audit_action=GUIDANCE_APPOINTMENT_CANCELLED,
        ),
        Transition(
            "move",
            {AppointmentStatus.BOOKED},
            AppointmentStatus.MOVED,
            roles={Role.PARTICIPANT},
            label=gettext_lazy("move the meeting"),
            audit_action=GUIDANCE_APPOINTMENT_MOVED,
        ),
    ],
    refusal=lambda appointment, transition, state: (
        _("Only a booked meeting can be moved.")
        if transition.name == "move"
        else _("This meeting is not booked.")
    ),
)
