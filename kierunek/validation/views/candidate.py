"""The candidate's pages (a participant): apply for a validation (from a qualification's page with
``?kwalifikacja=<code>``, or from an area of their own development plan with ``?obszar=<id>``),
follow it, assess themselves, document with portfolio evidence or uploads, take a seat, withdraw,
ask for a re-sit or appeal. Another person's validation is 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import act, confirm_first, form_saved, submit
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_name, upload_response
from kierunek.guidance.models import DevelopmentArea
from kierunek.qualifications.models import Qualification

from .. import domain, selectors, services
from ..forms import (
    AppealForm,
    ApplyForm,
    PortfolioEvidenceForm,
    SeatForm,
    SelfAssessmentForm,
    UploadEvidenceForm,
)
from ..models import Evidence, Validation

PARTICIPANT = Role.PARTICIPANT


def _mine(request: HttpRequest, validation_id: int) -> Validation:
    try:
        return selectors.validation_of_candidate(user=request_user(request), validation_id=validation_id)
    except Validation.DoesNotExist:
        raise Http404 from None


def _here(validation_id: int) -> str:
    return reverse("validation:mine_detail", args=[validation_id])


@never_cache
@role_required(PARTICIPANT)
def apply(request: HttpRequest) -> HttpResponse:
    area: DevelopmentArea | None = None
    code = request.GET.get("kwalifikacja", "").strip().upper()
    area_param = request.GET.get("obszar", "").strip()
    if area_param:
        try:
            area = selectors.plan_area_of(candidate=request_user(request), area_id=int(area_param))
        except (ValueError, DevelopmentArea.DoesNotExist):
            raise Http404 from None
        if not code and area.qualification is not None:
            code = area.qualification.code
    qualification = Qualification.objects.filter(code=code).first() if code else None
    if qualification is None:
        raise Http404(_("Choose a qualification of the register first."))
    institutions = selectors.authorised_institutions(qualification)
    form = ApplyForm(request.POST or None, institutions=institutions)
    done = submit(
        request,
        form,
        lambda data: services.validation_apply(
            actor=actor_from_request(request),
            qualification_code=qualification.code,
            institution_id=data["institution"],
            motivation=data["motivation"],
            plan_area_id=area.pk if area else None,
        ),
        success=_("Your application was sent to the institution."),
        done=lambda v: _here(v.pk),
    )
    return done or render(
        request,
        "validation/apply.html",
        {"qualification": qualification, "institutions": institutions, "form": form, "area": area},
    )


@never_cache
@role_required(PARTICIPANT)
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "validation/mine.html",
        {"validations": selectors.validations_of_candidate(user=request_user(request))},
    )


def _forms(validation: Validation, data: Any = None, files: Any = None) -> dict[str, Any]:
    outcomes = selectors.outcomes_of(validation.qualification)
    items = selectors.portfolio_of(validation.candidate)
    context: dict[str, Any] = {}
    if validation.status == domain.IDENTIFICATION:
        current = {a.outcome_id: a for a in validation.self_assessments.all()}
        context["assessment_form"] = SelfAssessmentForm(data, outcomes=outcomes, current=current)
    if validation.status in (domain.IDENTIFICATION, domain.DOCUMENTATION):
        context["portfolio_form"] = (
            PortfolioEvidenceForm(data, items=items, outcomes=outcomes) if items else None
        )
        context["upload_form"] = UploadEvidenceForm(data, files, outcomes=outcomes)
    if validation.status == domain.VERIFICATION:
        sessions = selectors.sessions_open_for(validation)
        context["seat_form"] = SeatForm(data, sessions=sessions) if sessions else None
    if validation.status == domain.FAILED and validation.appeal_until:
        context["appeal_form"] = AppealForm(data)
    return context


def detail_context(validation: Validation) -> dict[str, Any]:
    """What both the candidate's and the staff's page of a validation show."""
    assessed = {a.outcome_id: a for a in validation.self_assessments.all()}
    evidence = list(validation.evidence.prefetch_related("outcomes").select_related("portfolio_item"))
    return {
        "validation": validation,
        "sets": [
            (s, [(o, assessed.get(o.pk)) for o in s.outcomes.all()])
            for s in selectors.outcome_sets_of(validation.qualification)
        ],
        "evidence": evidence,
        "seats": list(validation.seats.select_related("session").prefetch_related("results__outcome_set")),
        "passed_sets": selectors.validation_passed_sets(validation),
        "to_sit": selectors.sets_to_sit(validation),
        "events": list(validation.events.all()),
        "certificate": selectors.certificate_of(validation) if validation.status == domain.PASSED else None,
    }


@never_cache
@role_required(PARTICIPANT)
def mine_detail(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _mine(request, validation_id)
    return render(
        request, "validation/mine_detail.html", {**detail_context(validation), **_forms(validation)}
    )


def _form_post(
    request: HttpRequest, validation: Validation, name: str, action: Any, success: str
) -> HttpResponse:
    """A form of the detail page posted: done, back to the page; refused or invalid, the page again
    with the form's errors."""
    forms = _forms(validation, request.POST, request.FILES)
    form = forms.get(name)
    if form is None:
        messages.error(request, _("This cannot be done at this stage of the validation."))
        return redirect(_here(validation.pk))
    saved, _result = form_saved(request, form, lambda data: action(form, data), success=success)
    if saved:
        return redirect(_here(validation.pk))
    return render(request, "validation/mine_detail.html", {**detail_context(validation), **forms}, status=400)


