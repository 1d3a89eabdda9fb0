"""Public pages of the catalogue: the search (/uslugi/) and a card (/uslugi/<id>/). Anyone may
use them. The search page works without JavaScript (a GET form); with HTMX it replaces only the
results, which it renders from the same template the full page includes."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kierunek.geo.selectors import gmina_list
from kierunek.vouchers.participant_views import card_booking_context

from .models import Category, DeliveryForm, ServiceCard
from .search import (
    PARAMETER_NAMES,
    SORT_LABELS,
    TRUE_VALUES,
    SearchParamsError,
    SearchResult,
    search_cards,
    search_params_parse,
)
from .selectors import card_public_get

RADIUS_CHOICES = (5, 10, 20, 30, 50, 100)
RATING_CHOICES = ("3", "4", "4.5")
RESULTS_TARGET = "search-results"
FLAG_NAMES = ("include_remote", "quality_mark", "free_places")


def _query(values: QueryDict, **changes: str | None) -> str:
    """The query string of the search with ``changes`` (None removes a parameter); a new filter
    starts again from the first page."""
    query = values.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query.setlist(name, [value])
    if "page" not in changes:
        query.pop("page", None)
    return urlencode([(name, item) for name, items in query.lists() for item in items if item != ""])


def _facet_links(result: SearchResult, values: QueryDict) -> dict[str, list[dict[str, Any]]]:
    params = result.params
    links: dict[str, list[dict[str, Any]]] = {"category": [], "form": [], "powiat": []}
    for value in result.facets.category:
        active = params.category == value.key
        links["category"].append(
            {
                "value": value,
                "active": active,
                "query": _query(values, category=None if active else value.key),
            }
        )
    for value in result.facets.form:
        active = params.forms == (value.key,)
        links["form"].append(
            {"value": value, "active": active, "query": _query(values, form=None if active else value.key)}
        )
    for value in result.facets.powiat:
        active = params.powiat == value.key
        links["powiat"].append(
            {"value": value, "active": active, "query": _query(values, powiat=None if active else value.key)}
        )
    return links


def _category_choices() -> list[tuple[Category, list[Category]]]:
    categories = list(Category.objects.order_by("position", "name"))
    return [
        (top, [child for child in categories if child.parent_id == top.pk])
        for top in categories
        if top.parent_id is None
    ]


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """Anyone. The results of the query string's search, with the form to change it."""
    values = request.GET
    result: SearchResult | None = None
    errors: dict[str, str] = {}
    try:
        result = search_cards(search_params_parse(values))
    except SearchParamsError as error:
        errors = error.errors
    context: dict[str, Any] = {
        "result": result,
        "errors": errors,
        "values": {name: values.get(name, "") for name in PARAMETER_NAMES},
        "selected_forms": values.getlist("form"),
        "flags": {name: values.get(name, "").lower() in TRUE_VALUES for name in FLAG_NAMES},
        "facets": _facet_links(result, values) if result else None,
        "first_number": (result.params.page - 1) * result.params.page_size + 1 if result else 1,
        "language": (get_language() or "pl")[:2],
        "previous_query": _query(values, page=str(result.params.page - 1))
        if result and result.has_previous
        else "",
        "next_query": _query(values, page=str(result.params.page + 1)) if result and result.has_next else "",
    }
    partial = (
        request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == RESULTS_TARGET
    )
    if partial and not request.headers.get("HX-History-Restore-Request"):
        response = render(request, "catalogue/_results.html", {**context, "swap_status": True})
    else:
        context.update(
            categories=_category_choices(),
            gminas=gmina_list(),
            delivery_forms=DeliveryForm.choices,
            radius_choices=RADIUS_CHOICES,
            rating_choices=RATING_CHOICES,
            sort_choices=list(SORT_LABELS.items()),
        )
        response = render(request, "catalogue/search.html", context)
    # The same address answers a page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_GET
def card_page(request: HttpRequest, card_id: int) -> HttpResponse:
    """Anyone. A published or completed card; 404 for drafts, cancelled and unknown cards."""
    try:
        detail = card_public_get(card_id=card_id, today=timezone.localdate())
    except ServiceCard.DoesNotExist:
        raise Http404(_("No such service in the catalogue.")) from None
    return render(
        request,
        "catalogue/card.html",
        {
            "detail": detail,
            "card": detail.card,
            "language": (get_language() or "pl")[:2],
            # A participant holding vouchers sees what booking would take, and the booking form.
            **card_booking_context(request, detail.card),
        },
    )
