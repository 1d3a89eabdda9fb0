"""The officer's queue of completed bookings that the participant did not confirm in time (the
confirmation rule sends them here) and the decision on one: delivered (settled without a rating)
or not delivered (the vouchers return), chosen, then confirmed on a second step. Thin: reads
through selectors, the decision through ``services.confirmation``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import REFUSALS_AND_DENIALS, submit
from kierunek.core.permissions import role_required
from kierunek.core.personal_data import participants_list_read

from ..forms.unconfirmed import CONFIRM, UnconfirmedDecisionForm
from ..models import Booking, BookingStatus, ConfirmationOutcome, EventNote
from ..selectors import bookings as booking_selectors
from ..selectors import office as selectors
from ..services import confirmation as confirmation_services


@never_cache
@role_required(Role.OFFICER)
def officer_unconfirmed(request: HttpRequest) -> HttpResponse:
    """The completed bookings not confirmed in time, oldest deadline first."""
    bookings = list(selectors.unconfirmed_bookings())
    participants_list_read(
        actor=request_user(request),
        request=request,
        participant_ids=[booking.participant_id for booking in bookings],
        list_name="vouchers.officer_unconfirmed",
    )
    return render(request, "vouchers/office/officer_unconfirmed.html", {"bookings": bookings})


def history_rows(booking: Booking) -> list[dict[str, Any]]:
    """The booking's history in words: when, from which state to which, and the note (an outcome
    of the confirmation deadline or a note the system wrote by its label)."""
    outcomes = dict(ConfirmationOutcome.choices) | dict(EventNote.choices)
    states = dict(BookingStatus.choices)
    return [
        {
            "at": event.occurred_at,
            "from": states.get(event.status_from, event.status_from),
            "to": states.get(event.status_to, event.status_to),
            "note": outcomes.get(event.note, event.note),
        }
        for event in booking.events.order_by("occurred_at", "pk")
    ]


@never_cache
@role_required(Role.OFFICER)
def officer_unconfirmed_decide(request: HttpRequest, booking_id: int) -> HttpResponse:
    """GET: the booking, its attendance and history, and the decision form. POST: the choice is
    shown back for confirmation; POST with ``confirmed``: the decision is taken."""
    booking = selectors.unconfirmed_bookings().filter(pk=booking_id).first()
    if booking is None:
        # Decided meanwhile (by a colleague, or by this officer in another tab): back to the queue.
        decided = (ConfirmationOutcome.OFFICER_CONFIRMED, ConfirmationOutcome.OFFICER_NOT_DELIVERED)
        if not Booking.objects.filter(pk=booking_id, confirmation_outcome__in=decided).exists():
            raise Http404(_("No booking waits for this decision."))
        messages.info(request, _("This booking was already decided."))
        return redirect("vouchers:officer_unconfirmed")
    actor = actor_from_request(request)
    form = UnconfirmedDecisionForm(request.POST or None, auto_id="decision-%s")
    confirming = request.method == "POST" and form.is_valid() and not form.cleaned_data["confirmed"]
    if request.method == "POST" and not confirming:
        decide = (
            confirmation_services.booking_officer_confirm
            if form.data.get("decision") == CONFIRM
            else confirmation_services.booking_officer_not_delivered
        )
        done = submit(
            request,
            form,
            lambda data: decide(booking_id=booking.pk, actor=actor, note=data["note"]),
            success=(
                _("Booking no. %(number)s is confirmed: it will be settled without a rating.")
                if form.data.get("decision") == CONFIRM
                else _("Booking no. %(number)s is closed as not delivered: the vouchers are back.")
            )
            % {"number": booking.pk},
            done="vouchers:officer_unconfirmed",
            refusals=REFUSALS_AND_DENIALS,
        )
        if done is not None:
            return done
    else:
        booking_selectors.booking_read_record(booking=booking, actor=actor)
    recorded = {row.session_id: row for row in booking.attendance.all()}
    return render(
        request,
        "vouchers/office/officer_unconfirmed_decide.html",
        {
            "booking": booking,
            "form": form,
            "confirming": confirming,
            "confirm_choice": CONFIRM,
            "sessions": [(s, recorded.get(s.pk)) for s in booking.card.sessions.all()],
            "history": history_rows(booking),
        },
        status=400 if request.method == "POST" and not confirming else 200,
    )
