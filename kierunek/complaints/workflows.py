"""The lifecycle of a complaint, declared once with the kit (:mod:`kierunek.core.workflow`)::

    received ─take→ under_review ─answer→ answered
    under_review | answered ─uphold→ upheld
    under_review | answered ─dismiss→ dismissed

An officer takes a complaint up (the provider is then asked to answer within the rule's deadline)
and decides it, with or without the provider's answer; the provider answers once. Every step is
e-mailed to the complainant."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.workflow import Applied, Notification, Transition, Workflow

from . import domain
from .audit_actions import COMPLAINT_ANSWERED, COMPLAINT_DISMISSED, COMPLAINT_TAKEN, COMPLAINT_UPHELD
from .models import Complaint, ComplaintEvent, ComplaintStatus

OFFICER = Role.OFFICER.value
PROVIDER_STAFF = Role.PROVIDER_STAFF.value


def _event(applied: Applied) -> None:
    ComplaintEvent.objects.create(
        complaint=applied.obj,
        status_from=applied.source,
        status_to=applied.transition.target,
        actor=applied.actor.user,
        note=applied.note,
    )


def _refusal(complaint: Any, transition: Transition, state: str) -> Any:
    return _("This complaint is %(status)s: that cannot be done now.") % {
        "status": ComplaintStatus(state).label if state in ComplaintStatus.values else state
    }


def complainant_recipients(complaint: Complaint) -> list[Any]:
    """The complainant's account, or the address given on the public form."""
    return [complaint.complainant] if complaint.complainant_id else [complaint.email]


def _complaint(complaint: Complaint) -> dict[str, Any]:
    return {"complaint": complaint}


def _status(subject: str) -> Notification:
    return Notification(
        subject=subject,
        template="complaints/email/status.txt",
        recipients=complainant_recipients,
        context=_complaint,
    )


COMPLAINT = Workflow(
    name="complaints.complaint",
    model=Complaint,
    states=dict(ComplaintStatus.choices),
    history=_event,
    refusal=_refusal,
    transitions=[
        Transition(
            "take",
            {domain.RECEIVED},
            domain.UNDER_REVIEW,
            roles={OFFICER},
            label=_("take up the complaint"),
            audit_action=COMPLAINT_TAKEN,
            notification=_status(gettext_noop("Your complaint is under review")),
        ),
        Transition(
            "answer",
            {domain.UNDER_REVIEW},
            domain.ANSWERED,
            roles={PROVIDER_STAFF},
            label=_("answer the complaint"),
            audit_action=COMPLAINT_ANSWERED,
            notification=_status(gettext_noop("The provider answered your complaint")),
        ),
        Transition(
            "uphold",
            {domain.UNDER_REVIEW, domain.ANSWERED},
            domain.UPHELD,
            roles={OFFICER},
            label=_("uphold the complaint"),
            audit_action=COMPLAINT_UPHELD,
            notification=_status(gettext_noop("Your complaint was upheld")),
        ),
        Transition(
            "dismiss",
            {domain.UNDER_REVIEW, domain.ANSWERED},
            domain.DISMISSED,
            roles={OFFICER},
            label=_("dismiss the complaint"),
            audit_action=COMPLAINT_DISMISSED,
            notification=_status(gettext_noop("Your complaint was dismissed")),
        ),
    ],
)
