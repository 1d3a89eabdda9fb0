"""The participant's page of brokers: the mandates they gave (revoke at once), a new mandate, the
proposals waiting for their confirmation, and everything brokers did for them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import act, confirm_first, post_or_back, submit
from kierunek.core.permissions import role_required

from .. import domain, selectors, services
from ..forms import MandateForm


def _back(request: HttpRequest, **kwargs: object) -> str:
    return reverse("brokerage:mine")


@role_required(Role.PARTICIPANT)
def mine(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = MandateForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.mandate_grant(
            actor=actor_from_request(request),
            broker_id=data["broker"].pk,
            propose=data["propose"],
            book=data["book"],
            portfolio=data["portfolio"],
            book_without_confirmation=data["book_without_confirmation"],
            valid_until=data["valid_until"],
        ),
        success=_("The mandate is given. You can revoke it here at any time."),
        done=reverse("brokerage:mine"),
    )
    if done is not None:
        return done
    proposals = selectors.proposals_for(participant=user)
    return render(
        request,
        "brokerage/mine.html",
        {
            "form": form,
            "mandates": selectors.mandates_of(participant=user),
            "waiting": [p for p in proposals if p.status == domain.PROPOSED],
            "decided": [p for p in proposals if p.status != domain.PROPOSED],
            "acts": selectors.acts_for(participant=user),
        },
    )


@role_required(Role.PARTICIPANT)
@post_or_back(_back)
def revoke(request: HttpRequest, mandate_id: int) -> HttpResponse:
    asked = confirm_first(
        request,
        question=_("Revoke this mandate?"),
        consequences=[
            _(
                "From this moment the broker can do nothing for you under it; "
                "proposals waiting under it are withdrawn."
            ),
            _("Bookings already made stay; you can cancel them yourself."),
        ],
        confirm_label=_("Revoke"),
        back=reverse("brokerage:mine"),
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.mandate_revoke(actor=actor_from_request(request), mandate_id=mandate_id),
        success=_("The mandate is revoked."),
        done=reverse("brokerage:mine"),
    )


@role_required(Role.PARTICIPANT)
@post_or_back(_back)
def confirm(request: HttpRequest, proposal_id: int) -> HttpResponse:
    asked = confirm_first(
        request,
        question=_("Book this service for your vouchers?"),
        consequences=[
            _("The vouchers the service takes are reserved at once and the provider is asked to accept.")
        ],
        confirm_label=_("Confirm and book"),
        back=reverse("brokerage:mine"),
    )
    if asked is not None:
        return asked
    key = f"brokerage-proposal-{proposal_id}"  # a repeated confirmation answers with the first booking
    return act(
        request,
        lambda: services.proposal_confirm(
            actor=actor_from_request(request), proposal_id=proposal_id, idempotency_key=key
        ),
        success=_("Booked. The provider will answer within the programme's deadline."),
        done=reverse("brokerage:mine"),
    )


@role_required(Role.PARTICIPANT)
@post_or_back(_back)
def decline(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return act(
        request,
        lambda: services.proposal_decline(actor=actor_from_request(request), proposal_id=proposal_id),
        success=_("The proposal is declined."),
        done=reverse("brokerage:mine"),
    )
