"""The participant's agreements under /umowa/: the list (and asking for the agreement once the
plan is signed), one agreement with its PDF, the code by e-mail and the acceptance. Anybody
else's agreement is 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import act
from kierunek.core.permissions import role_required
from kierunek.programmes import selectors as programme_selectors

from .. import selectors, services
from ..models import Agreement
from . import common


def _own(request: HttpRequest, agreement_id: int) -> Agreement:
    try:
        return selectors.agreement_of_participant(user=request_user(request), agreement_id=agreement_id)
    except Agreement.DoesNotExist:
        raise Http404(_("No such agreement among yours.")) from None


@role_required(Role.PARTICIPANT)
def my_agreements(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    programme = programme_selectors.programme_current()
    can_prepare = (
        programme is not None
        and selectors.participation_agreement_of(participant=user, programme=programme) is None
        and bool(selectors.plan_package_kinds(participant=user))
    )
    return render(
        request,
        "agreements/participant_list.html",
        {"agreements": selectors.agreements_of_participant(user=user), "can_prepare": can_prepare},
    )


@role_required(Role.PARTICIPANT)
@require_POST
def prepare(request: HttpRequest) -> HttpResponse:
    programme = programme_selectors.programme_current()
    if programme is None:
        raise Http404
    return act(
        request,
        lambda: services.participation_agreement_prepare(
            actor=actor_from_request(request), programme_id=programme.pk
        ),
        success=_("Your agreement is ready. Read it and accept it."),
        done=lambda agreement: reverse("agreements:mine", args=[agreement.pk]),  # type: ignore[union-attr]
        refused=reverse("agreements:my_agreements"),
    )


@role_required(Role.PARTICIPANT)
def mine(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _own(request, agreement_id)
    return common.agreement_page(request, agreement, urls=common.PARTICIPANT_URLS, can_accept=True)


@role_required(Role.PARTICIPANT)
def mine_pdf(request: HttpRequest, agreement_id: int) -> HttpResponse:
    return common.pdf_response(_own(request, agreement_id))


@role_required(Role.PARTICIPANT)
@require_POST
def mine_code(request: HttpRequest, agreement_id: int) -> HttpResponse:
    return common.code_send(request, _own(request, agreement_id), "agreements:mine")


@role_required(Role.PARTICIPANT)
@require_POST
def mine_accept(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _own(request, agreement_id)
    return common.accept(
        request,
        agreement,
        urls=common.PARTICIPANT_URLS,
        page=lambda form: common.agreement_page(
            request, agreement, urls=common.PARTICIPANT_URLS, can_accept=True, form=form
        ),
    )
