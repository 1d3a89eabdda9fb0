"""A certifying institution's staff: the validations of their institution, each step by function
(the advisor leads identification and documentation, an assessor declares and sits on commissions,
the signer decides appeals), and the verification sessions with their commissions and results.
Another institution's validation or session is 404."""

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
from kierunek.qualifications.models import Authorisation, StaffFunction

from .. import domain, selectors, services
from ..forms import (
    AcceptForm,
    AppealDecisionForm,
    DeclarationForm,
    ReasonForm,
    ResultsForm,
    SeatForm,
    SelfAssessmentForm,
    SessionForm,
)
from ..models import ConflictDeclaration, Evidence, ExamSession, Seat, Validation, ValidationStatus
from .candidate import detail_context

STAFF = Role.CERTIFICATION_STAFF


def _validation(request: HttpRequest, validation_id: int) -> Validation:
    try:
        return selectors.validation_of_staff(user=request_user(request), validation_id=validation_id)
    except Validation.DoesNotExist:
        raise Http404 from None


def _here(validation_id: int) -> str:
    return reverse("validation:staff_detail", args=[validation_id])


@never_cache
@role_required(STAFF)
def validations(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("stan", "")
    if status not in ValidationStatus.values:
        status = ""
    return render(
        request,
        "validation/staff_list.html",
        {
            "validations": selectors.validations_of_staff(user=request_user(request), status=status),
            "statuses": ValidationStatus.choices,
            "status": status,
        },
    )


def _forms(request: HttpRequest, validation: Validation, data: Any = None) -> dict[str, Any]:
    user = request_user(request)
    functions = selectors.functions_of(user=user, institution_id=validation.institution_id)
    is_advisor = StaffFunction.ADVISOR in functions and validation.advisor_id == user.pk
    forms: dict[str, Any] = {"functions": functions, "is_advisor": is_advisor}
    if validation.status == domain.APPLIED and functions & {StaffFunction.ADVISOR, StaffFunction.SIGNER}:
        advisors = selectors.staff_with(
            institution_id=validation.institution_id, function=StaffFunction.ADVISOR
        )
        forms["accept_form"] = AcceptForm(data, advisors=advisors)
        forms["refuse_form"] = ReasonForm(data)
    if is_advisor and validation.status == domain.IDENTIFICATION:
        current = {a.outcome_id: a for a in validation.self_assessments.all()}
        forms["assessment_form"] = SelfAssessmentForm(
            data, outcomes=selectors.outcomes_of(validation.qualification), current=current
        )
    if validation.status == domain.VERIFICATION:
        if (
            StaffFunction.ASSESSOR in functions
            and validation.advisor_id != user.pk
            and not ConflictDeclaration.objects.filter(validation=validation, assessor=user).exists()
        ):
            forms["declaration_form"] = DeclarationForm(data)
        sessions = selectors.sessions_open_for(validation)
        if sessions:
            forms["seat_form"] = SeatForm(data, sessions=sessions)
    forms["can_certify"] = validation.status == domain.PASSED and StaffFunction.SIGNER in functions
    if validation.status == domain.APPEALED and StaffFunction.SIGNER in functions:
        forms["appeal_form"] = AppealDecisionForm(data)
    forms["declarations"] = list(validation.declarations.select_related("assessor"))
    return forms


@never_cache
@role_required(STAFF)
def detail(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _validation(request, validation_id)
    return render(
        request, "validation/staff_detail.html", {**detail_context(validation), **_forms(request, validation)}
    )


def _form_post(
    request: HttpRequest, validation: Validation, name: str, action: Any, success: str
) -> HttpResponse:
    forms = _forms(request, validation, request.POST)
    form = forms.get(name)
    if form is None:
        messages.error(request, _("This cannot be done at this stage of the validation."))
        return redirect(_here(validation.pk))
    saved, _result = form_saved(request, form, lambda data: action(form, data), success=success)
    if saved:
        return redirect(_here(validation.pk))
    context = {**detail_context(validation), **forms}
    return render(request, "validation/staff_detail.html", context, status=400)


@role_required(STAFF)
@require_POST
def accept(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _validation(request, validation_id)
    return _form_post(
        request,
        validation,
        "accept_form",
        lambda form, data: services.validation_accept(
            actor=actor_from_request(request),
            validation_id=validation.pk,
            advisor_id=data["advisor"],
            fee=data["fee"],
        ),
        _("The application was accepted; identification begins with the advisor."),
    )


@role_required(STAFF)
@require_POST
def refuse(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _validation(request, validation_id)
    return _form_post(
        request,
        validation,
        "refuse_form",
        lambda form, data: services.validation_refuse(
            actor=actor_from_request(request), validation_id=validation.pk, reason=data["reason"]
        ),
        _("The application was refused."),
    )


@role_required(STAFF)
@require_POST
def self_assessment(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _validation(request, validation_id)
    return _form_post(
        request,
        validation,
        "assessment_form",
        lambda form, data: services.self_assessment_save(
            actor=actor_from_request(request), validation_id=validation.pk, levels=form.levels()
        ),
        _("The self-assessment was saved."),
    )


@role_required(STAFF)
@require_POST
def finish_stage(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _validation(request, validation_id)
    actor = actor_from_request(request)
    if validation.status == domain.IDENTIFICATION:
        return act(
            request,
            lambda: services.identification_finish(actor=actor, validation_id=validation.pk),
            success=_("Identification is finished; the candidate documents the outcomes."),
            done=_here(validation.pk),
        )
    return act(
        request,
        lambda: services.documentation_finish(actor=actor, validation_id=validation.pk),
        success=_("Documentation is finished; the candidate is admitted to verification."),
        done=_here(validation.pk),
    )


@role_required(STAFF)
@require_POST
def declare(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _validation(request, validation_id)
    return _form_post(
        request,
        validation,
        "declaration_form",
        lambda form, data: services.conflict_declare(
            actor=actor_from_request(request),
            validation_id=validation.pk,
            has_conflict=data["has_conflict"],
            statement=data["statement"],
        ),
        _("Your declaration was recorded."),
    )


@role_required(STAFF)
@require_POST
def seat(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _validation(request, validation_id)
    return _form_post(
        request,
        validation,
        "seat_form",
        lambda form, data: services.seat_take(
            actor=actor_from_request(request), validation_id=validation.pk, session_id=data["session"]
        ),
        _("The candidate has a seat at the session."),
    )


@role_required(STAFF)
@require_POST
def appeal_decide(request: HttpRequest, validation_id: int) -> HttpResponse:
    validation = _validation(request, validation_id)
    return _form_post(
        request,
        validation,
        "appeal_form",
        lambda form, data: services.appeal_decide(
            actor=actor_from_request(request),
            validation_id=validation.pk,
            upheld=data["upheld"],
            decision=data["decision"],
        ),
        _("The decision on the appeal was recorded."),
    )


@role_required(STAFF)
@require_POST
def certify(request: HttpRequest, validation_id: int) -> HttpResponse:
    """The signer issues the certificate of a passed validation, after saying what it does."""
    validation = _validation(request, validation_id)
    asked = confirm_first(
        request,
        question=_("Issue the certificate of %(name)s to %(person)s?")
        % {"name": validation.qualification.name, "person": validation.candidate.get_full_name()},
        consequences=(
            _("The certificate names every set of learning outcomes the candidate passed."),
            _("The candidate is told by e-mail; anyone can then verify the certificate by its code."),
        ),
        confirm_label=_("Issue the certificate"),
        back=_here(validation.pk),
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.validation_certify(actor=actor_from_request(request), validation_id=validation.pk),
        success=lambda c: _("Certificate %(number)s issued.") % {"number": c.number},
        done=_here(validation.pk),
    )


@never_cache
@role_required(STAFF)
def evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponseBase:
    institutions = selectors.staff_institution_ids(user=request_user(request))
    evidence = Evidence.objects.filter(pk=evidence_id, validation__institution_id__in=institutions).first()
    if evidence is None or not evidence.file:
        raise Http404
    return upload_response(
        evidence.file, evidence.file_kind, filename=upload_name(f"dowod-{evidence.pk}", evidence.file_kind)
    )


@never_cache
@role_required(STAFF)
def sessions(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    institution_ids = sorted(selectors.staff_institution_ids(user=user))
    schedulable = [
        i
        for i in institution_ids
        if selectors.functions_of(user=user, institution_id=i)
        & {StaffFunction.SIGNER, StaffFunction.ASSESSOR}
    ]
    form = None
    if schedulable:
        institution_id = schedulable[0]
        qualifications = [
            a.qualification
            for a in Authorisation.objects.filter(institution_id=institution_id).select_related(
                "qualification"
            )
        ]
        assessors = selectors.staff_with(institution_id=institution_id, function=StaffFunction.ASSESSOR)
        form = SessionForm(request.POST or None, qualifications=qualifications, assessors=assessors)
        done = submit(
            request,
            form,
            lambda data: services.session_schedule(
                actor=actor_from_request(request),
                institution_id=institution_id,
                qualification_code=data["qualification"],
                starts_at=data["starts_at"],
                place=data["place"],
                seats=data["seats"],
                assessor_ids=data["assessors"],
            ),
            success=_("The session was scheduled."),
            done=lambda s: reverse("validation:staff_session", args=[s.pk]),
        )
        if done:
            return done
    return render(
        request,
        "validation/staff_sessions.html",
        {"sessions": selectors.sessions_of_staff(user=user), "form": form},
    )


def _seat_rows(
    session: ExamSession, user: Any, data: Any = None, seat_id: int | None = None
) -> list[dict[str, Any]]:
    on_commission = any(member.pk == user.pk for member in selectors.commission_of(session))
    session_sets = {s.pk for s in session.outcome_sets.all()}
    rows = []
    for seat in selectors.seats_of(session):
        row: dict[str, Any] = {"seat": seat, "results": list(seat.results.all())}
        validation = seat.validation
        if on_commission and not row["results"] and validation.status == domain.VERIFICATION:
            due = [s for s in selectors.sets_to_sit(validation) if s.pk in session_sets]
            if due:
                row["form"] = ResultsForm(
                    data if seat.pk == seat_id else None, sets=due, prefix=f"seat{seat.pk}"
                )
        rows.append(row)
    return rows


@never_cache
@role_required(STAFF)
def session(request: HttpRequest, session_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        found = selectors.session_of_staff(user=user, session_id=session_id)
    except ExamSession.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "validation/staff_session.html",
        {"session": found, "commission": selectors.commission_of(found), "rows": _seat_rows(found, user)},
    )


@role_required(STAFF)
@require_POST
def results(request: HttpRequest, seat_id: int) -> HttpResponse:
    user = request_user(request)
    seat_found = Seat.objects.filter(
        pk=seat_id, session__institution_id__in=selectors.staff_institution_ids(user=user)
    ).first()
    if seat_found is None:
        raise Http404
    found = seat_found.session
    here = reverse("validation:staff_session", args=[found.pk])
    rows = _seat_rows(found, user, request.POST, seat_id)
    form = next((row.get("form") for row in rows if row["seat"].pk == seat_id), None)
    if form is None:
        messages.error(request, _("You cannot record results for this seat."))
        return redirect(here)
    saved, _result = form_saved(
        request,
        form,
        lambda data: services.results_record(
            actor=actor_from_request(request),
            seat_id=seat_id,
            results=form.results(),
            remarks=data["remarks"],
        ),
        success=_("The results were recorded."),
    )
    if saved:
        return redirect(here)
    return render(
        request,
        "validation/staff_session.html",
        {"session": found, "commission": selectors.commission_of(found), "rows": rows},
        status=400,
    )
