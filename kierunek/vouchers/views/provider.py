"""The provider's voucher pages: the bookings of its services (filter by status, accept or reject by
the answer deadline), attendance per session and the completion report of one booking, the ratings
of its services (aggregates only) and its settlements and payouts (read-only).

Every page is scoped to the organisation of the logged-in staff member
(``provider_for_member``): another provider's booking is 404 before any service runs, and the
services check the membership again."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import act, submit
from kierunek.core.permissions import role_required
from kierunek.core.personal_data import participants_list_read

from .. import domain
from ..forms.provider import AttendanceForm, RejectForm, ReportForm, StatusFilterForm
from ..models import Booking
from ..selectors import bookings as selectors
from ..services import attendance as attendance_services
from ..services import bookings as booking_services
from .common import member_provider


def _booking_url(booking: Booking) -> str:
    return reverse("vouchers:provider_booking", kwargs={"booking_id": booking.pk})


def _own_booking(request: HttpRequest, booking_id: int) -> Booking:
    try:
        return selectors.booking_for_provider(provider=member_provider(request), booking_id=booking_id)
    except Booking.DoesNotExist:
        raise Http404(_("No such booking of your services.")) from None


@role_required(Role.PROVIDER_STAFF)
def bookings(request: HttpRequest) -> HttpResponse:
    provider = member_provider(request)
    form = StatusFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    shown = list(selectors.bookings_for_provider(provider=provider, status=status)[:500])
    participants_list_read(
        actor=request.user,
        request=request,
        participant_ids=[booking.participant_id for booking in shown],
        list_name="vouchers.provider_bookings",
    )
    return render(
        request,
        "vouchers/provider/bookings.html",
        {
            "provider": provider,
            "form": form,
            "status": status,
            "bookings": shown,
            "today": timezone.localdate(),
        },
    )


def _detail_context(booking: Booking, reject_form: RejectForm | None = None) -> dict[str, Any]:
    today = timezone.localdate()
    recorded = {row.session_id: row for row in booking.attendance.all()}
    return {
        "booking": booking,
        "sessions": [(session, recorded.get(session.pk)) for session in booking.card.sessions.all()],
        "reject_form": reject_form or RejectForm(),
        "can_answer": booking.status == domain.REQUESTED and today <= booking.answer_by,
        "can_record": booking.status == domain.ACCEPTED,
        "can_report": booking.status == domain.ACCEPTED
        and booking.card.starts_on <= today <= booking.report_by,
    }


@role_required(Role.PROVIDER_STAFF)
def booking_detail(request: HttpRequest, booking_id: int) -> HttpResponse:
    """One booking with the participant's name and attendance: a staff read of their file; once
    the booking is accepted, with the participant's contact (a read of its own in the audit log)."""
    actor = actor_from_request(request)
    booking = selectors.booking_read_record(booking=_own_booking(request, booking_id), actor=actor)
    context = _detail_context(booking)
    context["participant_contact"] = selectors.participant_contact_read(booking=booking, actor=actor)
    return render(request, "vouchers/provider/booking.html", context)


@role_required(Role.PROVIDER_STAFF)
@require_POST
def booking_accept(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = _own_booking(request, booking_id)
    return act(
        request,
        lambda: booking_services.booking_accept(booking_id=booking.pk, actor=actor_from_request(request)),
        success=_("The booking is accepted. The participant has been told."),
        done=_booking_url(booking),
    )


@role_required(Role.PROVIDER_STAFF)
@require_POST
def booking_reject(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = _own_booking(request, booking_id)
    form = RejectForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: booking_services.booking_reject(
            booking_id=booking.pk, actor=actor_from_request(request), reason=data["reason"]
        ),
        success=_("The booking is rejected; the vouchers return to the participant."),
        done=_booking_url(booking),
    )
    return done or render(request, "vouchers/provider/booking.html", _detail_context(booking, form))


@role_required(Role.PROVIDER_STAFF)
def attendance(request: HttpRequest, booking_id: int) -> HttpResponse:
    """A checkbox per session that has taken place; saving again corrects the record."""
    booking = _own_booking(request, booking_id)
    today = timezone.localdate()
    sessions = list(booking.card.sessions.all())
    held = [session for session in sessions if session.date <= today]
    recorded = {row.session_id: row.present for row in booking.attendance.all()}
    form = AttendanceForm(request.POST or None, sessions=held, recorded=recorded)
    done = submit(
        request,
        form,
        lambda data: attendance_services.attendance_record(
            booking_id=booking.pk, actor=actor_from_request(request), present=form.present()
        ),
        success=_("The attendance is saved."),
        done=_booking_url(booking),
    )
    return done or render(
        request,
        "vouchers/provider/attendance.html",
        {
            "booking": booking,
            "form": form,
            "upcoming": [session for session in sessions if session.date > today],
            "can_record": booking.status == domain.ACCEPTED,
        },
    )


@role_required(Role.PROVIDER_STAFF)
def report(request: HttpRequest, booking_id: int) -> HttpResponse:
    """The completion report: the result, the certificate number and a note."""
    booking = _own_booking(request, booking_id)
    form = ReportForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: attendance_services.booking_report(
            booking_id=booking.pk,
            actor=actor_from_request(request),
            result=data["result"],
            note=data["note"],
            certificate_number=data["certificate_number"],
        ),
        success=_("The report is saved. The participant is asked to confirm it."),
        done=_booking_url(booking),
    )
    return done or render(
        request,
        "vouchers/provider/report.html",
        {"booking": booking, "form": form, "can_report": booking.status == domain.ACCEPTED},
    )


@role_required(Role.PROVIDER_STAFF)
def settlements(request: HttpRequest) -> HttpResponse:
    provider = member_provider(request)
    return render(
        request,
        "vouchers/provider/settlements.html",
        {
            "provider": provider,
            "bookings": selectors.settled_bookings_of(provider=provider)[:500],
            "lines": selectors.payment_lines_of(provider=provider)[:200],
        },
    )
