"""The API of validation, mounted by config/api.py at ``/api/v1/validations`` (session or token):
the candidate's operations (their validations, apply, withdraw) and the certifying institution's
(its validations, a seat's results and recording them). The same services as the pages; a
service's refusal is answered by the API root (409, 403, 404)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.api_errors import ErrorOut
from kierunek.core.permissions import api_require_roles

from . import selectors, services
from .models import Seat, SetResult, Validation

router = Router()


class ValidationSetOut(Schema):
    code: str
    name: str


class ValidationOut(Schema):
    id: int
    qualification_code: str
    qualification_name: str
    institution: str
    status: str
    status_label: str
    applied_at: datetime
    result_on: date | None
    appeal_until: date | None
    passed_sets: list[ValidationSetOut]
    sets_to_sit: list[ValidationSetOut]


class ValidationStaffOut(ValidationOut):
    candidate: str
    advisor: str


class ValidationApplyIn(Schema):
    qualification_code: str = Field(max_length=40, description="The qualification's code in the register")
    institution_id: int = Field(description="An institution authorised to certify it")
    motivation: str = Field("", max_length=2000)
    plan_area_id: int | None = Field(None, description="An area of the candidate's own development plan")


class ValidationSetResultOut(Schema):
    outcome_set: str
    theory_passed: bool
    practical_passed: bool
    passed: bool
    recorded_at: datetime


class ValidationSetResultIn(Schema):
    outcome_set_id: int
    theory_passed: bool
    practical_passed: bool


class ValidationResultsIn(Schema):
    results: list[ValidationSetResultIn] = Field(max_length=50)
    remarks: str = Field("", max_length=2000)


def _sets(sets: list[Any]) -> list[dict[str, str]]:
    return [{"code": s.code, "name": s.name} for s in sets]


def _validation(validation: Validation) -> dict[str, Any]:
    return {
        "id": validation.pk,
        "qualification_code": validation.qualification.code,
        "qualification_name": validation.qualification.name,
        "institution": validation.institution.name,
        "status": validation.status,
        "status_label": selectors.status_label(validation.status),
        "applied_at": validation.applied_at,
        "result_on": validation.result_on,
        "appeal_until": validation.appeal_until,
        "passed_sets": _sets(selectors.validation_passed_sets(validation)),
        "sets_to_sit": _sets(selectors.sets_to_sit(validation)),
    }


def _staff_view(validation: Validation) -> dict[str, Any]:
    return {
        **_validation(validation),
        "candidate": validation.candidate.get_full_name(),
        "advisor": validation.advisor.get_full_name() if validation.advisor else "",
    }


def _result(result: SetResult) -> dict[str, Any]:
    return {
        "outcome_set": result.outcome_set.code,
        "theory_passed": result.theory_passed,
        "practical_passed": result.practical_passed,
        "passed": result.passed,
        "recorded_at": result.recorded_at,
    }


@router.get("/mine", response=list[ValidationOut], url_name="validations_mine", summary="My validations")
def mine(request: HttpRequest) -> Any:
    """Participants only: their validations, newest first."""
    api_require_roles(request, Role.PARTICIPANT)
    return [_validation(v) for v in selectors.validations_of_candidate(user=request_user(request))[:200]]


@router.post(
    "/mine",
    response={201: ValidationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Apply for the validation of a qualification",
)
def apply(request: HttpRequest, payload: ValidationApplyIn) -> Any:
    """Participants only: to an institution authorised to certify the qualification; one open
    validation per qualification (another is 409)."""
    api_require_roles(request, Role.PARTICIPANT)
    validation = services.validation_apply(
        actor=actor_from_request(request),
        qualification_code=payload.qualification_code,
        institution_id=payload.institution_id,
        motivation=payload.motivation,
        plan_area_id=payload.plan_area_id,
    )
    return Status(201, _validation(validation))


@router.get(
    "/mine/{validation_id}",
    response={200: ValidationOut, 404: ErrorOut},
    url_name="validation_mine",
    summary="One of my validations",
)
def mine_one(request: HttpRequest, validation_id: int) -> Any:
    api_require_roles(request, Role.PARTICIPANT)
    return _validation(
        selectors.validation_of_candidate(user=request_user(request), validation_id=validation_id)
    )


@router.delete(
    "/mine/{validation_id}",
    response={200: ValidationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Withdraw from one of my validations",
)
def withdraw(request: HttpRequest, validation_id: int) -> Any:
    api_require_roles(request, Role.PARTICIPANT)
    validation = services.validation_withdraw(actor=actor_from_request(request), validation_id=validation_id)
    return _validation(validation)


@router.get(
    "/institution",
    response=list[ValidationStaffOut],
    url_name="validations_institution",
    summary="The validations of my certifying institution",
)
def institution(request: HttpRequest, status: str = "") -> Any:
    """Certifying institution staff only: the validations at their institutions (by status)."""
    api_require_roles(request, Role.CERTIFICATION_STAFF)
    found = selectors.validations_of_staff(user=request_user(request), status=status)
    return [_staff_view(v) for v in found[:500]]


@router.get(
    "/institution/{validation_id}",
    response={200: ValidationStaffOut, 404: ErrorOut},
    url_name="validation_institution",
    summary="One validation of my certifying institution",
)
def institution_one(request: HttpRequest, validation_id: int) -> Any:
    api_require_roles(request, Role.CERTIFICATION_STAFF)
    return _staff_view(selectors.validation_of_staff(user=request_user(request), validation_id=validation_id))


def _seat(request: HttpRequest, seat_id: int) -> Seat:
    institutions = selectors.staff_institution_ids(user=request_user(request))
    return Seat.objects.get(pk=seat_id, session__institution_id__in=institutions)


@router.get(
    "/institution/seats/{seat_id}/results",
    response={200: list[ValidationSetResultOut], 404: ErrorOut},
    url_name="validation_seat_results",
    summary="The results recorded for a seat at a verification session",
)
def seat_results(request: HttpRequest, seat_id: int) -> Any:
    api_require_roles(request, Role.CERTIFICATION_STAFF)
    return [_result(r) for r in _seat(request, seat_id).results.select_related("outcome_set")]


@router.post(
    "/institution/seats/{seat_id}/results",
    response={201: ValidationStaffOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Record the commission's results for a seat",
)
def seat_results_record(request: HttpRequest, seat_id: int, payload: ValidationResultsIn) -> Any:
    """A member of the session's commission: the theory and practical result of every set the
    candidate sat; every member must have declared no conflict of interest first, and the
    candidate's advisor is never one (403). When every set then has a result, the validation is
    passed or not."""
    api_require_roles(request, Role.CERTIFICATION_STAFF)
    seat = _seat(request, seat_id)
    validation = services.results_record(
        actor=actor_from_request(request),
        seat_id=seat.pk,
        results={r.outcome_set_id: (r.theory_passed, r.practical_passed) for r in payload.results},
        remarks=payload.remarks,
    )
    return Status(201, _staff_view(validation))
