"""JSON API of career guidance, mounted by config/api.py at /api/v1/guidance/ (session or bearer
token). The same services and selectors as the pages: participants book, move and cancel
meetings and read their plan and recommendations; advisors search the competence vocabulary."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.api_errors import ErrorOut
from kierunek.core.money import Money
from kierunek.core.permissions import api_require_roles

from . import selectors
from .domain import PlanStatus
from .models import AdvisorSlot, Appointment
from .recommendations import ValidationAdvice, recommendations_for
from .services import appointments as appointment_services
from .services import plan as plan_services

router = Router()


class SlotOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    mode: str
    centre: str | None
    advisor: str


class AppointmentOut(Schema):
    id: int
    status: str
    slot: SlotOut


class SlotIn(Schema):
    slot_id: int


class AreaOut(Schema):
    title: str
    gap: str
    goals: str
    package_kind: str
    categories: list[str]
    market_qualification: str
    qualification_code: str | None
    priority: int


class PlanOut(Schema):
    status: str
    advisor: str
    signed_at: datetime | None
    acknowledged_at: datetime | None
    target_occupation_uri: str | None
    summary: str
    areas: list[AreaOut]


class RecommendedOut(Schema):
    service_id: int
    title: str
    starts_on: date
    price_gross: str
    vouchers: int
    top_up: str
    reasons: list[str]


class GuidanceCoveredOutcomeOut(Schema):
    code: str
    text: str
    covered_by: str


class GuidanceMissingOutcomeOut(Schema):
    code: str
    text: str


class GuidanceValidationAdviceOut(Schema):
    """Whether the area's qualification is validated before training, and why (decision 0019)."""

    qualification_code: str
    qualification_name: str
    validation_first: bool
    covered: list[GuidanceCoveredOutcomeOut]
    missing: list[GuidanceMissingOutcomeOut]


class AreaRecommendationsOut(Schema):
    area: str
    package_kind: str
    package_vouchers: int | None
    services: list[RecommendedOut]
    validation: GuidanceValidationAdviceOut | None


class CompetenceOut(Schema):
    uri: str
    label: str
    concept_type: str
    source: str
    broader: str | None


def _slot(slot: AdvisorSlot) -> dict[str, Any]:
    return {
        "id": slot.pk,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "mode": slot.mode,
        "centre": slot.centre.name if slot.centre else None,
        "advisor": slot.advisor.get_full_name(),
    }


def _appointment(appointment: Appointment) -> dict[str, Any]:
    return {"id": appointment.pk, "status": appointment.status, "slot": _slot(appointment.slot)}


@router.get("/slots", response=list[SlotOut], summary="Free slots with advisors (participants)")
def slots(request: HttpRequest, centre_id: int | None = None, mode: str = "") -> Any:
    api_require_roles(request, Role.PARTICIPANT)
    return [_slot(slot) for slot in selectors.open_slots(centre_id=centre_id, mode=mode)[:200]]


@router.get(
    "/appointments", response=list[AppointmentOut], summary="My meetings, the latest first (participants)"
)
def appointments(request: HttpRequest) -> Any:
    api_require_roles(request, Role.PARTICIPANT)
    user = request_user(request)
    return [_appointment(a) for a in selectors.appointments_of(participant=user)[:50]]


