"""Pages of the MSUES quality-mark workflow: the provider's application and self-assessment, the
officer's cases and decisions, the auditor's assignments and reports, and evidence downloads.
Thin: each view checks the role (``role_required``) and the object (404 for other people's), calls
one service and shows its refusal to the person."""

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.audit import audit_record
from kierunek.core.permissions import role_required
from kierunek.providers import selectors as provider_selectors
from kierunek.providers.models import Provider

from . import audit_actions, services
from . import selectors as qs
from .domain import CaseState
from .forms import (
    AssignAuditorForm,
    AuditReportForm,
    CorrectiveActionForm,
    DeclarationForm,
    FindingForm,
    GrantForm,
    MonitoringVisitForm,
    OptionalReasonForm,
    ReasonForm,
    RefuseForm,
    RegisterSearchForm,
    SelfAssessmentForm,
    VisitRecordForm,
)
from .models import STATE_LABELS, AuditAssignment, MonitoringVisit, QualityMarkCase, QualityStandard
from .workflows import QUALITY_CASE

Refusal = (ValidationError, PermissionDenied)  # a TransitionRefused is a ValidationError
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}


def _messages_of(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return [str(m) for m in error.messages]
    return [str(error) or _("You may not do this.")]


def _add_errors(form: forms.Form, error: Exception) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in _messages_of(error):
            form.add_error(None, message)


def _my_provider(request: HttpRequest) -> Provider:
    provider = provider_selectors.provider_for_member(user=request_user(request))
    if provider is None:
        raise Http404(_("Register your institution first."))
    return provider


def _state_label(case: QualityMarkCase | None) -> object:
    return STATE_LABELS[CaseState(case.state)] if case is not None else None


# --- provider staff ----------------------------------------------------------------------------


@role_required(Role.PROVIDER_STAFF)
def provider_home(request: HttpRequest) -> HttpResponse:
    """The provider's mark: the current case, its history, what can be done now."""
    provider = provider_selectors.provider_for_member(user=request_user(request))
    if provider is None:
        return render(request, "quality/provider_unregistered.html")
    cases = list(qs.provider_cases(provider=provider))
    context: dict[str, Any] = {
        "provider": provider,
        "case": None,
        "earlier_cases": [(c, _state_label(c)) for c in cases[1:]],
        "can_apply": provider.is_approved,
        "is_renewal": bool(cases) and cases[0].state in {CaseState.GRANTED, CaseState.EXPIRED},
        "corrective_actions": qs.open_corrective_actions(provider=provider),
    }
    if cases:
        case = qs.case_with_details(case_id=cases[0].pk)
        assignment = services.current_assignment(case)
        report = getattr(case, "audit_report", None)
        if report is not None and report.submitted_at is None:
            report = None  # a draft is the auditor's until submitted
        context.update(
            case=case,
            state_label=_state_label(case),
            actions=QUALITY_CASE.allowed(state=case.state, role=Role.PROVIDER_STAFF),
            can_apply=provider.is_approved
            and case.state not in services.OPEN_STATES
            and case.state != CaseState.SUSPENDED,
            assignment=assignment if assignment is not None and assignment.has_conflict is False else None,
            report=report,
            areas=qs.standards_by_area(case=case, with_findings=True) if report is not None else [],
        )
    return render(request, "quality/provider_home.html", context)


@role_required(Role.PROVIDER_STAFF)
@require_POST
def provider_apply(request: HttpRequest) -> HttpResponse:
    provider = _my_provider(request)
    try:
        services.quality_case_open(provider=provider, actor=actor_from_request(request))
    except Refusal as error:
        for message in _messages_of(error):
            messages.error(request, message)
        return redirect("quality:home")
    messages.success(
        request, _("Your application is open. Describe how you meet the standards, then submit it.")
    )
    return redirect("quality:self_assessment")


PROVIDER_ACTIONS: dict[str, Callable[..., QualityMarkCase]] = {
    "start_self_assessment": services.self_assessment_start,
    "submit": services.case_submit,
}


@role_required(Role.PROVIDER_STAFF)
@require_POST
def provider_action(request: HttpRequest) -> HttpResponse:
    """The buttons of the provider's page: start the self-assessment, submit the application."""
    provider = _my_provider(request)
    case = qs.provider_cases(provider=provider).first()
    service = PROVIDER_ACTIONS.get(request.POST.get("transition", ""))
    if case is None or service is None:
        raise Http404
    try:
        service(case=case, actor=actor_from_request(request))
    except Refusal as error:
        for message in _messages_of(error):
            messages.error(request, message)
        return redirect("quality:home")
    if request.POST["transition"] == "submit":
        messages.success(
            request, _("The application is submitted. A programme officer will assign an auditor.")
        )
        return redirect("quality:home")
    return redirect("quality:self_assessment")


def _self_assessment_areas(
    case: QualityMarkCase, bound: dict[int, SelfAssessmentForm] | None = None
) -> list[dict[str, Any]]:
    """The standards by area, each with its form (bound if it was just posted) while editable."""
    bound = bound or {}
    editable = case.state in services.EDITABLE_STATES
    areas = []
    for group in qs.standards_by_area(case=case):
        rows = []
        for row in group.rows:
            form = bound.get(row.standard.pk) or SelfAssessmentForm(
                prefix=f"s{row.standard.pk}", initial={"how_met": row.how_met}
            )
            rows.append({"row": row, "form": form if editable else None})
        areas.append({"label": group.label, "area": group.area, "rows": rows})
    return areas


@role_required(Role.PROVIDER_STAFF)
def provider_self_assessment(request: HttpRequest) -> HttpResponse:
    provider = _my_provider(request)
    case = qs.provider_cases(provider=provider).first()
    if case is None:
        messages.info(request, _("Apply for the quality mark first."))
        return redirect("quality:home")
    return _render_self_assessment(request, provider, case)


def _render_self_assessment(
    request: HttpRequest,
    provider: Provider,
    case: QualityMarkCase,
    bound: dict[int, SelfAssessmentForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    areas = _self_assessment_areas(case, bound)
    filled = sum(1 for area in areas for r in area["rows"] if r["row"].how_met)
    total = sum(len(area["rows"]) for area in areas)
    return render(
        request,
        "quality/self_assessment.html",
        {
            "provider": provider,
            "case": case,
            "state_label": _state_label(case),
            "areas": areas,
            "editable": case.state in services.EDITABLE_STATES,
            "filled": filled,
            "total": total,
            "can_submit": any(
                t.name == "submit" for t in QUALITY_CASE.allowed(state=case.state, role=Role.PROVIDER_STAFF)
            ),
        },
        status=status,
    )


@role_required(Role.PROVIDER_STAFF)
@require_POST
def provider_self_assessment_standard(request: HttpRequest, standard_id: int) -> HttpResponse:
    """Save one standard's description and, if given, its evidence file."""
    provider = _my_provider(request)
    case = qs.provider_cases(provider=provider).first()
    standard = get_object_or_404(QualityStandard, pk=standard_id, active=True)
    if case is None:
        raise Http404
    form = SelfAssessmentForm(request.POST, request.FILES, prefix=f"s{standard.pk}")
    if form.is_valid():
        try:
            services.self_assessment_save(
                case=case,
                standard=standard,
                how_met=form.cleaned_data["how_met"],
                actor=actor_from_request(request),
            )
            if form.cleaned_data["evidence"]:
                services.evidence_add(
                    case=case,
                    standard=standard,
                    upload=form.cleaned_data["evidence"],
                    actor=actor_from_request(request),
                )
        except Refusal as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Standard %(code)s is saved.") % {"code": standard.code})
            return redirect(reverse("quality:self_assessment") + f"#standard-{standard.pk}")
    case.refresh_from_db()
    return _render_self_assessment(request, provider, case, bound={standard.pk: form}, status=400)


@role_required(Role.PROVIDER_STAFF)
@require_POST
def provider_corrective_action_done(request: HttpRequest, action_id: int) -> HttpResponse:
    action = qs.corrective_action_for(user=request_user(request), action_id=action_id)
    if action is None:
        raise Http404
    try:
        services.corrective_action_complete(action=action, actor=actor_from_request(request))
    except Refusal as error:
        for message in _messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The corrective action is marked as done. The officer is informed."))
    return redirect("quality:home")


# --- programme officers ------------------------------------------------------------------------


@role_required(Role.OFFICER)
def officer_cases(request: HttpRequest) -> HttpResponse:
    return render(request, "quality/officer_cases.html", {"groups": qs.cases_for_officer()})


def _officer_case_context(case_id: int, **bound: forms.Form) -> dict[str, Any]:
    try:
        case = qs.case_with_details(case_id=case_id)
    except QualityMarkCase.DoesNotExist as exc:
        raise Http404 from exc
    names = {t.name for t in QUALITY_CASE.allowed(state=case.state, role=Role.OFFICER)}
    in_mark = case.state in services.MARK_STATES
    report = getattr(case, "audit_report", None)
    visits = list(case.monitoring_visits.all())
    return {
        "case": case,
        "provider": case.provider,
        "state_label": _state_label(case),
        "areas": qs.standards_by_area(case=case, with_findings=True),
        "assignment": services.current_assignment(case),
        "assignments": list(case.assignments.all()),
        "report": report,
        "visits": [
            {
                "visit": visit,
                "record_form": bound.get(f"record_{visit.pk}")
                or VisitRecordForm(
                    prefix=f"record-{visit.pk}",
                    initial={"visited_on": visit.visited_on, "findings": visit.findings},
                ),
                "action_form": bound.get(f"action_{visit.pk}")
                or CorrectiveActionForm(prefix=f"action-{visit.pk}"),
            }
            for visit in visits
        ],
        "assign_form": (
            bound.get("assign")
            or AssignAuditorForm(prefix="assign", auditors=qs.auditors_available(case=case))
        )
        if "assign_auditor" in names
        else None,
        "grant_form": (bound.get("grant") or GrantForm(prefix="grant")) if "grant" in names else None,
        "refuse_form": (bound.get("refuse") or RefuseForm(prefix="refuse")) if "refuse" in names else None,
        "suspend_form": (bound.get("suspend") or ReasonForm(prefix="suspend"))
        if "suspend" in names
        else None,
        "reinstate_form": (bound.get("reinstate") or OptionalReasonForm(prefix="reinstate"))
        if "reinstate" in names
        else None,
        "withdraw_form": (bound.get("withdraw") or ReasonForm(prefix="withdraw"))
        if "withdraw" in names
        else None,
        "visit_form": (bound.get("visit") or MonitoringVisitForm(prefix="visit")) if in_mark else None,
        "in_mark": in_mark,
    }


@role_required(Role.OFFICER)
def officer_case(request: HttpRequest, case_id: int) -> HttpResponse:
    return render(request, "quality/officer_case.html", _officer_case_context(case_id))


def _officer_post(
    request: HttpRequest,
    *,
    case_id: int,
    key: str,
    form: forms.Form,
    call: Callable[[QualityMarkCase, dict[str, Any]], object],
    success: str,
) -> HttpResponse:
    """Run one officer's form on a case; on a refusal show the case again with the form's errors."""
    case = get_object_or_404(QualityMarkCase, pk=case_id)
    if form.is_valid():
        try:
            call(case, form.cleaned_data)
        except Refusal as error:
            _add_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("quality:officer_case", case_id=case.pk)
    context = _officer_case_context(case.pk, **{key: form})
    context["error_form"] = key
    return render(request, "quality/officer_case.html", context, status=400)


@role_required(Role.OFFICER)
@require_POST
def officer_assign(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_object_or_404(QualityMarkCase, pk=case_id)
    form = AssignAuditorForm(request.POST, prefix="assign", auditors=qs.auditors_available(case=case))
    return _officer_post(
        request,
        case_id=case_id,
        key="assign",
        form=form,
        call=lambda c, d: services.auditor_assign(
            case=c, auditor=d["auditor"], actor=actor_from_request(request)
        ),
        success=_("The auditor is assigned and informed."),
    )


@role_required(Role.OFFICER)
@require_POST
def officer_grant(request: HttpRequest, case_id: int) -> HttpResponse:
    return _officer_post(
        request,
        case_id=case_id,
        key="grant",
        form=GrantForm(request.POST, prefix="grant"),
        call=lambda c, d: services.case_grant(
            case=c, actor=actor_from_request(request), years=d["years"], valid_from=d["valid_from"]
        ),
        success=_("The quality mark is granted. The provider is informed."),
    )


@role_required(Role.OFFICER)
@require_POST
def officer_refuse(request: HttpRequest, case_id: int) -> HttpResponse:
    return _officer_post(
        request,
        case_id=case_id,
        key="refuse",
        form=RefuseForm(request.POST, prefix="refuse"),
        call=lambda c, d: services.case_refuse(
            case=c, actor=actor_from_request(request), reasons=d["reasons"]
        ),
        success=_("The quality mark is refused. The provider is informed."),
    )


@role_required(Role.OFFICER)
@require_POST
def officer_suspend(request: HttpRequest, case_id: int) -> HttpResponse:
    return _officer_post(
        request,
        case_id=case_id,
        key="suspend",
        form=ReasonForm(request.POST, prefix="suspend"),
        call=lambda c, d: services.case_suspend(
            case=c, actor=actor_from_request(request), reason=d["reason"]
        ),
        success=_("The quality mark is suspended. The provider is informed."),
    )


@role_required(Role.OFFICER)
@require_POST
def officer_reinstate(request: HttpRequest, case_id: int) -> HttpResponse:
    return _officer_post(
        request,
        case_id=case_id,
        key="reinstate",
        form=OptionalReasonForm(request.POST, prefix="reinstate"),
        call=lambda c, d: services.case_reinstate(
            case=c, actor=actor_from_request(request), reason=d["reason"]
        ),
        success=_("The suspension is lifted. The provider is informed."),
    )


@role_required(Role.OFFICER)
@require_POST
def officer_withdraw(request: HttpRequest, case_id: int) -> HttpResponse:
    return _officer_post(
        request,
        case_id=case_id,
        key="withdraw",
        form=ReasonForm(request.POST, prefix="withdraw"),
        call=lambda c, d: services.case_withdraw(
            case=c, actor=actor_from_request(request), reason=d["reason"]
        ),
        success=_("The quality mark is withdrawn. The provider is informed."),
    )


@role_required(Role.OFFICER)
@require_POST
def officer_visit_add(request: HttpRequest, case_id: int) -> HttpResponse:
    return _officer_post(
        request,
        case_id=case_id,
        key="visit",
        form=MonitoringVisitForm(request.POST, prefix="visit"),
        call=lambda c, d: services.monitoring_visit_add(
            case=c,
            kind=d["kind"],
            planned_on=d["planned_on"],
            remote=d["remote"],
            actor=actor_from_request(request),
        ),
        success=_("The monitoring visit is planned. The provider is informed."),
    )


@role_required(Role.OFFICER)
@require_POST
def officer_visit_record(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = get_object_or_404(MonitoringVisit, pk=visit_id)
    return _officer_post(
        request,
        case_id=visit.case_id,
        key=f"record_{visit.pk}",
        form=VisitRecordForm(request.POST, prefix=f"record-{visit.pk}"),
        call=lambda c, d: services.monitoring_visit_record(
            visit=visit,
            visited_on=d["visited_on"],
            findings=d["findings"],
            actor=actor_from_request(request),
        ),
        success=_("The findings of the visit are saved. The provider is informed."),
    )


@role_required(Role.OFFICER)
@require_POST
def officer_corrective_action_add(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = get_object_or_404(MonitoringVisit, pk=visit_id)
    return _officer_post(
        request,
        case_id=visit.case_id,
        key=f"action_{visit.pk}",
        form=CorrectiveActionForm(request.POST, prefix=f"action-{visit.pk}"),
        call=lambda c, d: services.corrective_action_add(
            visit=visit,
            description=d["description"],
            deadline=d["deadline"],
            actor=actor_from_request(request),
        ),
        success=_("The corrective action is recorded. The provider is informed."),
    )


@role_required(Role.OFFICER)
@require_POST
def officer_corrective_action_done(request: HttpRequest, action_id: int) -> HttpResponse:
    action = qs.corrective_action_for(user=request_user(request), action_id=action_id)
    if action is None:
        raise Http404
    try:
        services.corrective_action_complete(action=action, actor=actor_from_request(request))
    except Refusal as error:
        for message in _messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The corrective action is marked as done."))
    return redirect("quality:officer_case", case_id=action.visit.case_id)


# --- auditors ----------------------------------------------------------------------------------


@role_required(Role.AUDITOR)
def auditor_assignments(request: HttpRequest) -> HttpResponse:
    rows = [(a, _state_label(a.case)) for a in qs.assignments_for_auditor(user=request_user(request))]
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
            state_label=_state_label(case),
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
            services.auditor_declare(
                assignment=assignment,
                has_conflict=form.has_conflict,
                statement=form.cleaned_data["statement"],
                actor=actor_from_request(request),
            )
        except Refusal as error:
            _add_errors(form, error)
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
            services.audit_report_save(
                assignment=assignment,
                actor=actor_from_request(request),
                visit_date=data["visit_date"],
                remote_visit=data["remote_visit"],
                remarks=data["remarks"],
                recommendations=data["recommendations"],
                findings=[
                    services.FindingInput(
                        standard_id=standard.pk,
                        result=form.cleaned_data["result"],
                        evidence_notes=form.cleaned_data["evidence_notes"],
                    )
                    for standard, form in finding_forms
                ],
            )
            if request.POST.get("action") == "submit":
                services.audit_report_submit(assignment=assignment, actor=actor_from_request(request))
        except Refusal as error:
            _add_errors(report_form, error)
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


# --- evidence ----------------------------------------------------------------------------------


@role_required(Role.PROVIDER_STAFF, Role.OFFICER, Role.AUDITOR)
def evidence_download(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """An evidence file, to the provider's own staff, officers, and the case's auditor (after
    declaring no conflict); 404 to everybody else, so that ids reveal nothing."""
    user = request_user(request)
    evidence = qs.evidence_visible_to(user=user, evidence_id=evidence_id)
    if evidence is None:
        raise Http404
    if user.role != Role.PROVIDER_STAFF:
        audit_record(
            action=audit_actions.QUALITY_EVIDENCE_READ,
            actor=actor_from_request(request),
            obj=evidence.case,
            details={"evidence": evidence.pk},
        )
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=False,
        filename=evidence.original_name,
        content_type=CONTENT_TYPES[evidence.file_kind],
    )
    return cast(HttpResponse, response)  # role_required is typed for HttpResponse; a stream is fine


# --- public --------------------------------------------------------------------------------


def public_register(request: HttpRequest) -> HttpResponse:
    """The register of MSUES quality-mark holders, for anybody."""
    form = RegisterSearchForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "q": data["q"].strip(),
            "nip": data["nip"],
            "gmina_teryt": data["gmina"].teryt if data["gmina"] else "",
            "state": data["state"],
        }
    cases = qs.register_entries(**filters, today=timezone.localdate())
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "quality/public_register.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
