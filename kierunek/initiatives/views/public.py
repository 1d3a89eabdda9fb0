"""The public pages: the contest's editions with their rules, dates and criteria, and once
published, the results and awards; each campaign's activities on a list and a map, with the
counts of participants (small counts suppressed)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kierunek.core.uploads import upload_name, upload_response

from .. import domain, selectors
from ..models import Campaign, CampaignKind, ContestEdition, OrganiserKind
from ..models_campaigns import KIND_SLUGS

KINDS_BY_SLUG = {slug: kind for kind, slug in KIND_SLUGS.items()}


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "initiatives/index.html",
        {"editions": selectors.editions_public(), "campaigns": selectors.campaigns_public()},
    )


def _edition(year: int) -> ContestEdition:
    try:
        return selectors.edition_public(year=year)
    except ContestEdition.DoesNotExist:
        raise Http404 from None


@require_GET
def edition(request: HttpRequest, year: int) -> HttpResponse:
    shown = _edition(year)
    published = shown.status == domain.PUBLISHED
    return render(
        request,
        "initiatives/edition.html",
        {
            "edition": shown,
            "criteria": list(shown.criteria.all()),
            "workshops": [w.event for w in shown.workshops.select_related("event__gmina")],
            "results": selectors.edition_results(shown) if published else [],
            "published": published,
            "applied": shown.applications.count(),
        },
    )


@require_GET
def rules_document(request: HttpRequest, year: int) -> HttpResponseBase:
    shown = _edition(year)
    if not shown.rules_document:
        raise Http404
    return upload_response(
        shown.rules_document, shown.rules_document_kind, filename=upload_name(f"regulamin-egm-{year}", "pdf")
    )


def _campaign(slug: str, year: int) -> Campaign:
    kind = KINDS_BY_SLUG.get(slug)
    if kind is None:
        raise Http404
    try:
        return selectors.campaign_public(kind=kind, year=year)
    except Campaign.DoesNotExist:
        raise Http404 from None


@require_GET
def campaign(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    shown = _campaign(slug, year)
    gmina = request.GET.get("gmina", "")[:7]
    view = selectors.campaign_view(shown, gmina_teryt=gmina if gmina.isdigit() else "")
    rows = [(a, view.counts.cells.get(str(a.pk))) for a in view.activities]
    organisers = [
        (label, view.organisers[kind], view.by_organiser.cells.get(kind))
        for kind, label in OrganiserKind.choices
    ]
    return render(
        request,
        "initiatives/campaign.html",
        {
            "campaign": shown,
            "view": view,
            "rows": rows,
            "organisers": organisers,
            "gmina": gmina,
            "is_learning_day": shown.kind == CampaignKind.LEARNING_DAY,
        },
    )