@router.post(
    "/appointments",
    response={201: AppointmentOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Book a slot (participants)",
)
def appointment_book(request: HttpRequest, payload: SlotIn) -> Any:
    api_require_roles(request, Role.PARTICIPANT)
    booked = appointment_services.appointment_book(slot_id=payload.slot_id, actor=actor_from_request(request))
    return Status(201, _appointment(booked))


@router.get(
    "/appointments/{appointment_id}",
    response={200: AppointmentOut, 404: ErrorOut},
    summary="One of my meetings (participants)",
)
def appointment(request: HttpRequest, appointment_id: int) -> Any:
    api_require_roles(request, Role.PARTICIPANT)
    user = request_user(request)
    return _appointment(selectors.appointments_of(participant=user).get(pk=appointment_id))


@router.patch(
    "/appointments/{appointment_id}",
    response={200: AppointmentOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Move my meeting to another slot (participants)",
)
def appointment_move(request: HttpRequest, appointment_id: int, payload: SlotIn) -> Any:
    api_require_roles(request, Role.PARTICIPANT)
    moved = appointment_services.appointment_move(
        appointment_id=appointment_id, new_slot_id=payload.slot_id, actor=actor_from_request(request)
    )
    return _appointment(moved)


@router.delete(
    "/appointments/{appointment_id}",
    response={200: AppointmentOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Cancel a meeting (the participant, or the advisor of the slot)",
)
def appointment_cancel(request: HttpRequest, appointment_id: int) -> Any:
    api_require_roles(request, Role.PARTICIPANT, Role.ADVISOR)
    cancelled = appointment_services.appointment_cancel(
        appointment_id=appointment_id, actor=actor_from_request(request)
    )
    return _appointment(cancelled)


@router.get(
    "/plan", response={200: PlanOut, 404: ErrorOut}, summary="My signed development plan (participants)"
)
def plan(request: HttpRequest) -> Any:
    api_require_roles(request, Role.PARTICIPANT)
    balance = selectors.own_balance(participant=request_user(request))
    if balance is None or balance.plan.status == PlanStatus.DRAFT:
        return Status(404, {"detail": "Plan nie jest jeszcze podpisany. / Your plan is not signed yet."})
    plan = balance.plan
    return {
        "status": plan.status,
        "advisor": balance.advisor.get_full_name(),
        "signed_at": plan.signed_at,
        "acknowledged_at": plan.acknowledged_at,
        "target_occupation_uri": plan.target_occupation.uri if plan.target_occupation else None,
        "summary": plan.summary,
        "areas": [
            {
                "title": area.title,
                "gap": area.gap,
                "goals": area.goals,
                "package_kind": area.package_kind,
                "categories": [category.code for category in area.categories.all()],
                "market_qualification": area.market_qualification,
                "qualification_code": area.qualification.code if area.qualification else None,
                "priority": area.priority,
            }
            for area in selectors.areas_of(plan)
        ],
    }


class AcknowledgementOut(Schema):
    acknowledged_at: datetime | None


@router.get(
    "/plan/acknowledgement",
    response={200: AcknowledgementOut, 404: ErrorOut},
    summary="Whether I have acknowledged my plan (participants)",
)
def plan_acknowledgement(request: HttpRequest) -> Any:
    api_require_roles(request, Role.PARTICIPANT)
    user = request_user(request)
    balance = selectors.own_balance(participant=user)
    if balance is None or balance.plan.status == PlanStatus.DRAFT:
        return Status(404, {"detail": "Plan nie jest jeszcze podpisany. / Your plan is not signed yet."})
    return {"acknowledged_at": balance.plan.acknowledged_at}


@router.post(
    "/plan/acknowledgement",
    response={200: AcknowledgementOut, 409: ErrorOut},
    summary="Acknowledge my signed plan, with my own login (participants)",
)
def plan_acknowledge(request: HttpRequest) -> Any:
    api_require_roles(request, Role.PARTICIPANT)
    acknowledged = plan_services.plan_acknowledge(actor=actor_from_request(request))
    return {"acknowledged_at": acknowledged.acknowledged_at}


@router.get(
    "/recommendations",
    response=list[AreaRecommendationsOut],
    summary="Services recommended for each area of my signed plan (participants)",
)
def recommendations(request: HttpRequest) -> Any:
    api_require_roles(request, Role.PARTICIPANT)
    return [
        {
            "area": result.area.title,
            "package_kind": result.area.package_kind,
            "package_vouchers": result.package_vouchers,
            "services": [
                {
                    "service_id": item.card.pk,
                    "title": item.card.title,
                    "starts_on": item.card.starts_on,
                    "price_gross": Money(item.card.price_gross).api_str(),
                    "vouchers": item.vouchers,
                    "top_up": Money(item.top_up).api_str(),
                    "reasons": list(item.reasons),
                }
                for item in result.services
            ],
            "validation": _advice_out(result.validation),
        }
        for result in recommendations_for(participant=request_user(request))
    ]


def _advice_out(advice: ValidationAdvice | None) -> dict[str, Any] | None:
    if advice is None:
        return None
    return {
        "qualification_code": advice.qualification.code,
        "qualification_name": advice.qualification.name,
        "validation_first": advice.coverage.validation_first,
        "covered": [
            {"code": item.outcome.code, "text": item.outcome.text, "covered_by": item.by}
            for item in advice.coverage.covered
        ],
        "missing": [{"code": outcome.code, "text": outcome.text} for outcome in advice.coverage.missing],
    }


@router.get(
    "/competences", response=list[CompetenceOut], summary="Search the competence vocabulary (advisors)"
)
def competences(request: HttpRequest, q: str, collection: str = "") -> Any:
    api_require_roles(request, Role.ADVISOR)
    return [
        {
            "uri": c.uri,
            "label": c.label,
            "concept_type": c.concept_type,
            "source": c.source,
            "broader": c.parent.uri if c.parent else None,
        }
        for c in selectors.competence_search(q=q[:100], collection=collection)
    ]
