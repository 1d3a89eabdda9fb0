"""The broker's pages: their participants (under mandates), a participant's page (search and
propose services, book or cancel where the mandate allows, add to the portfolio), assisted
registration with the letter to print."""

from __future__ import annotations

import secrets

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import (
    REFUSALS,
    REFUSALS_AND_DENIALS,
    act,
    confirm_first,
    flash_refusal,
    post_or_back,
    submit,
)
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_name, upload_response

from .. import domain, selectors, services
from ..forms import PortfolioForm, ProposeForm, RegisterForm
from ..models import Mandate


def _home(request: HttpRequest, **kwargs: object) -> str:
    return reverse("brokerage:broker")


def _mandate_page(request: HttpRequest, mandate_id: int, **kwargs: object) -> str:
    return reverse("brokerage:mandate", args=[mandate_id])


def _mandate(request: HttpRequest, mandate_id: int) -> Mandate:
    try:
        return selectors.mandate_of_broker(broker=request_user(request), mandate_id=mandate_id)
    except Mandate.DoesNotExist:
        raise Http404 from None


@role_required(Role.BROKER)
def broker(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return render(
        request,
        "brokerage/broker.html",
        {
            "mandates": selectors.mandates_held(broker=user),
            "proposals": selectors.proposals_by(broker=user).filter(status=domain.PROPOSED),
            "registrations": selectors.registrations_by(broker=user),
        },
    )


@role_required(Role.BROKER)
def mandate(request: HttpRequest, mandate_id: int) -> HttpResponse:
    mandate = _mandate(request, mandate_id)
    participant = mandate.participant
    accounts = list(selectors.accounts_of(participant=participant))
    query = request.GET.get("q", "").strip()[:100]
    cards = []
    if query and (mandate.propose or mandate.book):
        cards = list(
            ServiceCard.objects.filter(status=CardStatus.PUBLISHED, title__icontains=query)
            .select_related("provider")
            .order_by("starts_on", "pk")[:20]
        )
    return render(
        request,
        "brokerage/mandate.html",
        {
            "mandate": mandate,
            "participant": participant,
            "accounts": accounts,
            "query": query,
            "cards": cards,
            "propose_form": ProposeForm(accounts=accounts),
            "portfolio_form": PortfolioForm(),
            "bookings": selectors.bookings_of(participant=participant)[:20] if mandate.book else [],
            "can_book": domain.mandate_allows(mandate.terms, act=domain.BOOK, day=mandate.valid_from)
            and mandate.in_force(),
        },
    )


@role_required(Role.BROKER)
@post_or_back(_mandate_page)
def propose(request: HttpRequest, mandate_id: int) -> HttpResponse:
    mandate = _mandate(request, mandate_id)
    form = ProposeForm(request.POST, accounts=selectors.accounts_of(participant=mandate.participant))
    direct = request.POST.get("direct") == "yes"
    if not form.is_valid():
        flash_refusal(request, ValueError(_("Choose a service and a voucher account.")))
        return redirect("brokerage:mandate", mandate_id)
    data = form.cleaned_data
    actor = actor_from_request(request)
    if direct:
        return act(
            request,
            lambda: services.booking_for(
                actor=actor,
                participant_id=mandate.participant_id,
                card_id=data["card"],
                voucher_account_id=data["voucher_account"],
                idempotency_key=f"brokerage-{secrets.token_hex(12)}",
            ),
            success=_(
                "Booked on the participant's behalf. They are told by e-mail and see it on their page."
            ),
            done=reverse("brokerage:mandate", args=[mandate_id]),
            refusals=REFUSALS_AND_DENIALS,
        )
    return act(
        request,
        lambda: services.proposal_make(
            actor=actor,
            participant_id=mandate.participant_id,
            card_id=data["card"],
            voucher_account_id=data["voucher_account"],
            note=data["note"],
        ),
        success=_("Proposed. The participant confirms it from their own login."),
        done=reverse("brokerage:mandate", args=[mandate_id]),
        refusals=REFUSALS_AND_DENIALS,
    )


@role_required(Role.BROKER)
@post_or_back(_mandate_page)
def cancel(request: HttpRequest, mandate_id: int, booking_id: int) -> HttpResponse:
    _mandate(request, mandate_id)
    asked = confirm_first(
        request,
        question=_("Cancel this booking on the participant's behalf?"),
        consequences=[_("The vouchers return to the participant; they see who cancelled it.")],
        confirm_label=_("Cancel the booking"),
        back=reverse("brokerage:mandate", args=[mandate_id]),
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.booking_cancel_for(actor=actor_from_request(request), booking_id=booking_id),
        success=_("The booking is cancelled."),
        done=reverse("brokerage:mandate", args=[mandate_id]),
        refusals=REFUSALS_AND_DENIALS,
    )


@role_required(Role.BROKER)
@post_or_back(_home)
def withdraw(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return act(
        request,
        lambda: services.proposal_withdraw(actor=actor_from_request(request), proposal_id=proposal_id),
        success=_("The proposal is withdrawn."),
        done=reverse("brokerage:broker"),
    )


@role_required(Role.BROKER)
@post_or_back(_mandate_page)
def portfolio(request: HttpRequest, mandate_id: int) -> HttpResponse:
    mandate = _mandate(request, mandate_id)
    form = PortfolioForm(request.POST, request.FILES)
    done = submit(
        request,
        form,
        lambda data: services.portfolio_add_for(
            actor=actor_from_request(request),
            participant_id=mandate.participant_id,
            title=data["title"],
            description=data["description"],
            upload=data["upload"],
            referee_name=data["referee_name"],
            referee_contact=data["referee_contact"],
        ),
        success=_("Added to the participant's portfolio."),
        done=reverse("brokerage:mandate", args=[mandate_id]),
        refusals=REFUSALS_AND_DENIALS,
    )
    if done is not None:
        return done
    for errors in form.errors.values():
        for message in errors:
            flash_refusal(request, ValueError(message))
    return redirect("brokerage:mandate", mandate_id)


@role_required(Role.BROKER)
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None, request.FILES or None)
    done = submit(
        request,
        form,
        lambda data: services.person_register(
            actor=actor_from_request(request),
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            consent=data["consent"],
        ),
        success=_("The account is open. Print the letter with the first password and hand it to the person."),
        done=lambda registration: reverse("brokerage:broker") + f"#registration-{registration.pk}",
    )
    if done is not None:
        return done
    return render(request, "brokerage/register.html", {"form": form})


@role_required(Role.BROKER)
@post_or_back(_home)
def letter(request: HttpRequest, registration_id: int) -> HttpResponse:
    try:
        pdf = services.letter_print(actor=actor_from_request(request), registration_id=registration_id)
    except REFUSALS as error:
        flash_refusal(request, error)
        return redirect("brokerage:broker")
    except ObjectDoesNotExist:
        raise Http404 from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letter-{registration_id}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@role_required(Role.BROKER)
def consent(request: HttpRequest, registration_id: int) -> HttpResponseBase:
    try:
        registration = services.consent_read(
            actor=actor_from_request(request), registration_id=registration_id
        )
    except REFUSALS_AND_DENIALS:
        raise Http404 from None
    except ObjectDoesNotExist:
        raise Http404 from None
    return upload_response(
        registration.consent,
        registration.consent_kind,
        filename=upload_name(f"consent-{registration.pk}", registration.consent_kind),
    )
