"""The provider's agreements under /dostawca/umowa/: every member of its staff sees them; only
its owner asks for the programme's agreement and accepts it. Another provider's is 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import REFUSALS_AND_DENIALS, act
from kierunek.core.permissions import role_required
from kierunek.programmes import selectors as programme_selectors
from kierunek.providers.models import Provider
from kierunek.providers.selectors import provider_for_member, provider_is_owner

from .. import selectors, services
from ..forms import AcceptForm
from ..models import Agreement
from . import common


def _provider(request: HttpRequest) -> Provider:
    provider = provider_for_member(user=request_user(request))
    if provider is None:
        raise Http404(_("Register your institution first."))
    return provider


def _own(request: HttpRequest, agreement_id: int) -> tuple[Provider, Agreement]:
    provider = _provider(request)
    try:
        return provider, selectors.agreement_of_provider(provider=provider, agreement_id=agreement_id)
    except Agreement.DoesNotExist:
        raise Http404(_("No such agreement of your organisation.")) from None


@role_required(Role.PROVIDER_STAFF)
def provider_agreements(request: HttpRequest) -> HttpResponse:
    provider = _provider(request)
    programme = programme_selectors.programme_current()
    is_owner = provider_is_owner(user=request_user(request), provider=provider)
    live = selectors.provider_agreement_live(provider=provider, programme=programme) if programme else None
    return render(
        request,
        "agreements/provider_list.html",
        {
            "provider": provider,
            "programme": programme,
            "agreements": selectors.agreements_of_provider(provider=provider),
            "can_prepare": programme is not None and live is None and is_owner,
            "is_owner": is_owner,
        },
    )


@role_required(Role.PROVIDER_STAFF)
@require_POST
def provider_prepare(request: HttpRequest) -> HttpResponse:
    programme = programme_selectors.programme_current()
    if programme is None:
        raise Http404
    return act(
        request,
        lambda: services.provider_agreement_prepare(
            actor=actor_from_request(request), programme_id=programme.pk
        ),
        success=_("The agreement is ready. Read it and accept it."),
        done=lambda agreement: reverse("agreements:provider_agreement", args=[agreement.pk]),
        refused=reverse("agreements:provider_agreements"),
        refusals=REFUSALS_AND_DENIALS,
    )


def _page(
    request: HttpRequest, provider: Provider, agreement: Agreement, form: AcceptForm | None = None
) -> HttpResponse:
    is_owner = provider_is_owner(user=request_user(request), provider=provider)
    return common.agreement_page(
        request, agreement, urls=common.PROVIDER_URLS, can_accept=is_owner, form=form, is_owner=is_owner
    )


@role_required(Role.PROVIDER_STAFF)
def provider_agreement(request: HttpRequest, agreement_id: int) -> HttpResponse:
    provider, agreement = _own(request, agreement_id)
    return _page(request, provider, agreement)


@role_required(Role.PROVIDER_STAFF)
def provider_pdf(request: HttpRequest, agreement_id: int) -> HttpResponse:
    return common.pdf_response(_own(request, agreement_id)[1])


@role_required(Role.PROVIDER_STAFF)
@require_POST
def provider_code(request: HttpRequest, agreement_id: int) -> HttpResponse:
    return common.code_send(request, _own(request, agreement_id)[1], "agreements:provider_agreement")


@role_required(Role.PROVIDER_STAFF)
@require_POST
def provider_accept(request: HttpRequest, agreement_id: int) -> HttpResponse:
    provider, agreement = _own(request, agreement_id)
    if not provider_is_owner(user=request_user(request), provider=provider):
        raise PermissionDenied(_("Only the provider's owner can accept its agreement."))
    return common.accept(
        request,
        agreement,
        urls=common.PROVIDER_URLS,
        page=lambda form: _page(request, provider, agreement, form),
    )
