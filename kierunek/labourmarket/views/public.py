"""The investors' pages: the map of Małopolska by powiat with a table of the same links, and each
powiat's page with its labour facts and the anonymised figures about its residents, also as CSV."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kierunek.geo.map import drawing
from kierunek.geo.models import Powiat

from .. import selectors
from ..csv_export import powiat_csv as powiat_csv_text
from ..figures import resident_tables


def _powiat(slug: str) -> Powiat:
    try:
        return selectors.powiat_by_slug(slug)
    except Powiat.DoesNotExist:
        raise Http404 from None


@require_GET
def offer(request: HttpRequest) -> HttpResponse:
    rows = selectors.powiat_rows()
    by_teryt = {row.powiat.teryt: row for row in rows}
    picture = drawing()
    shapes = [(shape, by_teryt[shape.teryt]) for shape in picture.shapes if shape.teryt in by_teryt]
    return render(request, "labourmarket/offer.html", {"rows": rows, "picture": picture, "shapes": shapes})


@require_GET
def powiat_page(request: HttpRequest, slug: str) -> HttpResponse:
    powiat = _powiat(slug)
    return render(
        request,
        "labourmarket/powiat.html",
        {
            "powiat": powiat,
            "slug": slug,
            "facts": selectors.powiat_facts(powiat),
            "tables": resident_tables(powiat),
        },
    )


@require_GET
def powiat_csv(request: HttpRequest, slug: str) -> HttpResponse:
    powiat = _powiat(slug)
    response = HttpResponse(powiat_csv_text(powiat), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="oferta-kadrowa-{slug}.csv"'
    return response
