"""What the participant's and the provider's agreement pages share: the page of one agreement
with its PDF's hash and the acceptance form, the PDF download, the code by e-mail and the
acceptance itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.core.actor import actor_from_request
from kierunek.core.pages import REFUSALS_AND_DENIALS, act, form_saved

from .. import domain, selectors, services
from ..forms import AcceptForm
from ..models import Agreement

# The URL names of an audience's pages: (detail, pdf, code, accept).
PARTICIPANT_URLS = (
    "agreements:mine",
    "agreements:mine_pdf",
    "agreements:mine_code",
    "agreements:mine_accept",
)
PROVIDER_URLS = (
    "agreements:provider_agreement",
    "agreements:provider_pdf",
    "agreements:provider_code",
    "agreements:provider_accept",
)


def pdf_response(agreement: Agreement) -> HttpResponse:
    """The stored PDF, byte for byte (its SHA-256 is the one recorded)."""
    response = HttpResponse(selectors.agreement_pdf(agreement=agreement), content_type="application/pdf")
    filename = agreement.number.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="umowa-{filename}.pdf"'
    return response


def agreement_page(
    request: HttpRequest,
    agreement: Agreement,
    *,
    urls: tuple[str, str, str, str],
    can_accept: bool,
    form: AcceptForm | None = None,
    template: str = "agreements/agreement.html",
    **extra: Any,
) -> HttpResponse:
    awaiting = agreement.status == domain.AWAITING
    if awaiting and can_accept and form is None:
        form = AcceptForm(initial={"pdf_sha256": agreement.pdf_sha256})
    return render(
        request,
        template,
        {
            "agreement": agreement,
            "events": selectors.agreement_events(agreement=agreement),
            "form": form if awaiting and can_accept else None,
            "detail_url": urls[0],
            "pdf_url": urls[1],
            "code_url": urls[2],
            "accept_url": urls[3],
            "annexes": agreement.annexes.all() if agreement.kind == domain.PARTICIPATION else [],
            **extra,
        },
    )


def code_send(request: HttpRequest, agreement: Agreement, detail_url: str) -> HttpResponse:
    here = reverse(detail_url, args=[agreement.pk])
    return act(
        request,
        lambda: services.agreement_code_send(agreement_id=agreement.pk, actor=actor_from_request(request)),
        success=_("We e-mailed you a code. It is valid for %(minutes)d minutes.")
        % {"minutes": domain.CODE_VALID_MINUTES},
        done=here,
        refusals=REFUSALS_AND_DENIALS,
    )


def accept(
    request: HttpRequest,
    agreement: Agreement,
    *,
    urls: tuple[str, str, str, str],
    page: Callable[..., HttpResponse],
) -> HttpResponse:
    """Accept with the posted factor and code; a refusal shows the agreement with the form's errors."""
    form = AcceptForm(request.POST)
    saved, _result = form_saved(
        request,
        form,
        lambda data: services.agreement_accept(
            agreement_id=agreement.pk,
            actor=actor_from_request(request),
            factor=data["factor"],
            code=data["code"],
            pdf_sha256=data["pdf_sha256"],
        ),
        success=_("You accepted the agreement. We e-mailed you a confirmation."),
    )
    if saved:
        return redirect(urls[0], agreement.pk)
    return page(form)