@role_required(PARTICIPANT)
@require_POST
def self_assessment(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _mine(request, validation_id)
    return _form_post(
        request,
        validation,
        "assessment_form",
        lambda form, data: services.self_assessment_save(
            actor=actor_from_request(request), validation_id=validation.pk, levels=form.levels()
        ),
        _("Your self-assessment was saved."),
    )


@role_required(PARTICIPANT)
@require_POST
def evidence_portfolio(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _mine(request, validation_id)
    return _form_post(
        request,
        validation,
        "portfolio_form",
        lambda form, data: services.evidence_from_portfolio(
            actor=actor_from_request(request),
            validation_id=validation.pk,
            portfolio_item_id=data["portfolio_item"],
            outcome_ids=data["outcomes"],
        ),
        _("The portfolio item was added as evidence."),
    )


@role_required(PARTICIPANT)
@require_POST
def evidence_upload(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _mine(request, validation_id)
    return _form_post(
        request,
        validation,
        "upload_form",
        lambda form, data: services.evidence_upload(
            actor=actor_from_request(request),
            validation_id=validation.pk,
            title=data["title"],
            upload=data["file"],
            outcome_ids=data["outcomes"],
        ),
        _("The document was added as evidence."),
    )


@role_required(PARTICIPANT)
@require_POST
def evidence_remove(request: HttpRequest, validation_id: int, evidence_id: int) -> HttpResponse:
    validation = _mine(request, validation_id)
    return act(
        request,
        lambda: services.evidence_remove(
            actor=actor_from_request(request), validation_id=validation.pk, evidence_id=evidence_id
        ),
        success=_("The evidence was removed."),
        done=_here(validation.pk),
    )


@role_required(PARTICIPANT)
@require_POST
def seat(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _mine(request, validation_id)
    return _form_post(
        request,
        validation,
        "seat_form",
        lambda form, data: services.seat_take(
            actor=actor_from_request(request), validation_id=validation.pk, session_id=data["session"]
        ),
        _("Your seat at the session is booked."),
    )


@role_required(PARTICIPANT)
@require_POST
def withdraw(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _mine(request, validation_id)
    asked = confirm_first(
        request,
        question=_("Withdraw from the validation of %(name)s?") % {"name": validation.qualification.name},
        consequences=[_("The institution stops the validation; to try again you apply anew.")],
        confirm_label=_("Withdraw"),
        back=_here(validation.pk),
    )
    return asked or act(
        request,
        lambda: services.validation_withdraw(actor=actor_from_request(request), validation_id=validation.pk),
        success=_("You withdrew from the validation."),
        done=_here(validation.pk),
    )


@role_required(PARTICIPANT)
@require_POST
def resit(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _mine(request, validation_id)
    return act(
        request,
        lambda: services.validation_resit(actor=actor_from_request(request), validation_id=validation.pk),
        success=_("You may now take a seat at a session for the sets you have not passed."),
        done=_here(validation.pk),
    )


@role_required(PARTICIPANT)
@require_POST
def appeal(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _mine(request, validation_id)
    return _form_post(
        request,
        validation,
        "appeal_form",
        lambda form, data: services.validation_appeal(
            actor=actor_from_request(request), validation_id=validation.pk, text=data["text"]
        ),
        _("Your appeal was sent to the institution."),
    )


@never_cache
@role_required(PARTICIPANT)
def evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponseBase:
    evidence = Evidence.objects.filter(pk=evidence_id, validation__candidate=request_user(request)).first()
    if evidence is None or not evidence.file:
        raise Http404
    return upload_response(
        evidence.file, evidence.file_kind, filename=upload_name(f"dowod-{evidence.pk}", evidence.file_kind)
    )
