"""JSON API of vouchers and bookings, mounted by config/api.py at /api/v1/vouchers/ (session or
bearer token). The same services and selectors as the pages.

Participants: the packages they may order and their orders (ordering one), their voucher accounts,
their bookings, booking a service (the ``Idempotency-Key`` header or the ``idempotency_key`` field
makes a retry return the first booking with 200 instead of 201), cancelling, confirming attendance,
disputing the provider's report and the anonymous evaluation. Provider staff: the bookings of their
organisation, accepting, rejecting, recording attendance and reporting the result, the averages of
their ratings and their settlements and payments. Another person's booking is 404; a refusal of a
service is 409 with its message.

Each action is a POST to a noun under the booking (``/cancellation``, ``/confirmation``,
``/dispute``, ``/evaluation``, ``/acceptance``, ``/rejection``, ``/attendance``, ``/report``); a GET
of the same address returns the booking with the state that action concerns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import StringConstraints

from kierunek.accounts.models import Role, User
from kierunek.core.api_errors import ErrorOut
from kierunek.core.audit import audit_record
from kierunek.core.audit_actions import PARTICIPANT_FILE_READ
from kierunek.core.money import Money
from kierunek.core.permissions import api_require_roles
from kierunek.core.personal_data import participants_list_read
from kierunek.core.validators import has_control_characters
from kierunek.evaluations import services as evaluation_services
from kierunek.evaluations.models import MIN_RESPONSES_SHOWN, SCORE_FIELDS
from kierunek.providers.models import Provider
from kierunek.providers.selectors import provider_for_member

from . import selectors, services
from .models import Booking, PaymentLine, VoucherOrder

router = Router()

NOT_FOUND = "Nie znaleziono. / Not found."
NO_PROVIDER = "Najpierw zarejestruj instytucję. / Register your institution first."
MAX_KEY = 120
KEY_MISSING = (
    "Podaj klucz idempotencji do 120 znaków (nagłówek Idempotency-Key). / "
    "Give an idempotency key of at most 120 characters (the Idempotency-Key header)."
)


class AccountOut(Schema):
    id: int
    package: str
    package_kind: str
    vouchers_issued: int
    voucher_unit: str  # złoty, "15.00"
    available_vouchers: int
    available: str
    reserved_vouchers: int
    reserved: str
    issued_at: datetime
    expires_on: date
    expired: bool


class WalletOut(Schema):
    accounts: list[AccountOut]


class AttendanceOut(Schema):
    session_id: int
    date: date
    present: bool | None  # None: not recorded yet


class BookingOut(Schema):
    id: int
    service_id: int
    service: str
    provider: str
    status: str
    status_label: str
    voucher_account_id: int
    vouchers: int
    amount: str
    top_up: str
    rule_decision: str
    booked_on: date
    answer_by: date
    cancel_until: date
    report_by: date
    result_note: str
    certificate_number: str
    reported_at: datetime | None
    confirmed_at: datetime | None
    evaluated: bool
    attendance: list[AttendanceOut]


class ProviderBookingOut(BookingOut):
    participant: str


class BookingIn(Schema):
    service_id: int
    voucher_account_id: int
    idempotency_key: str | None = None


class RejectIn(Schema):
    reason: str


class SessionPresence(Schema):
    session_id: int
    present: bool


class AttendanceIn(Schema):
    sessions: list[SessionPresence]


class ReportIn(Schema):
    result: str  # completed | not_completed | no_show
    certificate_number: str = ""
    note: str = ""


Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class PackageOut(Schema):
    id: int
    name: str
    kind: str
    vouchers: int
    value: str  # złoty at today's voucher unit, "2700.00"
    allowed: bool  # the signed development plan includes it
    ordered: bool  # an order of it is waiting or issued
    window_open: bool
    can_order: bool


class OrderIn(Schema):
    package_id: int


class OrderOut(Schema):
    id: int
    package_id: int
    package: str
    package_kind: str
    vouchers: int
    status: str  # ordered | issued | refused
    status_label: str
    ordered_at: datetime
    decided_at: datetime | None
    refusal_reason: str


class DisputeIn(Schema):
    note: Note  # what is not true in the provider's report


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


class SettledBookingOut(Schema):
    id: int
    service_id: int
    service: str
    status: str  # settled | clawed_back
    status_label: str
    amount: str
    settled_at: datetime | None


class PaymentOut(Schema):
    batch_reference: str
    batch_status: str
    batch_status_label: str
    execution_date: date
    iban: str
    amount: str


class SettlementsOut(Schema):
    bookings: list[SettledBookingOut]
    payments: list[PaymentOut]


def _order(order: VoucherOrder) -> dict[str, Any]:
    return {
        "id": order.pk,
        "package_id": order.package_id,
        "package": order.package.name,
        "package_kind": order.package.kind,
        "vouchers": order.package.vouchers,
        "status": order.status,
        "status_label": str(order.get_status_display()),
        "ordered_at": order.ordered_at,
        "decided_at": order.decided_at,
        "refusal_reason": order.refusal_reason,
    }


def _rating(row: selectors.RatingRow) -> dict[str, Any]:
    return {
        "service_id": row.card_id,
        "service": row.title,
        "responses": row.count,
        "hidden": row.hidden,
        "averages": dict(zip(SCORE_FIELDS, row.averages, strict=True)),
        "overall": row.overall,
    }


def _payment(line: PaymentLine) -> dict[str, Any]:
    return {
        "batch_reference": line.batch.reference,
        "batch_status": line.batch.status,
        "batch_status_label": str(line.batch.get_status_display()),
        "execution_date": line.batch.execution_date,
        "iban": line.iban,
        "amount": Money(line.amount).api_str(),
    }


def _account(view: selectors.AccountView) -> dict[str, Any]:
    account = view.account
    return {
        "id": account.pk,
        "package": account.package.name,
        "package_kind": account.package.kind,
        "vouchers_issued": account.vouchers_issued,
        "voucher_unit": Money(account.voucher_unit).api_str(),
        "available_vouchers": view.available_vouchers,
        "available": Money(view.available).api_str(),
        "reserved_vouchers": view.reserved_vouchers,
        "reserved": Money(view.reserved).api_str(),
        "issued_at": account.issued_at,
        "expires_on": account.expires_on,
        "expired": account.expired_at is not None,
    }


def _booking(booking: Booking, *, with_participant: bool = False) -> dict[str, Any]:
    recorded = {row.session_id: row.present for row in booking.attendance.all()}
    data = {
        "id": booking.pk,
        "service_id": booking.card_id,
        "service": booking.card.title,
        "provider": booking.provider.legal_name,
        "status": booking.status,
        "status_label": str(booking.get_status_display()),
        "voucher_account_id": booking.voucher_account_id,
        "vouchers": booking.vouchers,
        "amount": Money(booking.amount).api_str(),
        "top_up": Money(booking.top_up).api_str(),
        "rule_decision": booking.rule_version.decision_ref,
        "booked_on": booking.booked_on,
        "answer_by": booking.answer_by,
        "cancel_until": booking.cancel_until,
        "report_by": booking.report_by,
        "result_note": booking.result_note,
        "certificate_number": booking.certificate_number,
        "reported_at": booking.reported_at,
        "confirmed_at": booking.confirmed_at,
        "evaluated": booking.evaluated_at is not None,
        "attendance": [
            {"session_id": s.pk, "date": s.date, "present": recorded.get(s.pk)}
            for s in booking.card.sessions.all()
        ],
    }
    if with_participant:
        data["participant"] = booking.participant.get_full_name()
    return data


def refusal(error: Exception) -> Status[dict[str, str]]:
    """A service's refusal as the API answers it (the office API answers the same way)."""
    if isinstance(error, PermissionDenied):
        return Status(403, {"detail": str(error) or "Brak uprawnień. / Not allowed."})
    if isinstance(error, ObjectDoesNotExist):
        return Status(404, {"detail": NOT_FOUND})
    assert isinstance(error, ValidationError)
    return Status(409, {"detail": " ".join(error.messages)})


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined]


