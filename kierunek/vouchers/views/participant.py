"""The participant's voucher pages: the wallet (packages to order, orders, voucher accounts,
bookings), booking a service from its card, one booking with its attendance (cancel, confirm,
dispute) and the anonymous survey. Thin: reads through selectors, changes through services; a
booking of anybody else is 404 before any service runs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.catalogue.selectors import card_public_get
from kierunek.catalogue.views.public import card_page_render
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.idempotency import IdempotencyKey
from kierunek.core.pages import act, confirm_first, form_saved, post_or_back, submit
from kierunek.core.permissions import role_required
from kierunek.programmes.models import Package

from .. import domain, hooks
from ..forms.participant import BookForm, DisputeForm
from ..models import Booking
from ..selectors import bookings as selectors
from ..services import attendance as attendance_services
from ..services import bookings as booking_services
from ..services import orders as order_services
from .common import participant_booking

# States in which the participant may still cancel (before ``cancel_until``).
CANCELLABLE = (domain.REQUESTED, domain.ACCEPTED)


def _booking_url(booking: Booking) -> str:
    return reverse("vouchers:booking", kwargs={"booking_id": booking.pk})


def booking_actions(booking: Booking, today: Any) -> dict[str, Any]:
    """What the participant may do with a booking now (the services decide again on POST)."""
    return {
        "cancel": booking.status in CANCELLABLE and today <= booking.cancel_until,
        "confirm": booking.status == domain.COMPLETED and booking.confirmed_at is None,
        "dispute": booking.status == domain.COMPLETED,
        # What other contexts add (evaluations: "rate the service"), ``hooks.BOOKING_LINKS``.
        "links": hooks.booking_links(booking),
    }


@role_required(Role.PARTICIPANT)
def wallet(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    today = timezone.localdate()
    programme, packages = selectors.orderable_packages(participant=user, today=today)
    bookings = list(selectors.bookings_of(participant=user))
    return render(
        request,
        "vouchers/participant/wallet.html",
        {
            "programme": programme,
            "packages": packages,
            "orders": selectors.orders_of(participant=user),
            "accounts": selectors.voucher_accounts_of(participant=user),
            "bookings": [(booking, booking_actions(booking, today)) for booking in bookings],
            "today": today,
        },
    )


@role_required(Role.PARTICIPANT)
@require_POST
def order(request: HttpRequest, package_id: int) -> HttpResponse:
    package = get_object_or_404(Package, pk=package_id)
    return act(
        request,
        lambda: order_services.order_create(actor=actor_from_request(request), package_id=package.pk),
        success=lambda order: (
            _(
                "You have ordered the package %(name)s. Pay your own contribution by %(day)s: "
                "the vouchers are issued once it is received."
            )
            % {"name": package.name, "day": f"{order.contribution.due_on:%d.%m.%Y}"}
            if order.contribution.status == "due"
            else _("You have ordered the package %(name)s. The financial operator will issue your vouchers.")
            % {"name": package.name}
        ),
        done=lambda order: (
            reverse("vouchers:contribution", args=[order.pk])
            if order.contribution.status == "due"
            else reverse("vouchers:wallet")
        ),
        refused="vouchers:wallet",
    )


def card_booking_context(
    request: HttpRequest, card: ServiceCard, form: BookForm | None = None
) -> dict[str, Any]:
    """What the card page shows a logged-in participant who holds vouchers: the quote of each
    usable voucher account under the rule in force today, and the booking form."""
    user = request.user
    if not user.is_authenticated or getattr(user, "role", None) != Role.PARTICIPANT:
        return {}
    if card.status != CardStatus.PUBLISHED:
        return {}
    today = timezone.localdate()
    offer = selectors.card_offer(participant=user, card=card, today=today)
    if offer is None or not offer.quotes:
        return {"booking_offer": offer}
    return {
        "booking_offer": offer,
        "book_form": form or BookForm(participant=user, today=today),
    }


@role_required(Role.PARTICIPANT)
@require_POST
def book(request: HttpRequest, card_id: int) -> HttpResponse:
    """Book the card for vouchers. The form's idempotency key makes a repeated submission return
    the first booking; a refusal shows the card again with the reason."""
    user = request_user(request)
    today = timezone.localdate()
    try:
        detail = card_public_get(card_id=card_id, today=today)
    except ServiceCard.DoesNotExist:
        raise Http404(_("No such service in the catalogue.")) from None
    form = BookForm(request.POST, participant=user, today=today)
    _saved, created = form_saved(
        request,
        form,
        lambda data: booking_services.booking_create(
            actor=actor_from_request(request),
            card_id=detail.card.pk,
            voucher_account_id=data["voucher_account"].pk,
            idempotency_key=str(IdempotencyKey.parse(data["idempotency_key"], user=user)),
        ),
    )
    if created is not None:
        if created.created:
            messages.success(
                request,
                _(
                    "You have booked %(title)s. %(vouchers)s vouchers are reserved; the provider "
                    "answers by %(day)s."
                )
                % {
                    "title": detail.card.title,
                    "vouchers": created.booking.vouchers,
                    "day": f"{created.booking.answer_by:%d.%m.%Y}",
                },
            )
        else:
            messages.info(request, _("This booking was already made; it is not made twice."))
        return redirect("vouchers:wallet")
    return card_page_render(request, detail, **card_booking_context(request, detail.card, form))


@role_required(Role.PARTICIPANT)
def booking_detail(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = participant_booking(request, booking_id)
    today = timezone.localdate()
    recorded = {row.session_id: row for row in booking.attendance.all()}
    sessions = [(session, recorded.get(session.pk)) for session in booking.card.sessions.all()]
    return render(
        request,
        "vouchers/participant/booking.html",
        {
            "booking": booking,
            "sessions": sessions,
            "actions": booking_actions(booking, today),
            "provider_contact": selectors.provider_contact_of(booking=booking),
        },
    )


@role_required(Role.PARTICIPANT)
@post_or_back(lambda request, booking_id: reverse("vouchers:booking", args=[booking_id]))
def booking_cancel(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = participant_booking(request, booking_id)
    asked = confirm_first(
        request,
        question=_('Cancel your booking of "%(title)s"?') % {"title": booking.card.title},
        consequences=[
            _("The place is given up and the vouchers return to your account. This cannot be undone."),
        ],
        confirm_label=_("Yes, cancel the booking"),
        back=_booking_url(booking),
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: booking_services.booking_cancel(booking_id=booking.pk, actor=actor_from_request(request)),
        success=_("Your booking is cancelled and the vouchers are back in your account."),
        done="vouchers:wallet",
        refused=_booking_url(booking),
    )


@role_required(Role.PARTICIPANT)
@require_POST
def booking_confirm(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = participant_booking(request, booking_id)
    return act(
        request,
        lambda: attendance_services.attendance_confirm(
            booking_id=booking.pk, actor=actor_from_request(request)
        ),
        success=_("Thank you: you have confirmed your attendance."),
        done=_booking_url(booking),
    )


@role_required(Role.PARTICIPANT)
def booking_dispute(request: HttpRequest, booking_id: int) -> HttpResponse:
    """ "I dispute this": the booking is frozen for a programme officer, with the participant's
    note."""
    booking = participant_booking(request, booking_id)
    form = DisputeForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: attendance_services.booking_dispute(
            booking_id=booking.pk, actor=actor_from_request(request), note=data["note"]
        ),
        success=_("The booking is stopped and a programme officer will look into it. Thank you."),
        done=_booking_url(booking),
    )
    return done or render(request, "vouchers/participant/dispute.html", {"booking": booking, "form": form})
