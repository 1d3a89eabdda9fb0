"""The provider staff's pages: the mark, the application, the self-assessment and its evidence,
and corrective actions."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import act, flash_refusal, form_add_refusal
from kierunek.core.permissions import role_required
from kierunek.providers import selectors as provider_selectors
from kierunek.providers.models import Provider

from .. import selectors as qs
from ..domain import CaseState
from ..forms import (
    SelfAssessmentForm,
)
from ..models import QualityMarkCase, QualityStandard
from ..services import applications
from ..services import common as service_rules
from ..workflows import QUALITY_CASE
from .common import (
    Refusal,
    corrective_action_done,
    my_provider,
    state_label,
)

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
        "earlier_cases": [(c, state_label(c)) for c in cases[1:]],
        "can_apply": provider.is_approved,
        "is_renewal": bool(cases) and cases[0].state in {CaseState.GRANTED, CaseState.EXPIRED},
        "corrective_actions": qs.open_corrective_actions(provider=provider),
    }
    if cases:
        case = qs.case_with_details(case_id=cases[0].pk)
        assignment = service_rules.current_assignment(case)
        report = getattr(case, "audit_report", None)
        if report is not None and report.submitted_at is None:
            report = None  # a draft is the auditor's until submitted
        context.update(
            case=case,
            state_label=state_label(case),
            actions=QUALITY_CASE.allowed(state=case.state, role=Role.PROVIDER_STAFF),
            can_apply=provider.is_approved
            and case.state not in service_rules.OPEN_STATES
            and case.state != CaseState.SUSPENDED,
            assignment=assignment if assignment is not None and assignment.has_conflict is False else None,
            report=report,
            areas=qs.standards_by_area(case=case, with_findings=True) if report is not None else [],
        )
    return render(request, "quality/provider_home.html", context)


@role_required(Role.PROVIDER_STAFF)
@require_POST
def provider_apply(request: HttpRequest) -> HttpResponse:
    provider = my_provider(request)
    return act(
        request,
        lambda: applications.quality_case_open(provider=provider, actor=actor_from_request(request)),
        success=_(
            "Your application is open. You can submit it now; the self-assessment is optional (see what "
            "is required and when below)."
        ),
        done="quality:home",
        refused="quality:home",
        refusals=Refusal,
    )


PROVIDER_ACTIONS: dict[str, Callable[..., QualityMarkCase]] = {
    "start_self_assessment": applications.self_assessment_start,
    "submit": applications.case_submit,
}


@role_required(Role.PROVIDER_STAFF)
@require_POST
def provider_action(request: HttpRequest) -> HttpResponse:
    """The buttons of the provider's page: start the self-assessment, submit the application."""
    provider = my_provider(request)
    case = qs.provider_cases(provider=provider).first()
    service = PROVIDER_ACTIONS.get(request.POST.get("transition", ""))
    if case is None or service is None:
        raise Http404
    try:
        service(case=case, actor=actor_from_request(request))
    except Refusal as error:
        flash_refusal(request, error)
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
    editable = case.state in service_rules.EDITABLE_STATES
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
    provider = my_provider(request)
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
            "state_label": state_label(case),
            "areas": areas,
            "editable": case.state in service_rules.EDITABLE_STATES,
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
    provider = my_provider(request)
    case = qs.provider_cases(provider=provider).first()
    standard = get_object_or_404(QualityStandard, pk=standard_id, active=True)
    if case is None:
        raise Http404
    form = SelfAssessmentForm(request.POST, request.FILES, prefix=f"s{standard.pk}")
    if form.is_valid():
        try:
            applications.self_assessment_save(
                case=case,
                standard=standard,
                how_met=form.cleaned_data["how_met"],
                actor=actor_from_request(request),
            )
            if form.cleaned_data["evidence"]:
                applications.evidence_add(
                    case=case,
                    standard=standard,
                    upload=form.cleaned_data["evidence"],
                    actor=actor_from_request(request),
                )
        except Refusal as error:
            form_add_refusal(form, error)
        else:
            messages.success(request, _("Standard %(code)s is saved.") % {"code": standard.code})
            return redirect(reverse("quality:self_assessment") + f"#standard-{standard.pk}")
    case.refresh_from_db()
    return _render_self_assessment(request, provider, case, bound={standard.pk: form}, status=400)


@role_required(Role.PROVIDER_STAFF)
@require_POST
def provider_corrective_action_done(request: HttpRequest, action_id: int) -> HttpResponse:
    return corrective_action_done(
        request,
        action_id,
        success=_("The corrective action is marked as done. The officer is informed."),
        done=lambda action: "quality:home",
    )
