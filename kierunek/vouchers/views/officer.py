"""The programme officer's voucher pages: frozen and settled bookings (void, restore, claw
back) and payout freezes. Thin: reads through selectors, changes through services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.money import Money
from kierunek.core.pages import REFUSALS_AND_DENIALS, act, confirm_first, post_or_back, submit
from kierunek.core.permissions import role_required
from kierunek.core.personal_data import participants_list_read
from kierunek.providers.models import Provider

from ..forms.office import (
    ClawbackForm,
    FreezeForm,
    ReasonForm,
    RestoreForm,
    SearchForm,
)
from ..models import Booking, EventNote
from ..selectors import office as selectors
from ..services import clawback as clawback_services
from ..services import freezes as freeze_services

# --- officer: bookings -------------------------------------------------------------------------


def _bookings_page(
    request: HttpRequest,
    *,
    form_for: tuple[str, int] | None = None,
    bound_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    frozen = []
    shown: list[Booking] = []  # every booking on the page, for the audit of the read
    for booking in selectors.frozen_bookings():
        shown.append(booking)
        events = list(booking.events.all())
        frozen.append(
            {
                "booking": booking,
                "last_event": events[-1] if events else None,
                # a code the system wrote (EventNote) by its label; a person's own note as written
                "last_note": EventNote(events[-1].note).label
                if events and events[-1].note in EventNote.values
                else (events[-1].note if events else ""),
                "void_form": bound_form
                if form_for == ("void", booking.pk)
                else ReasonForm(auto_id=f"void-{booking.pk}-%s"),
                "restore_form": bound_form
                if form_for == ("restore", booking.pk)
                else RestoreForm(auto_id=f"restore-{booking.pk}-%s"),
            }
        )
    settled = []
    if query or (form_for is not None and form_for[0] == "clawback"):
        found = list(selectors.settled_bookings(query=query))
        if form_for is not None and form_for[0] == "clawback" and all(b.pk != form_for[1] for b in found):
            found.insert(
                0, Booking.objects.select_related("participant", "provider", "card").get(pk=form_for[1])
            )
        shown += found
        for booking in found:
            settled.append(
                {
                    "booking": booking,
                    "form": bound_form
                    if form_for == ("clawback", booking.pk)
                    else ClawbackForm(auto_id=f"clawback-{booking.pk}-%s"),
                }
            )
    participants_list_read(
        actor=request_user(request),
        request=request,
        participant_ids=[booking.participant_id for booking in shown],
        list_name="vouchers.officer_bookings",
    )
    return render(
        request,
        "vouchers/office/officer_bookings.html",
        {"frozen": frozen, "search": search, "query": query, "settled": settled},
        status=status,
    )


@never_cache
@role_required(Role.OFFICER)
def officer_bookings(request: HttpRequest) -> HttpResponse:
    """Frozen bookings to void or restore; settled bookings found by a search, to claw back."""
    return _bookings_page(request)


def _booking_decision(
    request: HttpRequest,
    booking_id: int,
    kind: str,
    form_class: type[ReasonForm] | type[RestoreForm] | type[ClawbackForm],
    decide: Callable[[Booking, Any], object],
    success: str,
    ask: Callable[[Booking], tuple[str, str, str]] | None = None,
) -> HttpResponse:
    """An officer's decision on a booking from its row's form (``kind``: void, restore,
    clawback): done, back to the list with ``success``; refused, the list again with the row's
    form and its errors. With ``ask`` (the question, its consequence and the button), a valid
    form is first confirmed on a page of its own."""
    booking = get_object_or_404(Booking, pk=booking_id)
    form = form_class(request.POST, auto_id=f"{kind}-{booking.pk}-%s")
    if ask is not None and form.is_valid():
        question, consequence, label = ask(booking)
        asked = confirm_first(
            request,
            question=question,
            consequences=[consequence],
            confirm_label=label,
            back=reverse("vouchers:officer_bookings"),
            shown={"reason": _("Reason")},
        )
        if asked is not None:
            return asked
    done = submit(
        request,
        form,
        lambda data: decide(booking, form),
        success=success % {"number": booking.pk},
        done="vouchers:officer_bookings",
        refusals=REFUSALS_AND_DENIALS,
    )
    return done or _bookings_page(request, form_for=(kind, booking.pk), bound_form=form, status=400)


@role_required(Role.OFFICER)
@post_or_back(lambda request, **kwargs: reverse("vouchers:officer_bookings"))
def officer_booking_void(request: HttpRequest, booking_id: int) -> HttpResponse:
    return _booking_decision(
        request,
        booking_id,
        "void",
        ReasonForm,
        lambda booking, form: freeze_services.booking_void(
            booking_id=booking.pk, actor=actor_from_request(request), reason=form.cleaned_data["reason"]
        ),
        _("Booking no. %(number)s is void: the vouchers are back with the participant."),
        ask=lambda booking: (
            _("Void booking no. %(number)s?") % {"number": booking.pk},
            _(
                "The booking ends for good, nothing is paid for it and the vouchers go back to the "
                "participant."
            ),
            _("Yes, void the booking"),
        ),
    )


@role_required(Role.OFFICER)
@post_or_back(lambda request, **kwargs: reverse("vouchers:officer_bookings"))
def officer_booking_restore(request: HttpRequest, booking_id: int) -> HttpResponse:
    return _booking_decision(
        request,
        booking_id,
        "restore",
        RestoreForm,
        lambda booking, form: freeze_services.booking_restore(
            booking_id=booking.pk, actor=actor_from_request(request), note=form.cleaned_data["note"]
        ),
        _("Booking no. %(number)s is restored."),
    )


@role_required(Role.OFFICER)
@post_or_back(lambda request, **kwargs: reverse("vouchers:officer_bookings"))
def officer_booking_clawback(request: HttpRequest, booking_id: int) -> HttpResponse:
    return _booking_decision(
        request,
        booking_id,
        "clawback",
        ClawbackForm,
        lambda booking, form: clawback_services.booking_clawback(
            booking_id=booking.pk,
            actor=actor_from_request(request),
            reason=form.cleaned_data["reason"],
            idempotency_key=form.key(request_user(request)),
        ),
        _("Booking no. %(number)s is clawed back: its amount returns to the programme budget."),
        ask=lambda booking: (
            _("Claw back booking no. %(number)s?") % {"number": booking.pk},
            _(
                "%(amount)s returns from %(provider)s to the programme budget (netted against its next "
                "payout if it has been paid). This cannot be undone."
            )
            % {"amount": Money(booking.amount).format(), "provider": booking.provider},
            _("Yes, claw back"),
        ),
    )


# --- officer: payout freezes -------------------------------------------------------------------


def _freezes_page(
    request: HttpRequest,
    *,
    form_for: int | None = None,
    bound_form: FreezeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    rows = [
        {
            "row": row,
            "form": bound_form
            if form_for == row.provider.pk and bound_form is not None
            else FreezeForm(auto_id=f"freeze-{row.provider.pk}-%s"),
        }
        for row in selectors.providers_for_freezes(query=query)
    ]
    return render(
        request,
        "vouchers/office/officer_freezes.html",
        {"rows": rows, "search": search, "query": query},
        status=status,
    )


@never_cache
@role_required(Role.OFFICER)
def officer_freezes(request: HttpRequest) -> HttpResponse:
    """Providers with their payout freeze: freeze (with a reason) in one action, or lift."""
    return _freezes_page(request)


@role_required(Role.OFFICER)
@post_or_back(lambda request, **kwargs: reverse("vouchers:officer_freezes"))
def officer_freeze(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=provider_id)
    form = FreezeForm(request.POST, auto_id=f"freeze-{provider.pk}-%s")
    if form.is_valid():
        asked = confirm_first(
            request,
            question=_("Freeze payouts to %(name)s?") % {"name": provider.legal_name},
            consequences=[
                _(
                    "Nothing of it is settled or paid until the freeze is lifted, and a payment batch "
                    "with its transfers is stopped until it is rebuilt."
                )
            ],
            confirm_label=_("Yes, freeze the payouts"),
            back=reverse("vouchers:officer_freezes"),
            shown={"reason": _("Reason")},
        )
        if asked is not None:
            return asked
    done = submit(
        request,
        form,
        lambda data: freeze_services.payout_freeze(
            provider_id=provider.pk, actor=actor_from_request(request), reason=data["reason"]
        ),
        success=_(
            "Payouts to %(name)s are frozen: nothing of it is settled or paid until the freeze is lifted."
        )
        % {"name": provider.legal_name},
        done="vouchers:officer_freezes",
        refusals=REFUSALS_AND_DENIALS,
    )
    return done or _freezes_page(request, form_for=provider.pk, bound_form=form, status=400)


@role_required(Role.OFFICER)
@post_or_back(lambda request, **kwargs: reverse("vouchers:officer_freezes"))
def officer_unfreeze(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=provider_id)
    asked = confirm_first(
        request,
        question=_("Lift the freeze of payouts to %(name)s?") % {"name": provider.legal_name},
        consequences=[
            _("Its bookings are settled and paid again: they go into the next settlement and payment batch.")
        ],
        confirm_label=_("Yes, lift the freeze"),
        back=reverse("vouchers:officer_freezes"),
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: freeze_services.payout_unfreeze(provider_id=provider.pk, actor=actor_from_request(request)),
        success=_("The freeze of payouts to %(name)s is lifted.") % {"name": provider.legal_name},
        done="vouchers:officer_freezes",
        refusals=REFUSALS_AND_DENIALS,
    )
