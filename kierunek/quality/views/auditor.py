"""The auditors' pages: their assignments, the declaration of (no) conflict of interest, the report."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import form_add_refusal
from kierunek.core.permissions import role_required

from .. import selectors as qs
from ..domain import CaseState
from ..forms import (
    AuditReportForm,
    DeclarationForm,
    FindingForm,
)
from ..models import AuditAssignment, QualityMarkCase
from ..services import audits
from ..services import common as service_rules
from .common import (
    Refusal,
    state_label,
)

# --- auditors ----------------------------------------------------------------------------------


@role_required(Role.AUDITOR)
def auditor_assignments(request: HttpRequest) -> HttpResponse:
    rows = [(a, state_label(a.case)) for a in qs.assignments_for_auditor(user=request_user(request))]
    return render(request, "quality/auditor_assignments.html", {"rows": rows})


def _my_assignment(request: HttpRequest, assignment_id: int) -> AuditAssignment:
    return get_object_or_404(
        AuditAssignment.objects.select_related("case", "case__provider", "auditor__user", "auditor__firm"),
        pk=assignment_id,
        auditor__user=request_user(request),
    )


def _finding_forms(case: QualityMarkCase, post: Any = None) -> list[tuple[Any, FindingForm]]:
    report = getattr(case, "audit_report", None)
    existing = {f.standard_id: f for f in report.findings.all()} if report is not None else {}
    rows = []
    for standard in qs.standards_in_force():
        finding = existing.get(standard.pk)
        initial = {"result": finding.result, "evidence_notes": finding.evidence_notes} if finding else {}
        rows.append((standard, FindingForm(post, prefix=f"f{standard.pk}", initial=initial)))
    return rows


def _render_assignment(
    request: HttpRequest,
    assignment: AuditAssignment,
    *,
    declaration_form: DeclarationForm | None = None,
    report_form: AuditReportForm | None = None,
    finding_forms: list[tuple[Any, FindingForm]] | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {"assignment": assignment, "provider": assignment.case.provider}
    if assignment.declared_at is None and assignment.ended_at is None:
        context["declaration_form"] = declaration_form or DeclarationForm(prefix="declaration")
    elif assignment.has_conflict is False:
        case = qs.case_with_details(case_id=assignment.case_id)
        report = getattr(case, "audit_report", None)
        editable = case.state == CaseState.AUDIT and assignment.ended_at is None
        context.update(
            case=case,
            state_label=state_label(case),
            areas=qs.standards_by_area(case=case, with_findings=True),
            report=report,
            editable=editable,
        )
        if editable:
            initial = (
                {
                    "visit_date": report.visit_date,
                    "remote_visit": report.remote_visit,
                    "remarks": report.remarks,
                    "recommendations": report.recommendations,
                }
                if report is not None
                else {}
            )
            context["report_form"] = report_form or AuditReportForm(prefix="report", initial=initial)
            context["finding_forms"] = finding_forms or _finding_forms(case)
    return render(request, "quality/auditor_assignment.html", context, status=status)


@role_required(Role.AUDITOR)
def auditor_assignment(request: HttpRequest, assignment_id: int) -> HttpResponse:
    return _render_assignment(request, _my_assignment(request, assignment_id))


@role_required(Role.AUDITOR)
@require_POST
def auditor_declare(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = _my_assignment(request, assignment_id)
    form = DeclarationForm(request.POST, prefix="declaration")
    if form.is_valid():
        try:
            audits.auditor_declare(
                assignment=assignment,
                has_conflict=form.has_conflict,
                statement=form.cleaned_data["statement"],
                actor=actor_from_request(request),
            )
        except Refusal as error:
            form_add_refusal(form, error)
        else:
            if form.has_conflict:
                messages.success(
                    request, _("Your declaration is recorded. The office will assign another auditor.")
                )
                return redirect("quality:auditor_assignments")
            messages.success(
                request, _("Your declaration is recorded. You can now read the case and write the report.")
            )
            return redirect("quality:auditor_assignment", assignment_id=assignment.pk)
    assignment.refresh_from_db()
    return _render_assignment(request, assignment, declaration_form=form, status=400)


@role_required(Role.AUDITOR)
@require_POST
def auditor_report(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """Save the draft report; with the "submit" button, submit it as well."""
    assignment = _my_assignment(request, assignment_id)
    if assignment.has_conflict is not False:
        raise Http404
    case = assignment.case
    report_form = AuditReportForm(request.POST, prefix="report")
    finding_forms = _finding_forms(case, request.POST)
    if report_form.is_valid() and all(form.is_valid() for _standard, form in finding_forms):
        data = report_form.cleaned_data
        try:
            audits.audit_report_save(
                assignment=assignment,
                actor=actor_from_request(request),
                visit_date=data["visit_date"],
                remote_visit=data["remote_visit"],
                remarks=data["remarks"],
                recommendations=data["recommendations"],
                findings=[
                    service_rules.FindingInput(
                        standard_id=standard.pk,
                        result=form.cleaned_data["result"],
                        evidence_notes=form.cleaned_data["evidence_notes"],
                    )
                    for standard, form in finding_forms
                ],
            )
            if request.POST.get("action") == "submit":
                audits.audit_report_submit(assignment=assignment, actor=actor_from_request(request))
        except Refusal as error:
            form_add_refusal(report_form, error)
        else:
            if request.POST.get("action") == "submit":
                messages.success(
                    request, _("The audit report is submitted. The office will decide on the mark.")
                )
            else:
                messages.success(request, _("The draft report is saved."))
            return redirect("quality:auditor_assignment", assignment_id=assignment.pk)
    return _render_assignment(
        request, assignment, report_form=report_form, finding_forms=finding_forms, status=400
    )
