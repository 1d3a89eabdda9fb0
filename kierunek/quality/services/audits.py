"""The audit: an officer assigns an auditor from the register, the auditor declares a conflict of
interest or none, writes the report and submits it."""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.workflow import TransitionRefused
from kierunek.providers import selectors as provider_selectors

from .. import audit_actions
from ..models import (
    AuditAssignment,
    Auditor,
    AuditReport,
    AuditResult,
    QualityMarkCase,
    QualityStandard,
)
from ..workflows import (
    QUALITY_CASE,
)
from .common import (
    FindingInput,
    S,
    clean_text,
    guard,
    lock_case,
    move,
    require_cleared_auditor,
    standards_missing,
)

# --- the audit ---------------------------------------------------------------------------------


def auditor_assign(*, case: QualityMarkCase, auditor: Auditor, actor: Actor) -> AuditAssignment:
    """An officer assigns an auditor from the register. The auditor must be in the register (and
    their firm too), must not work for the provider, and must not have declined this case."""
    with transaction.atomic():
        case = lock_case(case)
        step = guard(case=case, transition="assign_auditor", actor=actor)
        auditor = Auditor.objects.select_related("user", "firm").get(pk=auditor.pk)
        if not (
            auditor.active
            and auditor.firm.active
            and auditor.user.is_active
            and auditor.user.role == Role.AUDITOR
        ):
            raise ValidationError({"auditor": _("This auditor is not in the register of auditors.")})
        if auditor.user_id == actor.user.pk:
            raise ValidationError({"auditor": _("You cannot assign yourself.")})
        if provider_selectors.is_provider_member(user=auditor.user, provider=case.provider):
            raise ValidationError({"auditor": _("This auditor works for the provider.")})
        if case.assignments.filter(auditor=auditor, has_conflict=True).exists():
            raise ValidationError(
                {"auditor": _("This auditor declared a conflict of interest for this case.")}
            )
        assignment = AuditAssignment.objects.create(case=case, auditor=auditor, assigned_by=actor.user)
        move(
            case=case,
            transition=step,
            actor=actor,
            details={"auditor": auditor.pk, "assignment": assignment.pk},
        )
    return assignment


def auditor_declare(
    *,
    assignment: AuditAssignment,
    has_conflict: bool,
    statement: str,
    actor: Actor,
) -> AuditAssignment:
    """Before seeing the case the auditor declares whether they have a conflict of interest. A
    conflict ends the assignment and sends the case back for another auditor."""
    with transaction.atomic():
        case = lock_case(assignment.case_id)
        assignment = (
            AuditAssignment.objects.select_for_update(of=("self",))
            .select_related("auditor")
            .get(pk=assignment.pk)
        )
        if (
            actor.user is None
            or actor.role != Role.AUDITOR
            or assignment.auditor.user_id != actor.user.pk
            or assignment.ended_at is not None
        ):
            raise PermissionDenied(_("Only the auditor assigned to this case can do this."))
        if has_conflict:
            step = QUALITY_CASE.check(
                state=case.state, name="decline_for_conflict", role=actor.role, obj=case
            )
        elif case.state != S.AUDIT:
            raise TransitionRefused(_("You can make the declaration only while the audit is in progress."))
        if assignment.declared_at is not None:
            raise ValidationError(_("You have already made your declaration."))
        statement = clean_text(
            statement,
            field="statement",
            required=has_conflict,
            message=_("Describe the conflict of interest (your ties with the provider)."),
        )
        now = timezone.now()
        assignment.declared_at = now
        assignment.has_conflict = has_conflict
        assignment.conflict_statement = statement
        if has_conflict:
            assignment.ended_at = now
        assignment.save(update_fields=["declared_at", "has_conflict", "conflict_statement", "ended_at"])
        if has_conflict:
            # The statement stays with the office: the provider learns only that the audit moves.
            move(
                case=case,
                transition=step,
                actor=actor,
                details={"assignment": assignment.pk},
            )
        else:
            audit_record(
                action=audit_actions.QUALITY_NO_CONFLICT_DECLARED,
                actor=actor,
                obj=case,
                details={"assignment": assignment.pk},
            )
    return assignment


def _report_checks(assignment: AuditAssignment, actor: Actor) -> QualityMarkCase:
    case = lock_case(assignment.case_id)
    assignment.refresh_from_db()
    require_cleared_auditor(actor.user, assignment)
    return case


def audit_report_save(
    *,
    assignment: AuditAssignment,
    actor: Actor,
    visit_date: date,
    remote_visit: bool,
    remarks: str,
    recommendations: str,
    findings: Sequence[FindingInput],
) -> AuditReport:
    """Save the auditor's draft: the visit, remarks, recommendations and a finding per standard
    (any not assessed yet may stay empty until the report is submitted)."""
    with transaction.atomic():
        case = _report_checks(assignment, actor)
        if case.state != S.AUDIT:
            raise TransitionRefused(_("The audit report can be changed only while the audit is in progress."))
        if visit_date > timezone.localdate():
            raise ValidationError({"visit_date": _("The date of the visit cannot be in the future.")})
        remarks = clean_text(remarks, field="remarks", required=False, message="")
        recommendations = clean_text(recommendations, field="recommendations", required=False, message="")
        standards = {s.pk: s for s in QualityStandard.objects.filter(active=True)}
        seen: set[int] = set()
        for finding in findings:
            if finding.standard_id not in standards or finding.standard_id in seen:
                raise ValidationError(_("A finding refers to a standard that is not in force."))
            if finding.result and finding.result not in AuditResult.values:
                raise ValidationError(_("Choose met, partly met or not met."))
            clean_text(finding.evidence_notes, field="evidence_notes", required=False, message="")
            seen.add(finding.standard_id)
        report, _created = AuditReport.objects.update_or_create(
            case=case,
            defaults={
                "assignment": assignment,
                "visit_date": visit_date,
                "remote_visit": remote_visit,
                "remarks": remarks,
                "recommendations": recommendations,
            },
        )
        for finding in findings:
            if finding.result:
                report.findings.update_or_create(
                    standard=standards[finding.standard_id],
                    defaults={"result": finding.result, "evidence_notes": finding.evidence_notes.strip()},
                )
            else:
                report.findings.filter(standard_id=finding.standard_id).delete()
        audit_record(action=audit_actions.QUALITY_AUDIT_REPORT_SAVED, actor=actor, obj=case)
    return report


def audit_report_submit(*, assignment: AuditAssignment, actor: Actor) -> AuditReport:
    """Submit the report for the officer's decision: every standard in force has a finding."""
    with transaction.atomic():
        case = _report_checks(assignment, actor)
        step = guard(case=case, transition="submit_audit_report", actor=actor)
        report = AuditReport.objects.filter(case=case).first()
        if report is None:
            raise ValidationError(_("Save the report before you submit it."))
        missing = standards_missing(report.findings.values("standard"))
        if missing:
            raise ValidationError(
                _("Give a finding for every standard before you submit. Missing: %(codes)s.")
                % {"codes": ", ".join(missing)}
            )
        report.submitted_at = timezone.now()
        report.save(update_fields=["submitted_at"])
        move(case=case, transition=step, actor=actor)
    return report
