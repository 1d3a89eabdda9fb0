"""The lifecycle of a validation, declared once with the kit (:mod:`kierunek.core.workflow`)::

    applied ─accept→ identification ─finish_identification→ documentation
                                     ─finish_documentation→ verification ─pass→ passed
                                                                         ─fail→ failed
    applied ─refuse→ refused
    failed ─resit→ verification          (the sets passed stay passed)
    failed ─appeal→ appealed ─uphold_appeal→ verification | ─dismiss_appeal→ failed
    applied | identification | documentation | verification | failed ─withdraw→ withdrawn

The institution's staff take their steps by function, which the services check (the advisor
identification and documentation, the commission the results, the signer the appeal); the
candidate applies, withdraws, asks for a re-sit and appeals within the deadline."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.workflow import Applied, Notification, Transition, Workflow

from . import domain
from .audit_actions import (
    APPEAL_DISMISSED,
    APPEAL_LODGED,
    APPEAL_UPHELD,
    DOCUMENTATION_FINISHED,
    IDENTIFICATION_FINISHED,
    RESIT_REQUESTED,
    VALIDATION_ACCEPTED,
    VALIDATION_FAILED,
    VALIDATION_PASSED,
    VALIDATION_REFUSED,
    VALIDATION_WITHDRAWN,
)
from .models import Validation, ValidationEvent, ValidationStatus

STAFF = Role.CERTIFICATION_STAFF.value
CANDIDATE = Role.PARTICIPANT.value


def _event(applied: Applied) -> None:
    ValidationEvent.objects.create(
        validation=applied.obj,
        status_from=applied.source,
        status_to=applied.transition.target,
        actor=applied.actor.user,
        note=applied.note,
    )


def _refusal(validation: Any, transition: Transition, state: str) -> Any:
    return _("This validation is %(status)s: that cannot be done now.") % {
        "status": ValidationStatus(state).label if state in ValidationStatus.values else state
    }


def _candidate(validation: Validation) -> list[Any]:
    return [validation.candidate] if validation.candidate.is_active else []


def _context(validation: Validation) -> dict[str, Any]:
    return {"validation": validation}


def _to_candidate(subject: str) -> Notification:
    return Notification(
        subject=subject, template="validation/email/status.txt", recipients=_candidate, context=_context
    )


VALIDATION = Workflow(
    name="validation.validation",
    model=Validation,
    states=dict(ValidationStatus.choices),
    history=_event,
    refusal=_refusal,
    transitions=[
        Transition(
            "accept",
            {domain.APPLIED},
            domain.IDENTIFICATION,
            roles={STAFF},
            label=_("accept the application and name the advisor"),
            audit_action=VALIDATION_ACCEPTED,
            notification=_to_candidate(gettext_noop("Your validation application was accepted")),
        ),
        Transition(
            "refuse",
            {domain.APPLIED},
            domain.REFUSED,
            roles={STAFF},
            label=_("refuse the application"),
            audit_action=VALIDATION_REFUSED,
            notification=_to_candidate(gettext_noop("Your validation application was refused")),
        ),
        Transition(
            "finish_identification",
            {domain.IDENTIFICATION},
            domain.DOCUMENTATION,
            roles={STAFF},
            label=_("finish identification"),
            audit_action=IDENTIFICATION_FINISHED,
        ),
        Transition(
            "finish_documentation",
            {domain.DOCUMENTATION},
            domain.VERIFICATION,
            roles={STAFF},
            label=_("finish documentation and admit to verification"),
            audit_action=DOCUMENTATION_FINISHED,
        ),
        Transition(
            "pass",
            {domain.VERIFICATION},
            domain.PASSED,
            roles={STAFF},
            label=_("record a positive result"),
            audit_action=VALIDATION_PASSED,
            notification=_to_candidate(gettext_noop("You passed the validation")),
        ),
        Transition(
            "fail",
            {domain.VERIFICATION},
            domain.FAILED,
            roles={STAFF},
            label=_("record a negative result"),
            audit_action=VALIDATION_FAILED,
            notification=_to_candidate(gettext_noop("The result of your validation")),
        ),
        Transition(
            "resit",
            {domain.FAILED},
            domain.VERIFICATION,
            roles={CANDIDATE},
            label=_("ask for a re-sit of the sets not passed"),
            audit_action=RESIT_REQUESTED,
        ),
        Transition(
            "appeal",
            {domain.FAILED},
            domain.APPEALED,
            roles={CANDIDATE},
            label=_("appeal against the result"),
            audit_action=APPEAL_LODGED,
        ),
        Transition(
            "uphold_appeal",
            {domain.APPEALED},
            domain.VERIFICATION,
            roles={STAFF},
            label=_("uphold the appeal and repeat the verification"),
            audit_action=APPEAL_UPHELD,
            notification=_to_candidate(gettext_noop("Your appeal was upheld")),
        ),
        Transition(
            "dismiss_appeal",
            {domain.APPEALED},
            domain.FAILED,
            roles={STAFF},
            label=_("dismiss the appeal"),
            audit_action=APPEAL_DISMISSED,
            notification=_to_candidate(gettext_noop("Your appeal was dismissed")),
        ),
        Transition(
            "withdraw",
            {domain.APPLIED, domain.IDENTIFICATION, domain.DOCUMENTATION, domain.VERIFICATION, domain.FAILED},
            domain.WITHDRAWN,
            roles={CANDIDATE},
            label=_("withdraw from the validation"),
            audit_action=VALIDATION_WITHDRAWN,
        ),
    ],
)
