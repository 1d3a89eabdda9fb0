"""The MSUES quality-mark workflow: every change to a case, its self-assessment, evidence, audit,
decision and monitoring.

Each function runs in one transaction and locks the case row first, so two people acting on one
case queue instead of both passing the same check. A function checks the person (object level:
the provider's own staff, the case's own auditor, an officer who did not audit it), then the state
machine (``workflows.QUALITY_CASE``: role and state), then the input; it raises
``PermissionDenied``, ``TransitionRefused`` or ``ValidationError`` before it writes anything. A case
moves only through ``QUALITY_CASE.apply`` (history ``CaseEvent``, audit record, the provider's
e-mail after commit); every other change writes its own audit record.
"""

import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role, User
from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.core.uploads import validate_upload
from kierunek.core.workflow import SYSTEM_ROLE, Transition, TransitionRefused
from kierunek.providers import selectors as provider_selectors
from kierunek.providers.models import Provider, ProviderStatus
from kierunek.providers.services import require_provider_member

from . import audit_actions, domain
from .domain import CaseState
from .models import (
    AuditAssignment,
    Auditor,
    AuditReport,
    AuditResult,
    CaseEvent,
    CorrectiveAction,
    EvidenceFile,
    MonitoringVisit,
    QualityMarkCase,
    QualityStandard,
    SelfAssessmentEntry,
    VisitKind,
)
from .workflows import (
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


def _require_cleared_auditor(user: User | None, assignment: AuditAssignment) -> None:
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


def _require_not_auditor_of(user: User, case: QualityMarkCase) -> None:
    """Segregation of duties: whoever audited a provider does not decide on its mark, even if
    their account now has another role."""
    if case.assignments.filter(auditor__user=user).exists():
        raise PermissionDenied(_("You audited this provider, so another officer must decide on its mark."))


def _guard(*, case: QualityMarkCase, transition: str, actor: Actor) -> Transition:
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
            _require_not_auditor_of(user, case)
    return QUALITY_CASE.check(state=case.state, name=transition, role=role, obj=case)


def _lock(case: QualityMarkCase | int) -> QualityMarkCase:
    pk = case if isinstance(case, int) else case.pk
    return QualityMarkCase.objects.select_for_update(of=("self",)).select_related("provider").get(pk=pk)


def _text(value: str, *, field: str, required: bool, message: str) -> str:
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


def _move(
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


# --- the application and the self-assessment ---------------------------------------------------


def quality_case_open(*, provider: Provider, actor: Actor) -> QualityMarkCase:
    """An approved provider applies for the mark. One case in progress at a time; applying again
    while holding a mark (or after it expired) is a renewal of that mark."""
    with transaction.atomic():
        # Locking the provider serialises two colleagues applying at once; the partial unique
        # constraint on open cases is the backstop.
        provider = Provider.objects.select_for_update().get(pk=provider.pk)
        require_provider_member(actor.user, provider)
        if provider.status != ProviderStatus.APPROVED:
            raise ValidationError(
                _(
                    "Your institution must be approved by a programme officer before it applies for the "
                    "quality mark."
                )
            )
        if provider.quality_cases.filter(state__in=OPEN_STATES).exists():
            raise ValidationError(
                _("Your institution already has an application for the quality mark in progress.")
            )
        newest = provider.quality_cases.order_by("-created_at", "-pk").first()
        if newest is not None and newest.state == S.SUSPENDED:
            raise ValidationError(
                _(
                    "Your quality mark is suspended. You can apply again once the suspension is lifted "
                    "or ends."
                )
            )
        renewal_of = newest if newest is not None and newest.state in {S.GRANTED, S.EXPIRED} else None
        try:
            with transaction.atomic():
                case = QualityMarkCase.objects.create(
                    provider=provider, created_by=actor.user, renewal_of=renewal_of
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("Your institution already has an application for the quality mark in progress.")
            ) from exc
        CaseEvent.objects.create(
            case=case, transition="open", from_state="", to_state=case.state, actor=actor.user
        )
        audit_record(
            action=audit_actions.QUALITY_CASE_OPENED,
            actor=actor,
            obj=case,
            details={"renewal_of": renewal_of.pk if renewal_of else None},
        )
        notify(
            recipients=provider_selectors.provider_staff_users(provider=case.provider),
            subject=SUBJECTS["open"],
            template=TRANSITION_TEMPLATE,
            context=case_mail_context(case, step="open", note="", link=reverse("quality:home")),
        )
        tell_auditor_and_officers(case=case, step="open")
    return case


def self_assessment_start(*, case: QualityMarkCase, actor: Actor) -> QualityMarkCase:
    with transaction.atomic():
        case = _lock(case)
        step = _guard(case=case, transition="start_self_assessment", actor=actor)
        _move(case=case, transition=step, actor=actor)
    return case


def _check_editable(case: QualityMarkCase, standard: QualityStandard) -> None:
    if case.state not in EDITABLE_STATES:
        raise TransitionRefused(
            _("The self-assessment can be changed only before the application is submitted.")
        )
    if not QualityStandard.objects.filter(pk=standard.pk, active=True).exists():
        raise ValidationError({"standard": _("This standard is no longer in force.")})


def _start_if_needed(case: QualityMarkCase, actor: Actor) -> None:
    if case.state == S.APPLICATION:
        step = _guard(case=case, transition="start_self_assessment", actor=actor)
        _move(case=case, transition=step, actor=actor)


def self_assessment_save(
    *,
    case: QualityMarkCase,
    standard: QualityStandard,
    how_met: str,
    actor: Actor,
) -> SelfAssessmentEntry:
    """The provider describes how it meets one standard. The first entry starts the
    self-assessment; after submission the self-assessment is what the auditor reads, unchanged."""
    with transaction.atomic():
        case = _lock(case)
        require_provider_member(actor.user, case.provider)
        _check_editable(case, standard)
        how_met = _text(
            how_met,
            field="how_met",
            required=True,
            message=_("Describe how your institution meets the standard."),
        )
        _start_if_needed(case, actor)
        entry, created = SelfAssessmentEntry.objects.update_or_create(
            case=case, standard=standard, defaults={"how_met": how_met, "updated_by": actor.user}
        )
        audit_record(
            action=audit_actions.QUALITY_SELF_ASSESSMENT_SAVED,
            actor=actor,
            obj=case,
            details={"standard": standard.code, "created": created},
        )
    return entry


def evidence_add(
    *,
    case: QualityMarkCase,
    standard: QualityStandard,
    upload: UploadedFile,
    actor: Actor,
) -> EvidenceFile:
    """Attach a document (PDF, PNG, JPEG; the type is read from the file) to one standard. The
    stored name is random: the person's file name is kept only as a label."""
    with transaction.atomic():
        case = _lock(case)
        require_provider_member(actor.user, case.provider)
        _check_editable(case, standard)
        kind = validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
        if case.evidence.filter(standard=standard).count() >= MAX_EVIDENCE_PER_STANDARD:
            raise ValidationError(
                _("A standard can have at most %(limit)d files.") % {"limit": MAX_EVIDENCE_PER_STANDARD}
            )
        original_name = os.path.basename(upload.name or "")[:200] or kind
        _start_if_needed(case, actor)
        upload.name = f"{uuid.uuid4().hex}.{'jpg' if kind == 'jpeg' else kind}"
        evidence = EvidenceFile.objects.create(
            case=case,
            standard=standard,
            file=upload,
            file_kind=kind,
            original_name=original_name,
            uploaded_by=actor.user,
        )
        audit_record(
            action=audit_actions.QUALITY_EVIDENCE_ADDED,
            actor=actor,
            obj=case,
            details={"standard": standard.code, "evidence": evidence.pk, "kind": kind},
        )
    return evidence


def case_submit(*, case: QualityMarkCase, actor: Actor) -> QualityMarkCase:
    """Submit the application for an audit. The self-assessment is optional (MSUES), but once
    started it must cover every standard in force."""
    with transaction.atomic():
        case = _lock(case)
        step = _guard(case=case, transition="submit", actor=actor)
        if case.state == S.SELF_ASSESSMENT:
            missing = list(
                QualityStandard.objects.filter(active=True)
                .exclude(pk__in=case.self_assessment.values("standard"))
                .values_list("code", flat=True)
            )
            if missing:
                raise ValidationError(
                    _("Describe every standard before you submit. Missing: %(codes)s.")
                    % {"codes": ", ".join(missing)}
                )
        case.submitted_at = timezone.now()
        _move(
            case=case,
            transition=step,
            actor=actor,
            fields=["submitted_at"],
        )
    return case


# --- the audit ---------------------------------------------------------------------------------


def auditor_assign(*, case: QualityMarkCase, auditor: Auditor, actor: Actor) -> AuditAssignment:
    """An officer assigns an auditor from the register. The auditor must be in the register (and
    their firm too), must not work for the provider, and must not have declined this case."""
    with transaction.atomic():
        case = _lock(case)
        step = _guard(case=case, transition="assign_auditor", actor=actor)
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
        _move(
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
        case = _lock(assignment.case_id)
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
        statement = _text(
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
            _move(
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
    case = _lock(assignment.case_id)
    assignment.refresh_from_db()
    _require_cleared_auditor(actor.user, assignment)
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
        remarks = _text(remarks, field="remarks", required=False, message="")
        recommendations = _text(recommendations, field="recommendations", required=False, message="")
        standards = {s.pk: s for s in QualityStandard.objects.filter(active=True)}
        seen: set[int] = set()
        for finding in findings:
            if finding.standard_id not in standards or finding.standard_id in seen:
                raise ValidationError(_("A finding refers to a standard that is not in force."))
            if finding.result and finding.result not in AuditResult.values:
                raise ValidationError(_("Choose met, partly met or not met."))
            _text(finding.evidence_notes, field="evidence_notes", required=False, message="")
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
        step = _guard(case=case, transition="submit_audit_report", actor=actor)
        report = AuditReport.objects.filter(case=case).first()
        if report is None:
            raise ValidationError(_("Save the report before you submit it."))
        missing = list(
            QualityStandard.objects.filter(active=True)
            .exclude(pk__in=report.findings.values("standard"))
            .values_list("code", flat=True)
        )
        if missing:
            raise ValidationError(
                _("Give a finding for every standard before you submit. Missing: %(codes)s.")
                % {"codes": ", ".join(missing)}
            )
        report.submitted_at = timezone.now()
        report.save(update_fields=["submitted_at"])
        _move(case=case, transition=step, actor=actor)
    return report


# --- decisions ---------------------------------------------------------------------------------


def _next_mark_number(*, year: int) -> str:
    prefix = f"MSUES/{year}/"
    numbers = QualityMarkCase.objects.filter(mark_number__startswith=prefix).values_list(
        "mark_number", flat=True
    )
    last = max((int(n.rsplit("/", 1)[1]) for n in numbers if n.rsplit("/", 1)[1].isdigit()), default=0)
    return f"{prefix}{last + 1:04d}"


def case_grant(
    *,
    case: QualityMarkCase,
    actor: Actor,
    years: int | None = None,
    valid_from: date | None = None,
) -> QualityMarkCase:
    """Grant the mark for ``years`` (default ``KIERUNEK_QUALITY_MARK_YEARS``) from ``valid_from``
    (default today), with the next mark number of the year."""
    years = settings.KIERUNEK_QUALITY_MARK_YEARS if years is None else years
    today = timezone.localdate()
    valid_from = valid_from or today
    with transaction.atomic():
        case = _lock(case)
        step = _guard(case=case, transition="grant", actor=actor)
        if not 1 <= years <= MAX_MARK_YEARS:
            raise ValidationError({"years": _("Give between 1 and %(max)d years.") % {"max": MAX_MARK_YEARS}})
        valid_until = domain.mark_valid_until(granted_on=valid_from, years=years)
        if valid_until < today:
            raise ValidationError(
                {"valid_from": _("A mark granted from this day would already have expired.")}
            )
        case.valid_from, case.valid_until = valid_from, valid_until
        case.mark_number = _next_mark_number(year=today.year)
        case.decided_by, case.decided_at = actor.user, timezone.now()
        _move(
            case=case,
            transition=step,
            actor=actor,
            fields=["valid_from", "valid_until", "mark_number", "decided_by", "decided_at"],
            details={"years": years, "mark_number": case.mark_number, "valid_until": valid_until.isoformat()},
        )
    return case


def case_refuse(*, case: QualityMarkCase, actor: Actor, reasons: str) -> QualityMarkCase:
    with transaction.atomic():
        case = _lock(case)
        step = _guard(case=case, transition="refuse", actor=actor)
        reasons = _text(
            reasons, field="reasons", required=True, message=_("Give the reasons for the refusal.")
        )
        case.decision_reasons = reasons
        case.decided_by, case.decided_at = actor.user, timezone.now()
        _move(
            case=case,
            transition=step,
            actor=actor,
            fields=["decision_reasons", "decided_by", "decided_at"],
            note=reasons,
        )
    return case


def case_suspend(*, case: QualityMarkCase, actor: Actor, reason: str) -> QualityMarkCase:
    with transaction.atomic():
        case = _lock(case)
        step = _guard(case=case, transition="suspend", actor=actor)
        reason = _text(
            reason, field="reason", required=True, message=_("Give the reason for the suspension.")
        )
        _move(case=case, transition=step, actor=actor, note=reason)
    return case


def case_reinstate(*, case: QualityMarkCase, actor: Actor, reason: str = "") -> QualityMarkCase:
    """Lift a suspension. A mark past its validity expires instead."""
    with transaction.atomic():
        case = _lock(case)
        step = _guard(case=case, transition="reinstate", actor=actor)
        reason = _text(reason, field="reason", required=False, message="")
        if case.valid_until is not None and case.valid_until < timezone.localdate():
            raise ValidationError(_("The mark is past its validity; it cannot be reinstated."))
        _move(case=case, transition=step, actor=actor, note=reason)
    return case


def case_withdraw(*, case: QualityMarkCase, actor: Actor, reason: str) -> QualityMarkCase:
    with transaction.atomic():
        case = _lock(case)
        step = _guard(case=case, transition="withdraw", actor=actor)
        reason = _text(
            reason, field="reason", required=True, message=_("Give the reason for the withdrawal.")
        )
        _move(case=case, transition=step, actor=actor, note=reason)
    return case


def case_expire(*, case: QualityMarkCase, today: date) -> QualityMarkCase:
    """The system ends a mark whose last valid day is before ``today``."""
    with transaction.atomic():
        case = _lock(case)
        step = _guard(case=case, transition="expire", actor=SYSTEM)
        if case.valid_until is None or case.valid_until >= today:
            raise TransitionRefused(_("The quality mark is still valid."))
        _move(case=case, transition=step, actor=SYSTEM, details={"today": today.isoformat()})
    return case


def cases_expire(*, today: date) -> int:
    """Expire every granted or suspended mark whose validity ended before ``today``; each case in
    its own transaction. Running it twice expires nothing the second time. Returns the count."""
    count = 0
    due = QualityMarkCase.objects.filter(state__in=MARK_STATES, valid_until__lt=today).order_by("pk")
    for case_id in due.values_list("pk", flat=True):
        try:
            case_expire(case=QualityMarkCase(pk=case_id), today=today)
        except TransitionRefused:  # changed meanwhile (reinstated, withdrawn, already expired)
            continue
        count += 1
    return count


# --- monitoring --------------------------------------------------------------------------------


def _require_mark(case: QualityMarkCase) -> None:
    if case.state not in MARK_STATES:
        raise TransitionRefused(_("Monitoring applies only to a granted or suspended quality mark."))


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
        case = _lock(case)
        _require_mark(case)
        if kind not in VisitKind.values:
            raise ValidationError({"kind": _("Choose a scheduled or an ad-hoc visit.")})
        visit = MonitoringVisit.objects.create(
            case=case, kind=kind, planned_on=planned_on, remote=remote, created_by=actor.user
        )
        audit_record(
            action=audit_actions.QUALITY_MONITORING_VISIT_ADDED,
            actor=actor,
            obj=case,
            details={"visit": visit.pk, "kind": kind, "planned_on": planned_on.isoformat()},
        )
        notify(
            recipients=provider_selectors.provider_staff_users(provider=case.provider),
            subject=gettext_noop("Quality mark: monitoring visit planned"),
            template="quality/email/quality_visit.txt",
            context={"visit": visit, "provider": case.provider, "link": reverse("quality:home")},
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
        case = _lock(visit.case_id)
        visit = MonitoringVisit.objects.select_for_update().get(pk=visit.pk)
        if visited_on > timezone.localdate():
            raise ValidationError({"visited_on": _("The date of the visit cannot be in the future.")})
        findings = _text(findings, field="findings", required=True, message=_("Write what the visit found."))
        visit.visited_on, visit.findings = visited_on, findings
        visit.save(update_fields=["visited_on", "findings"])
        audit_record(
            action=audit_actions.QUALITY_MONITORING_VISIT_RECORDED,
            actor=actor,
            obj=case,
            details={"visit": visit.pk, "visited_on": visited_on.isoformat()},
        )
        notify(
            recipients=provider_selectors.provider_staff_users(provider=case.provider),
            subject=gettext_noop("Quality mark: findings of the monitoring visit"),
            template="quality/email/quality_visit.txt",
            context={"visit": visit, "provider": case.provider, "link": reverse("quality:home")},
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
        case = _lock(visit.case_id)
        _require_mark(case)
        description = _text(
            description, field="description", required=True, message=_("Describe what must be corrected.")
        )
        if deadline < timezone.localdate():
            raise ValidationError({"deadline": _("The deadline cannot be in the past.")})
        action = CorrectiveAction.objects.create(visit=visit, description=description, deadline=deadline)
        audit_record(
            action=audit_actions.QUALITY_CORRECTIVE_ACTION_ADDED,
            actor=actor,
            obj=case,
            details={"visit": visit.pk, "corrective_action": action.pk, "deadline": deadline.isoformat()},
        )
        notify(
            recipients=provider_selectors.provider_staff_users(provider=case.provider),
            subject=gettext_noop("Quality mark: corrective action required"),
            template="quality/email/quality_corrective_action.txt",
            context={"action": action, "provider": case.provider, "link": reverse("quality:home")},
        )
    return action


def corrective_action_complete(*, action: CorrectiveAction, actor: Actor) -> CorrectiveAction:
    """The provider's staff (or an officer) marks a corrective action as done."""
    with transaction.atomic():
        visit = MonitoringVisit.objects.get(pk=action.visit_id)
        case = _lock(visit.case_id)
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
