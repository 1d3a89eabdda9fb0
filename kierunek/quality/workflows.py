"""The lifecycle of a quality-mark case (MSUES), declared once with the workflow kit
(:mod:`kierunek.core.workflow`): which step leads from which state to which, who takes it, what it
is called, what the audit log says and whom it tells.

The services (``services.py``) check the person at object level first (the provider's own staff,
the case's own auditor, an officer who did not audit it), then move the case with
``QUALITY_CASE.apply``; every step leaves a :class:`CaseEvent`."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.workflow import SYSTEM_ROLE, Applied, Notification, Transition, Workflow
from kierunek.providers import selectors as provider_selectors

from . import audit_actions as actions
from .domain import CaseState
from .models import EVENT_LABELS, STATE_LABELS, CaseEvent, QualityMarkCase

S = CaseState
PROVIDER_STAFF, OFFICER, AUDITOR = Role.PROVIDER_STAFF.value, Role.OFFICER.value, Role.AUDITOR.value

# The e-mail subject of each step (translated when the e-mail is sent); "open" is the case's
# creation, which is not a transition of the machine but is told the same way.
SUBJECTS = {
    "open": gettext_noop("Quality mark: application opened"),
    "start_self_assessment": gettext_noop("Quality mark: self-assessment started"),
    "submit": gettext_noop("Quality mark: application submitted"),
    "assign_auditor": gettext_noop("Quality mark: auditor assigned"),
    "decline_for_conflict": gettext_noop("Quality mark: the auditor declined (conflict of interest)"),
    "submit_audit_report": gettext_noop("Quality mark: audit report submitted"),
    "grant": gettext_noop("Quality mark granted"),
    "refuse": gettext_noop("Quality mark refused"),
    "suspend": gettext_noop("Quality mark suspended"),
    "reinstate": gettext_noop("Quality mark: suspension lifted"),
    "withdraw": gettext_noop("Quality mark withdrawn"),
    "expire": gettext_noop("Quality mark expired"),
}
TRANSITION_TEMPLATE = "quality/email/quality_transition.txt"
# The steps the officers are told about: what waits for them, and a mark that ended by itself.
TOLD_TO_OFFICERS = frozenset({"submit", "submit_audit_report", "decline_for_conflict", "expire"})


def case_mail_context(case: QualityMarkCase, *, step: str, note: str, link: str) -> dict[str, Any]:
    """What the e-mail about one step of a case says (``quality_transition.txt``)."""
    return {
        "case": case,
        "provider": case.provider,
        "action": EVENT_LABELS[step],
        "state": STATE_LABELS[CaseState(case.state)],
        "note": note,
        "link": link,
    }


def _provider_mail(case: QualityMarkCase) -> dict[str, Any]:
    """The provider's e-mail about the step just taken (the newest event of the case)."""
    event = case.events.order_by("-occurred_at", "-pk").first()
    assert event is not None  # the history hook has written it
    return case_mail_context(case, step=event.transition, note=event.note, link=reverse("quality:home"))


def _to_provider(name: str) -> Notification:
    """Every step is told to the provider's staff; the auditor and the officers, where it concerns
    them, by :func:`kierunek.quality.services.tell_auditor_and_officers` (their links differ)."""
    return Notification(
        subject=SUBJECTS[name],
        template=TRANSITION_TEMPLATE,
        recipients=lambda case: provider_selectors.provider_staff_users(provider=case.provider),
        context=_provider_mail,
    )


def _case_event(applied: Applied) -> None:
    CaseEvent.objects.create(
        case=applied.obj,
        transition=applied.transition.name,
        from_state=applied.source,
        to_state=applied.transition.target,
        actor=applied.actor.user,
        note=applied.note,
    )


def _refusal(case: Any, transition: Transition, state: str) -> Any:
    return _("You cannot %(action)s while the case is in the state: %(state)s.") % {
        "action": transition.label,
        "state": STATE_LABELS[CaseState(state)],
    }


def _t(
    name: str, sources: set[CaseState], target: CaseState, role: str, label: Any, action: str
) -> Transition:
    return Transition(
        name,
        sources,
        target,
        roles={role},
        label=label,
        audit_action=action,
        notification=_to_provider(name),
    )


QUALITY_CASE = Workflow(
    name="quality.case",
    model=QualityMarkCase,
    states={str(state): label for state, label in STATE_LABELS.items()},
    state_field="state",
    transitions=[
        _t(
            "start_self_assessment",
            {S.APPLICATION},
            S.SELF_ASSESSMENT,
            PROVIDER_STAFF,
            _("start the self-assessment"),
            actions.QUALITY_SELF_ASSESSMENT_STARTED,
        ),
        _t(
            "submit",
            {S.APPLICATION, S.SELF_ASSESSMENT},
            S.AWAITING_AUDIT,
            PROVIDER_STAFF,
            _("submit the application"),
            actions.QUALITY_APPLICATION_SUBMITTED,
        ),
        _t(
            "assign_auditor",
            {S.AWAITING_AUDIT},
            S.AUDIT,
            OFFICER,
            _("assign an auditor"),
            actions.QUALITY_AUDITOR_ASSIGNED,
        ),
        _t(
            "decline_for_conflict",
            {S.AUDIT},
            S.AWAITING_AUDIT,
            AUDITOR,
            _("decline the audit (conflict of interest)"),
            actions.QUALITY_AUDIT_DECLINED_FOR_CONFLICT,
        ),
        _t(
            "submit_audit_report",
            {S.AUDIT},
            S.AUDIT_REPORTED,
            AUDITOR,
            _("submit the audit report"),
            actions.QUALITY_AUDIT_REPORT_SUBMITTED,
        ),
        _t(
            "grant",
            {S.AUDIT_REPORTED},
            S.GRANTED,
            OFFICER,
            _("grant the quality mark"),
            actions.QUALITY_MARK_GRANTED,
        ),
        _t(
            "refuse",
            {S.AUDIT_REPORTED},
            S.REFUSED,
            OFFICER,
            _("refuse the quality mark"),
            actions.QUALITY_MARK_REFUSED,
        ),
        _t(
            "suspend",
            {S.GRANTED},
            S.SUSPENDED,
            OFFICER,
            _("suspend the quality mark"),
            actions.QUALITY_MARK_SUSPENDED,
        ),
        _t(
            "reinstate",
            {S.SUSPENDED},
            S.GRANTED,
            OFFICER,
            _("lift the suspension"),
            actions.QUALITY_MARK_REINSTATED,
        ),
        _t(
            "withdraw",
            {S.GRANTED, S.SUSPENDED},
            S.WITHDRAWN,
            OFFICER,
            _("withdraw the quality mark"),
            actions.QUALITY_MARK_WITHDRAWN,
        ),
        _t(
            "expire",
            {S.GRANTED, S.SUSPENDED},
            S.EXPIRED,
            SYSTEM_ROLE,
            _("expire the quality mark"),
            actions.QUALITY_MARK_EXPIRED,
        ),
    ],
    history=_case_event,
    refusal=_refusal,
)

# The audit action each transition writes (kept as a map for the callers that look one up).
TRANSITION_AUDIT_ACTIONS = {name: t.audit_action for name, t in QUALITY_CASE.transitions.items()}
