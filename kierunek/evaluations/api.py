"""JSON API of the anonymous survey, mounted by config/api.py at /api/v1/vouchers/ beside the
vouchers operations (the addresses they had there): a participant evaluates a completed booking;
provider staff read the averages of their services. A refusal of the service is answered by the
API root (409 with its message); another person's booking is 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from kierunek.core.actor import actor_from_request
from kierunek.core.api_errors import ErrorOut
from kierunek.vouchers.api.participant import own_booking_action, own_booking_read
from kierunek.vouchers.api.provider import staff_provider
from kierunek.vouchers.api.schemas import BookingOut

from . import selectors, services
from .models import MIN_RESPONSES_SHOWN, SCORE_FIELDS

router = Router()


class EvaluationIn(Schema):
    """Scores from 1 (very poor) to 5 (very good); the comment must not identify the person."""

    content: int
    trainer: int
    organisation: int
    usefulness: int
    comment: str = ""


class RatingOut(Schema):
    service_id: int | None  # None in the total over all services
    service: str
    responses: int
    hidden: bool  # fewer responses than ``minimum_responses``: no average is given
    averages: dict[str, float | None]  # content, trainer, organisation, usefulness
    overall: float | None


class RatingsOut(Schema):
    minimum_responses: int
    services: list[RatingOut]
    total: RatingOut


def rating_out(row: selectors.RatingRow) -> dict[str, Any]:
    return {
        "service_id": row.card_id,
        "service": row.title,
        "responses": row.count,
        "hidden": row.hidden,
        "averages": dict(zip(SCORE_FIELDS, row.averages, strict=True)),
        "overall": row.overall,
    }


@router.get(
    "/bookings/{booking_id}/evaluation",
    response={200: BookingOut, 404: ErrorOut},
    url_name="vouchers_booking_evaluation",
    summary="My booking, with whether I have evaluated it",
)
def booking_evaluation(request: HttpRequest, booking_id: int) -> Any:
    return own_booking_read(request, booking_id)


@router.post(
    "/bookings/{booking_id}/evaluation",
    response={200: BookingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Evaluate a completed service in the anonymous survey (once)",
)
def booking_evaluate(request: HttpRequest, booking_id: int, payload: EvaluationIn) -> Any:
    """Participants, for a completed or settled booking. The response is stored without the
    participant and the booking; the booking only records that it was evaluated (``evaluated``).
    A score outside 1-5 or a second evaluation is 409 with the reason."""
    return own_booking_action(
        request,
        booking_id,
        lambda: services.evaluation_submit(
            booking_id=booking_id,
            actor=actor_from_request(request),
            scores={name: getattr(payload, name) for name in SCORE_FIELDS},
            comment=payload.comment,
        ),
    )


@router.get(
    "/provider/ratings",
    response={200: RatingsOut, 404: ErrorOut},
    url_name="vouchers_provider_ratings",
    summary="Averages of the anonymous survey of my organisation's services",
)
def provider_ratings(request: HttpRequest) -> Any:
    """Provider staff. Averages per service and over all services, never a single response or a
    comment; a row of fewer than ``minimum_responses`` responses is ``hidden`` and has no average
    (the provider knows who attended)."""
    provider = staff_provider(request)
    rows, total = selectors.provider_ratings(provider=provider)
    return {
        "minimum_responses": MIN_RESPONSES_SHOWN,
        "services": [rating_out(row) for row in rows],
        "total": rating_out(total),
    }