def _own(request: HttpRequest, booking_id: int) -> Booking:
    """The participant's own booking; ``Booking.DoesNotExist`` for anybody else's."""
    return selectors.booking_of_participant(participant=_user(request), booking_id=booking_id)


def _provider(request: HttpRequest) -> Provider | None:
    return provider_for_member(user=_user(request))


def _for_provider(provider: Provider, booking_id: int) -> Booking:
    return selectors.booking_for_provider(provider=provider, booking_id=booking_id)


def _own_or_404(request: HttpRequest, booking_id: int) -> Any:
    api_require_roles(request, Role.PARTICIPANT)
    try:
        return _booking(_own(request, booking_id))
    except Booking.DoesNotExist:
        return Status(404, {"detail": NOT_FOUND})


def _own_action(request: HttpRequest, booking_id: int, action: Callable[[], object]) -> Any:
    """Participants: another person's booking is 404 before ``action`` runs."""
    api_require_roles(request, Role.PARTICIPANT)
    try:
        _own(request, booking_id)
        action()
    except (ValidationError, PermissionDenied, ObjectDoesNotExist) as error:
        return refusal(error)
    return _booking(_own(request, booking_id))


OWN_WRITE = {200: BookingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


# --- participants -----------------------------------------------------------------------------


@router.get(
    "/packages", response=list[PackageOut], url_name="vouchers_packages", summary="Packages I may order"
)
def packages(request: HttpRequest) -> Any:
    """Participants. The packages of the programme taking orders now, each with whether the
    participant may order it (``can_order``: the signed development plan includes it, it is not
    ordered yet and the order window is open). Empty when no programme is current."""
    api_require_roles(request, Role.PARTICIPANT)
    _programme, offered = selectors.orderable_packages(participant=_user(request), today=services.today())
    return [
        {
            "id": item.package.pk,
            "name": item.package.name,
            "kind": item.package.kind,
            "vouchers": item.package.vouchers,
            "value": Money(item.value).api_str(),
            "allowed": item.allowed,
            "ordered": item.ordered,
            "window_open": item.window_open,
            "can_order": item.can_order,
        }
        for item in offered
    ]


@router.get("/orders", response=list[OrderOut], url_name="vouchers_orders", summary="My voucher orders")
def orders(request: HttpRequest) -> Any:
    """Participants. Newest first; ``issued`` ones have a voucher account in the wallet."""
    api_require_roles(request, Role.PARTICIPANT)
    return [_order(order) for order in selectors.orders_of(participant=_user(request))]


@router.post(
    "/orders",
    response={201: OrderOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    url_name="vouchers_order",
    summary="Order a package of vouchers",
)
def order(request: HttpRequest, payload: OrderIn) -> Any:
    """Participants. A package their signed development plan allows, inside the programme's order
    window, once (409 with the reason otherwise). No money moves: the financial operator issues
    the vouchers later."""
    api_require_roles(request, Role.PARTICIPANT)
    try:
        made = services.order_create(
            participant=_user(request), package_id=payload.package_id, request=request
        )
    except (ValidationError, PermissionDenied, ObjectDoesNotExist) as error:
        return refusal(error)
    return Status(201, _order(made))


@router.get("/wallet", response=WalletOut, url_name="vouchers_wallet", summary="My voucher accounts")
def wallet(request: HttpRequest) -> Any:
    """Participants. Each voucher account with what is available and what bookings reserve."""
    api_require_roles(request, Role.PARTICIPANT)
    return {"accounts": [_account(v) for v in selectors.voucher_accounts_of(participant=_user(request))]}


@router.get("/bookings", response=list[BookingOut], url_name="vouchers_bookings", summary="My bookings")
def bookings(request: HttpRequest) -> Any:
    """Participants. The latest 200 bookings, newest first."""
    api_require_roles(request, Role.PARTICIPANT)
    found = selectors.bookings_of(participant=_user(request)).prefetch_related("attendance", "card__sessions")
    return [_booking(b) for b in found[:200]]


@router.post(
    "/bookings",
    response={200: BookingOut, 201: BookingOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    url_name="vouchers_book",
    summary="Book a service with vouchers",
)
def book(request: HttpRequest, payload: BookingIn) -> Any:
    """Participants. Reserves the vouchers the service takes under the rule in force today. Send
    an ``Idempotency-Key`` header (or the ``idempotency_key`` field): a retry with the same key
    returns the first booking with 200."""
    api_require_roles(request, Role.PARTICIPANT)
    key = (request.headers.get("Idempotency-Key") or payload.idempotency_key or "").strip()
    if not key or len(key) > MAX_KEY or has_control_characters(key):
        return Status(400, {"detail": KEY_MISSING})
    user = _user(request)
    try:
        created = services.booking_create(
            participant=user,
            card_id=payload.service_id,
            voucher_account_id=payload.voucher_account_id,
            # Keys are the caller's own: two people's equal keys are different requests.
            idempotency_key=f"api-{user.pk}-{key}",
            request=request,
        )
    except (ValidationError, PermissionDenied, ObjectDoesNotExist) as error:
        return refusal(error)
    booking = _own(request, created.booking.pk)
    return Status(201 if created.created else 200, _booking(booking))


@router.get(
    "/bookings/{booking_id}",
    response={200: BookingOut, 404: ErrorOut},
    url_name="vouchers_booking",
    summary="One of my bookings",
)
def booking(request: HttpRequest, booking_id: int) -> Any:
    return _own_or_404(request, booking_id)


@router.get(
    "/bookings/{booking_id}/cancellation",
    response={200: BookingOut, 404: ErrorOut},
    url_name="vouchers_booking_cancellation",
    summary="My booking, with the day until which it may be cancelled",
)
def booking_cancellation(request: HttpRequest, booking_id: int) -> Any:
    return _own_or_404(request, booking_id)


@router.post(
    "/bookings/{booking_id}/cancellation",
    response=OWN_WRITE,
    summary="Cancel my booking (until its cancellation deadline)",
)
def booking_cancel(request: HttpRequest, booking_id: int) -> Any:
    return _own_action(
        request,
        booking_id,
        lambda: services.booking_cancel(booking_id=booking_id, participant=_user(request), request=request),
    )


@router.get(
    "/bookings/{booking_id}/confirmation",
    response={200: BookingOut, 404: ErrorOut},
    url_name="vouchers_booking_confirmation",
    summary="My booking, with the attendance the provider recorded and my confirmation",
)
def booking_confirmation(request: HttpRequest, booking_id: int) -> Any:
    return _own_or_404(request, booking_id)


@router.post(
    "/bookings/{booking_id}/confirmation",
    response=OWN_WRITE,
    summary="Confirm the attendance the provider reported",
)
def booking_confirm(request: HttpRequest, booking_id: int) -> Any:
    return _own_action(
        request,
        booking_id,
        lambda: services.attendance_confirm(
            booking_id=booking_id, participant=_user(request), request=request
        ),
    )


@router.get(
    "/bookings/{booking_id}/dispute",
    response={200: BookingOut, 404: ErrorOut},
    url_name="vouchers_booking_dispute",
    summary="My booking, with the provider's report I may dispute",
)
def booking_dispute_get(request: HttpRequest, booking_id: int) -> Any:
    return _own_or_404(request, booking_id)


@router.post(
    "/bookings/{booking_id}/dispute",
    response=OWN_WRITE,
    summary="Dispute the provider's report: the booking is frozen for a programme officer",
)
def booking_dispute(request: HttpRequest, booking_id: int, payload: DisputeIn) -> Any:
    """Participants, for a completed booking: ``note`` says what is not true in the report (e.g.
    they did not attend). Nothing is settled while an officer looks into it."""
    return _own_action(
        request,
        booking_id,
        lambda: services.booking_dispute(
            booking_id=booking_id, participant=_user(request), note=payload.note, request=request
        ),
    )


@router.get(
    "/bookings/{booking_id}/evaluation",
    response={200: BookingOut, 404: ErrorOut},
    url_name="vouchers_booking_evaluation",
    summary="My booking, with whether I have evaluated it",
)
def booking_evaluation(request: HttpRequest, booking_id: int) -> Any:
    return _own_or_404(request, booking_id)


@router.post(
    "/bookings/{booking_id}/evaluation",
    response=OWN_WRITE,
    summary="Evaluate a completed service in the anonymous survey (once)",
)
def booking_evaluate(request: HttpRequest, booking_id: int, payload: EvaluationIn) -> Any:
    """Participants, for a completed or settled booking. The response is stored without the
    participant and the booking; the booking only records that it was evaluated (``evaluated``).
    A score outside 1-5 or a second evaluation is 409 with the reason."""
    scores = {name: getattr(payload, name) for name in SCORE_FIELDS}
    return _own_action(
        request,
        booking_id,
        lambda: evaluation_services.evaluation_submit(
            booking_id=booking_id,
            participant=_user(request),
            scores=scores,
            comment=payload.comment,
            request=request,
        ),
    )


# --- provider staff ---------------------------------------------------------------------------


@router.get(
    "/provider/bookings",
    response={200: list[ProviderBookingOut], 404: ErrorOut},
    url_name="vouchers_provider_bookings",
    summary="Bookings of my organisation's services",
)
def provider_bookings(request: HttpRequest, status: str = "") -> Any:
    """Provider staff. The latest 500, newest first; ``status`` filters (e.g. ``requested``)."""
    api_require_roles(request, Role.PROVIDER_STAFF)
    provider = _provider(request)
    if provider is None:
        return Status(404, {"detail": NO_PROVIDER})
    found = list(
        selectors.bookings_for_provider(provider=provider, status=status).prefetch_related(
            "attendance", "card__sessions"
        )[:500]
    )
    participants_list_read(
        actor=_user(request),
        request=request,
        participant_ids=[b.participant_id for b in found],
        list_name="vouchers.api_provider_bookings",
    )
    return [_booking(b, with_participant=True) for b in found]


def _provider_booking(request: HttpRequest, booking_id: int) -> Any:
    """One booking with the participant's name: a staff read of their file, as on the page."""
    api_require_roles(request, Role.PROVIDER_STAFF)
    provider = _provider(request)
    if provider is None:
        return Status(404, {"detail": NO_PROVIDER})
    try:
        booking = _for_provider(provider, booking_id)
    except Booking.DoesNotExist:
        return Status(404, {"detail": NOT_FOUND})
    audit_record(
        action=PARTICIPANT_FILE_READ,
        actor=_user(request),
        obj=booking,
        request=request,
        details={"participant": booking.participant_id, "what": "booking"},
    )
    return _booking(booking, with_participant=True)


def _provider_action(request: HttpRequest, booking_id: int, action: Callable[[], object]) -> Any:
    api_require_roles(request, Role.PROVIDER_STAFF)
    provider = _provider(request)
    if provider is None:
        return Status(404, {"detail": NO_PROVIDER})
    try:
        _for_provider(provider, booking_id)
        action()
    except (ValidationError, PermissionDenied, ObjectDoesNotExist) as error:
        return refusal(error)
    return _booking(_for_provider(provider, booking_id), with_participant=True)


PROVIDER_READ = {200: ProviderBookingOut, 403: ErrorOut, 404: ErrorOut}
PROVIDER_WRITE = {200: ProviderBookingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


@router.get(
    "/provider/bookings/{booking_id}",
    response=PROVIDER_READ,
    url_name="vouchers_provider_booking",
    summary="One booking of my organisation's services",
)
def provider_booking(request: HttpRequest, booking_id: int) -> Any:
    return _provider_booking(request, booking_id)


@router.get(
    "/provider/bookings/{booking_id}/acceptance",
    response=PROVIDER_READ,
    url_name="vouchers_provider_acceptance",
    summary="The booking, with the day by which to answer it",
)
def provider_acceptance(request: HttpRequest, booking_id: int) -> Any:
    return _provider_booking(request, booking_id)


@router.post(
    "/provider/bookings/{booking_id}/acceptance",
    response=PROVIDER_WRITE,
    summary="Accept a booking (by its answer deadline)",
)
def provider_accept(request: HttpRequest, booking_id: int) -> Any:
    return _provider_action(
        request,
        booking_id,
        lambda: services.booking_accept(booking_id=booking_id, actor=_user(request), request=request),
    )


@router.get(
    "/provider/bookings/{booking_id}/rejection",
    response=PROVIDER_READ,
    url_name="vouchers_provider_rejection",
    summary="The booking, with the day by which to answer it",
)
def provider_rejection(request: HttpRequest, booking_id: int) -> Any:
    return _provider_booking(request, booking_id)


@router.post(
    "/provider/bookings/{booking_id}/rejection",
    response=PROVIDER_WRITE,
    summary="Reject a booking, with the reason",
)
def provider_reject(request: HttpRequest, booking_id: int, payload: RejectIn) -> Any:
    return _provider_action(
        request,
        booking_id,
        lambda: services.booking_reject(
            booking_id=booking_id, actor=_user(request), reason=payload.reason, request=request
        ),
    )


@router.get(
    "/provider/bookings/{booking_id}/attendance",
    response=PROVIDER_READ,
    url_name="vouchers_provider_attendance",
    summary="The booking with the attendance recorded per session",
)
def provider_attendance_get(request: HttpRequest, booking_id: int) -> Any:
    return _provider_booking(request, booking_id)


@router.post(
    "/provider/bookings/{booking_id}/attendance",
    response=PROVIDER_WRITE,
    summary="Record attendance at sessions that have taken place (again to correct it)",
)
def provider_attendance(request: HttpRequest, booking_id: int, payload: AttendanceIn) -> Any:
    present = {item.session_id: item.present for item in payload.sessions}
    return _provider_action(
        request,
        booking_id,
        lambda: services.attendance_record(
            booking_id=booking_id, actor=_user(request), present=present, request=request
        ),
    )


@router.get(
    "/provider/bookings/{booking_id}/report",
    response=PROVIDER_READ,
    url_name="vouchers_provider_report",
    summary="The booking with its completion report, if made",
)
def provider_report_get(request: HttpRequest, booking_id: int) -> Any:
    return _provider_booking(request, booking_id)


@router.post(
    "/provider/bookings/{booking_id}/report",
    response=PROVIDER_WRITE,
    summary="Report the result: completed, not_completed or no_show",
)
def provider_report(request: HttpRequest, booking_id: int, payload: ReportIn) -> Any:
    return _provider_action(
        request,
        booking_id,
        lambda: services.booking_report(
            booking_id=booking_id,
            actor=_user(request),
            result=payload.result,
            note=payload.note,
            certificate_number=payload.certificate_number,
            request=request,
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
    api_require_roles(request, Role.PROVIDER_STAFF)
    provider = _provider(request)
    if provider is None:
        return Status(404, {"detail": NO_PROVIDER})
    rows, total = selectors.provider_ratings(provider=provider)
    return {
        "minimum_responses": MIN_RESPONSES_SHOWN,
        "services": [_rating(row) for row in rows],
        "total": _rating(total),
    }


@router.get(
    "/provider/settlements",
    response={200: SettlementsOut, 404: ErrorOut},
    url_name="vouchers_provider_settlements",
    summary="My organisation's settled bookings and payments",
)
def provider_settlements(request: HttpRequest) -> Any:
    """Provider staff. The latest 500 settled (or clawed-back) bookings and the latest 200 transfers
    in payment batches, newest first."""
    api_require_roles(request, Role.PROVIDER_STAFF)
    provider = _provider(request)
    if provider is None:
        return Status(404, {"detail": NO_PROVIDER})
    return {
        "bookings": [
            {
                "id": b.pk,
                "service_id": b.card_id,
                "service": b.card.title,
                "status": b.status,
                "status_label": str(b.get_status_display()),
                "amount": Money(b.amount).api_str(),
                "settled_at": b.settled_at,
            }
            for b in selectors.settled_bookings_of(provider=provider)[:500]
        ],
        "payments": [_payment(line) for line in selectors.payment_lines_of(provider=provider)[:200]],
    }
