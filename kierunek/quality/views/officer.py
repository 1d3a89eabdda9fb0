"""The programme officers' pages: the cases, assigning auditors, decisions and monitoring."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import form_add_refusal
from kierunek.core.permissions import role_required

from .. import selectors as qs
from ..forms import (
    AssignAuditorForm,
    CorrectiveActionForm,
    GrantForm,
    MonitoringVisitForm,
    OptionalReasonForm,
    ReasonForm,
    RefuseForm,
    VisitRecordForm,
)
from ..models import MonitoringVisit, QualityMarkCase
from ..services import audits, decisions, monitoring
from ..services import common as service_rules
from ..workflows import QUALITY_CASE
from .common import (
    Refusal,
    corrective_action_done,
    state_label,
)

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
    in_mark = case.state in service_rules.MARK_STATES
    report = getattr(case, "audit_report", None)
    visits = list(case.monitoring_visits.all())
    return {
        "case": case,
        "provider": case.provider,
        "state_label": state_label(case),
        "areas": qs.standards_by_area(case=case, with_findings=True),
        "assignment": service_rules.current_assignment(case),
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
            form_add_refusal(form, error)
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
        call=lambda c, d: audits.auditor_assign(
            case=c, auditor=d["auditor"], actor=actor_from_request(request)
        ),
        success=_("The auditor is assigned and informed."),
    )


def _case_decision(
    key: str, form_class: type[forms.Form], service: Callable[..., object], success: Any, *fields: str
) -> Callable[[HttpRequest, int], HttpResponse]:
    """An officer's POST on a case: the form prefixed ``key``, its ``fields`` passed to ``service``."""

    @role_required(Role.OFFICER)
    @require_POST
    def view(request: HttpRequest, case_id: int) -> HttpResponse:
        return _officer_post(
            request,
            case_id=case_id,
            key=key,
            form=form_class(request.POST, prefix=key),
            call=lambda c, d: service(
                case=c, actor=actor_from_request(request), **{name: d[name] for name in fields}
            ),
            success=str(success),
        )

    return view


def _visit_decision(
    key: str, form_class: type[forms.Form], service: Callable[..., object], success: Any, *fields: str
) -> Callable[[HttpRequest, int], HttpResponse]:
    """An officer's POST on a monitoring visit: the form prefixed ``key-<visit>``."""

    @role_required(Role.OFFICER)
    @require_POST
    def view(request: HttpRequest, visit_id: int) -> HttpResponse:
        visit = get_object_or_404(MonitoringVisit, pk=visit_id)
        return _officer_post(
            request,
            case_id=visit.case_id,
            key=f"{key}_{visit.pk}",
            form=form_class(request.POST, prefix=f"{key}-{visit.pk}"),
            call=lambda c, d: service(
                visit=visit, actor=actor_from_request(request), **{name: d[name] for name in fields}
            ),
            success=str(success),
        )

    return view


officer_grant = _case_decision(
    "grant",
    GrantForm,
    decisions.case_grant,
    gettext_lazy("The quality mark is granted. The provider is informed."),
    "years",
    "valid_from",
)
officer_refuse = _case_decision(
    "refuse",
    RefuseForm,
    decisions.case_refuse,
    gettext_lazy("The quality mark is refused. The provider is informed."),
    "reasons",
)
officer_suspend = _case_decision(
    "suspend",
    ReasonForm,
    decisions.case_suspend,
    gettext_lazy("The quality mark is suspended. The provider is informed."),
    "reason",
)
officer_reinstate = _case_decision(
    "reinstate",
    OptionalReasonForm,
    decisions.case_reinstate,
    gettext_lazy("The suspension is lifted. The provider is informed."),
    "reason",
)
officer_withdraw = _case_decision(
    "withdraw",
    ReasonForm,
    decisions.case_withdraw,
    gettext_lazy("The quality mark is withdrawn. The provider is informed."),
    "reason",
)
officer_visit_add = _case_decision(
    "visit",
    MonitoringVisitForm,
    monitoring.monitoring_visit_add,
    gettext_lazy("The monitoring visit is planned. The provider is informed."),
    "kind",
    "planned_on",
    "remote",
)
officer_visit_record = _visit_decision(
    "record",
    VisitRecordForm,
    monitoring.monitoring_visit_record,
    gettext_lazy("The findings of the visit are saved. The provider is informed."),
    "visited_on",
    "findings",
)
officer_corrective_action_add = _visit_decision(
    "action",
    CorrectiveActionForm,
    monitoring.corrective_action_add,
    gettext_lazy("The corrective action is recorded. The provider is informed."),
    "description",
    "deadline",
)


@role_required(Role.OFFICER)
@require_POST
def officer_corrective_action_done(request: HttpRequest, action_id: int) -> HttpResponse:
    return corrective_action_done(
        request,
        action_id,
        success=_("The corrective action is marked as done."),
        done=lambda action: reverse("quality:officer_case", kwargs={"case_id": action.visit.case_id}),
    )
