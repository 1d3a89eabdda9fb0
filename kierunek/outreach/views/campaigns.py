"""A campaign's page (what it brought), its printable poster, and closing it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import act
from kierunek.core.permissions import role_required

from .. import figures, selectors, services
from ..documents import campaign_link, campaign_poster_pdf
from ..models import Campaign

STAFF = (Role.OFFICER, Role.GMINA_STAFF)


def _campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    try:
        return selectors.campaign_visible(user=request.user, campaign_id=campaign_id)  # type: ignore[arg-type]
    except Campaign.DoesNotExist:
        raise Http404 from None


@role_required(*STAFF)
@require_GET
def campaign_page(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    exact = request.user.role == Role.OFFICER  # type: ignore[union-attr]
    return render(
        request,
        "outreach/campaign.html",
        {
            "campaign": campaign,
            "link": campaign_link(campaign),
            "row_list": selectors.campaign_funnel([campaign], exact=exact),
            "steps": [(step, figures.STEP_LABELS[step]) for step in figures.STEPS],
            "exact": exact,
        },
    )


@role_required(*STAFF)
@require_GET
def campaign_poster(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    response = HttpResponse(campaign_poster_pdf(campaign), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plakat-{campaign.code}.pdf"'
    return response


@role_required(*STAFF)
@require_POST
def campaign_close(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    return act(
        request,
        lambda: services.campaign_close(actor=actor_from_request(request), campaign_id=campaign.pk),
        success=_("The campaign is closed: new sign-ups are no longer counted for it."),
        done=reverse("outreach:campaign", args=[campaign.pk]),
    )
