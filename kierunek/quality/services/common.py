"""What the quality-mark services share: the groups of states, the limits, who is involved in a
case, the guard (the person, then the workflow), the lock, and moving a case along its workflow."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.notify import notify
from kierunek.core.workflow import SYSTEM_ROLE, Transition
from kierunek.providers import selectors as provider_selectors
from kierunek.providers.services import require_provider_member

from ..domain import CaseState
from ..models import (
    AuditAssignment,
    QualityMarkCase,
    QualityStandard,
)
from ..workflows import (
    QUALITY_CASE,
    SUBJECTS,
    TOLD_TO_OFFICERS,
    TRANSITION_TEMPLATE,
    case_mail_context,
)

S = CaseState
# Cases still being processed (the database allows one per provider).
OPEN_STATES = frozenset({S.APPLICATION, S.SELF_ASSESSMENT, S.AWAITING_AUDIT, S.AUDIT, S.AUDIT_REPORTED})
# The provider writes its self-assessment and attaches evidence only before it submits.
EDITABLE_STATES = frozenset({S.APPLICATION, S.SELF_ASSESSMENT})
# A mark in force (valid or suspended): monitoring applies to it.
MARK_STATES = frozenset({S.GRANTED, S.SUSPENDED})
# Decisions on a mark: the officer taking them must not have audited the provider.
DECISIONS = frozenset({"grant", "refuse", "suspend", "reinstate", "withdraw"})

MAX_TEXT = 5000
MAX_EVIDENCE_PER_STANDARD = 10
MAX_MARK_YEARS = 10


@dataclass(frozen=True)
class FindingInput:
    """The auditor's finding on one standard; an empty ``result`` means not assessed yet."""

    standard_id: int
    result: str
    evidence_notes: str = ""


# --- who is involved ---------------------------------------------------------------------------


def current_assignment(case: QualityMarkCase) -> AuditAssignment | None:
    """The auditor on the case now (not ended by a conflict), if any."""
    return (
        case.assignments.select_related("auditor__user", "auditor__firm")
        .filter(ended_at__isnull=True)
        .first()
    )


def require_cleared_auditor(user: User | None, assignment: AuditAssignment) -> None:
    """The assigned auditor, still on the case, who has declared no conflict of interest."""
    if (
        user is None
        or user.role != Role.AUDITOR
        or assignment.auditor.user_id != user.pk
        or assignment.ended_at is not None
    ):
        raise PermissionDenied(_("Only the auditor assigned to this case can do this."))
    if assignment.has_conflict is not False:
        raise PermissionDenied(_("Declare first that you have no conflict of interest."))


def require_not_auditor_of(user: User, case: QualityMarkCase) -> None:
    """Segregation of duties: whoever audited a provider does not decide on its mark, even if
    their account now has another role."""
    if case.assignments.filter(auditor__user=user).exists():
        raise PermissionDenied(_("You audited this provider, so another officer must decide on its mark."))


def guard(*, case: QualityMarkCase, transition: str, actor: Actor) -> Transition:
    """The person first (object level), then the state machine (role and state), before the
    service checks its input; ``QUALITY_CASE.apply`` checks the role and state again under the lock."""
    user = actor.user
    role = actor.role or SYSTEM_ROLE
    if user is not None:
        if role == Role.PROVIDER_STAFF:
            require_provider_member(user, case.provider)
        elif role == Role.AUDITOR:
            assignment = current_assignment(case)
            if assignment is None or assignment.auditor.user_id != user.pk:
                raise PermissionDenied(_("Only the auditor assigned to this case can do this."))
        elif role == Role.OFFICER and transition in DECISIONS:
            require_not_auditor_of(user, case)
    return QUALITY_CASE.check(state=case.state, name=transition, role=role, obj=case)


def standards_missing(covered: Any) -> list[str]:
    """The codes of the standards in force that ``covered`` (a queryset of standard ids) leaves out."""
    return list(
        QualityStandard.objects.filter(active=True).exclude(pk__in=covered).values_list("code", flat=True)
    )


def lock_case(case: QualityMarkCase | int) -> QualityMarkCase:
    pk = case if isinstance(case, int) else case.pk
    return QualityMarkCase.objects.select_for_update(of=("self",)).select_related("provider").get(pk=pk)


def clean_text(value: str, *, field: str, required: bool, message: str) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: message})
    if len(value) > MAX_TEXT:
        raise ValidationError({field: _("Write at most %(limit)d characters.") % {"limit": MAX_TEXT}})
    return value


# --- recording and telling ---------------------------------------------------------------------


def tell_auditor_and_officers(*, case: QualityMarkCase, step: str, note: str = "") -> None:
    """Besides the provider's staff (the workflow's own notification): the auditor on the case (if
    cleared, or just assigned) and the officers for what waits for them (a submission, a report, a
    declined audit) or a mark that ended. Each audience gets its own link."""
    assignment = current_assignment(case)
    if assignment is not None and (assignment.has_conflict is False or step == "assign_auditor"):
        link = reverse("quality:auditor_assignment", args=[assignment.pk])
        notify(
            recipients=[assignment.auditor.user],
            subject=SUBJECTS[step],
            template=TRANSITION_TEMPLATE,
            context=case_mail_context(case, step=step, note=note, link=link),
        )
    if step in TOLD_TO_OFFICERS:
        link = reverse("quality:officer_case", args=[case.pk])
        notify(
            recipients=provider_selectors.active_officers(),
            subject=SUBJECTS[step],
            template=TRANSITION_TEMPLATE,
            context=case_mail_context(case, step=step, note=note, link=link),
        )


def move(
    *,
    case: QualityMarkCase,
    transition: Transition,
    actor: Actor,
    fields: Iterable[str] = (),
    note: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Move a checked case along ``transition`` with the workflow (save, history, audit, the
    provider's e-mail after commit), then tell the auditor and the officers."""
    audit_details = None if details is None else {"from": case.state, "to": transition.target, **details}
    QUALITY_CASE.apply(case, transition.name, actor=actor, fields=fields, note=note, details=audit_details)
    tell_auditor_and_officers(case=case, step=transition.name, note=note)
