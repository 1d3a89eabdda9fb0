"""Monitoring of a mark in force: visits, their findings and corrective actions."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.core.workflow import TransitionRefused
from kierunek.providers import selectors as provider_selectors
from kierunek.providers.services import require_provider_member

from .. import audit_actions
from ..models import (
    CorrectiveAction,
    MonitoringVisit,
    QualityMarkCase,
    VisitKind,
)
from .common import (
    MARK_STATES,
    clean_text,
    lock_case,
)

# --- monitoring --------------------------------------------------------------------------------


def _require_mark(case: QualityMarkCase) -> None:
    if case.state not in MARK_STATES:
        raise TransitionRefused(_("Monitoring applies only to a granted or suspended quality mark."))


def _provider_told(
    *,
    case: QualityMarkCase,
    actor: Actor,
    action: str,
    details: dict[str, Any],
    subject: str,
    template: str,
    context: dict[str, Any],
) -> None:
    """Audit a monitoring step on the case and tell the provider's staff (after the commit)."""
    audit_record(action=action, actor=actor, obj=case, details=details)
    notify(
        recipients=provider_selectors.provider_staff_users(provider=case.provider),
        subject=subject,
        template=template,
        context={**context, "provider": case.provider, "link": reverse("quality:home")},
    )


def monitoring_visit_add(
    *,
    case: QualityMarkCase,
    kind: str,
    planned_on: date,
    remote: bool,
    actor: Actor,
) -> MonitoringVisit:
    """Plan a scheduled or ad-hoc monitoring visit of a provider holding the mark."""
    with transaction.atomic():
        require_role(actor, Role.OFFICER)
        case = lock_case(case)
        _require_mark(case)
        if kind not in VisitKind.values:
            raise ValidationError({"kind": _("Choose a scheduled or an ad-hoc visit.")})
        visit = MonitoringVisit.objects.create(
            case=case, kind=kind, planned_on=planned_on, remote=remote, created_by=actor.user
        )
        _provider_told(
            case=case,
            actor=actor,
            action=audit_actions.QUALITY_MONITORING_VISIT_ADDED,
            details={"visit": visit.pk, "kind": kind, "planned_on": planned_on.isoformat()},
            subject=gettext_noop("Quality mark: monitoring visit planned"),
            template="quality/email/quality_visit.txt",
            context={"visit": visit},
        )
    return visit


def monitoring_visit_record(
    *,
    visit: MonitoringVisit,
    visited_on: date,
    findings: str,
    actor: Actor,
) -> MonitoringVisit:
    with transaction.atomic():
        require_role(actor, Role.OFFICER)
        case = lock_case(visit.case_id)
        visit = MonitoringVisit.objects.select_for_update().get(pk=visit.pk)
        if visited_on > timezone.localdate():
            raise ValidationError({"visited_on": _("The date of the visit cannot be in the future.")})
        findings = clean_text(
            findings, field="findings", required=True, message=_("Write what the visit found.")
        )
        visit.visited_on, visit.findings = visited_on, findings
        visit.save(update_fields=["visited_on", "findings"])
        _provider_told(
            case=case,
            actor=actor,
            action=audit_actions.QUALITY_MONITORING_VISIT_RECORDED,
            details={"visit": visit.pk, "visited_on": visited_on.isoformat()},
            subject=gettext_noop("Quality mark: findings of the monitoring visit"),
            template="quality/email/quality_visit.txt",
            context={"visit": visit},
        )
    return visit


def corrective_action_add(
    *,
    visit: MonitoringVisit,
    description: str,
    deadline: date,
    actor: Actor,
) -> CorrectiveAction:
    with transaction.atomic():
        require_role(actor, Role.OFFICER)
        case = lock_case(visit.case_id)
        _require_mark(case)
        description = clean_text(
            description, field="description", required=True, message=_("Describe what must be corrected.")
        )
        if deadline < timezone.localdate():
            raise ValidationError({"deadline": _("The deadline cannot be in the past.")})
        action = CorrectiveAction.objects.create(visit=visit, description=description, deadline=deadline)
        _provider_told(
            case=case,
            actor=actor,
            action=audit_actions.QUALITY_CORRECTIVE_ACTION_ADDED,
            details={"visit": visit.pk, "corrective_action": action.pk, "deadline": deadline.isoformat()},
            subject=gettext_noop("Quality mark: corrective action required"),
            template="quality/email/quality_corrective_action.txt",
            context={"action": action},
        )
    return action


def corrective_action_complete(*, action: CorrectiveAction, actor: Actor) -> CorrectiveAction:
    """The provider's staff (or an officer) marks a corrective action as done."""
    with transaction.atomic():
        visit = MonitoringVisit.objects.get(pk=action.visit_id)
        case = lock_case(visit.case_id)
        if actor.role == Role.OFFICER:
            pass
        elif actor.role == Role.PROVIDER_STAFF:
            require_provider_member(actor.user, case.provider)
        else:
            raise PermissionDenied(_("Your role cannot do this."))
        action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
        if action.completed_at is not None:
            raise ValidationError(_("This corrective action is already marked as done."))
        action.completed_at = timezone.now()
        action.save(update_fields=["completed_at"])
        audit_record(
            action=audit_actions.QUALITY_CORRECTIVE_ACTION_COMPLETED,
            actor=actor,
            obj=case,
            details={"corrective_action": action.pk},
        )
        subject = gettext_noop("Quality mark: corrective action completed")
        template = "quality/email/quality_corrective_action.txt"
        context = {"action": action, "provider": case.provider}
        notify(
            recipients=[
                u
                for u in provider_selectors.provider_staff_users(provider=case.provider)
                if u.pk != actor.user.pk
            ],
            subject=subject,
            template=template,
            context={**context, "link": reverse("quality:home")},
        )
        notify(
            recipients=[u for u in [visit.created_by] if u.pk != actor.user.pk and u.is_active],
            subject=subject,
            template=template,
            context={**context, "link": reverse("quality:officer_case", args=[case.pk])},
        )
    return action
