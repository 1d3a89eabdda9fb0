"""Public API of the catalogue, mounted by config/api.py at /api/v1/services. Anyone may use it.

The list takes the same query string as the search page (/uslugi/) and goes through the same
parsing (search.search_params_parse) and the same search (search.search_cards): the two give the
same results. A bad parameter gets 422 ``{"detail": [{"type", "loc": ["query", <name>], "msg"}]}``,
the API's usual validation-error shape, naming the parameter.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from kierunek.core.api_errors import ValidationErrorOut
from kierunek.core.money import Money

from . import bur
from .domain import TEXT_FIELDS
from .models import ServiceCard
from .schemas import NotFoundOut, ServiceListOut, ServiceOut, SuggestionListOut
from .search import (
    MAX_PAGE_SIZE,
    SearchHit,
    SearchParamsError,
    SearchResult,
    search_cards,
    search_params_parse,
    suggest,
)
from .selectors import CardDetail, card_public_get

router = Router(auth=None)


class ServiceFilters(Schema):
    """The query string, as text: search_params_parse reads and checks it, as for the page."""

    q: str = Field("", description="Text in Polish; inflection and missing diacritics are forgiven")
    category: str = Field("", description="Category code; its subcategories are included")
    form: list[str] = Field([], description="Delivery form (repeat for several)")
    powiat: str = Field("", description="TERYT code of a powiat (4 digits)")
    gmina: str = Field("", description="TERYT code of a gmina (7 digits): distances count from its seat")
    radius_km: str = Field("", description="Only services within this distance of the gmina's seat")
    include_remote: str = Field("", description="With a radius, also remote services (true/false)")
    starts_after: str = Field("", description="Starts on or after (YYYY-MM-DD)")
    starts_before: str = Field("", description="Starts on or before (YYYY-MM-DD)")
    price_max: str = Field(
        "", description="Highest gross price per participant, in złoty (e.g. 1500 or 1234.50)"
    )
    quality_mark: str = Field(
        "", description="Only providers holding a valid MSUES quality mark (true/false)"
    )
    min_rating: str = Field("", description="Lowest average rating, 1 to 5")
    free_places: str = Field("", description="Only services with free places (true/false)")
    kwalifikacja: str = Field(
        "", description="Code of a qualification in the register (ZRK): only services leading to it"
    )
    exact: str = Field(
        "",
        description="Only the text as typed (true/false): no correction of typos, no partial matches",
    )
    sort: str = Field("", description="relevance (needs q), distance (needs gmina), price or start")
    page: str = Field("", description="Page number, from 1")
    page_size: str = Field("", description=f"Results per page, at most {MAX_PAGE_SIZE} (default 20)")


def _invalid(error: SearchParamsError) -> Status[dict[str, Any]]:
    return Status(
        422,
        {
            "detail": [
                {"type": "invalid_parameter", "loc": ["query", name], "msg": message}
                for name, message in error.errors.items()
            ]
        },
    )


def _item(hit: SearchHit) -> dict[str, Any]:
    card = hit.card
    return {
        "id": card.pk,
        "title": card.title,
        "provider": {"id": card.provider_id, "name": str(card.provider)},
        "category": card.category.code,
        "form": card.delivery_form,
        "gmina": {"teryt": card.gmina.teryt, "name": card.gmina.name} if card.gmina else None,
        "distance_km": hit.distance_km,
        "price_gross": card.price_gross_money.api_str(),
        "starts_on": card.starts_on,
        "hours": float(card.hours),
        "rating": card.rating_average,
        "quality_mark": hit.quality_mark,
        "dates_count": hit.dates_count,
        "dates": [
            {
                "id": other.pk,
                "starts_on": other.starts_on,
                "ends_on": other.ends_on,
                "gmina": {"teryt": other.gmina.teryt, "name": other.gmina.name} if other.gmina else None,
                "free_places": other.free_places,
            }
            for other in hit.dates
        ],
    }


def service_list_payload(result: SearchResult) -> dict[str, Any]:
    facets = result.facets
    return {
        "count": result.count,
        "page": result.params.page,
        "page_size": result.params.page_size,
        "items": [_item(hit) for hit in result.items],
        "facets": {
            name: [{"key": value.key, "label": value.label, "count": value.count} for value in values]
            for name, values in (
                ("category", facets.category),
                ("form", facets.form),
                ("powiat", facets.powiat),
            )
        },
        "relaxed": result.relaxed,
        "relaxed_q": result.relaxed_q or None,
        "corrections": [{"word": item.word, "correction": item.correction} for item in result.corrections],
        "missing_words": list(result.missing_words),
        "loosen": [
            {"filter": item.name, "parameters": list(item.parameters), "count": item.count}
            for item in result.loosen
        ],
        "suggestion": result.suggestion or None,
    }


@router.get(
    "",
    response={200: ServiceListOut, 422: ValidationErrorOut},
    summary="Search the catalogue of development services",
    url_name="services",
)
def service_list(request: HttpRequest, filters: Query[ServiceFilters]) -> Any:
    """Published services matching the filters, one page of them, with the total and the counts
    per top-level category, delivery form and powiat over all matching services. When the text
    finds nothing, the items are those of the text with its typos corrected or its words that find
    nothing left out, and the response says so (relaxed, relaxed_q, corrections, missing_words);
    when the filters exclude everything, ``loosen`` counts what removing each would find."""
    try:
        result = search_cards(search_params_parse(filters.dict()))
    except SearchParamsError as error:
        return _invalid(error)
    return service_list_payload(result)


class SuggestionQuery(Schema):
    q: str = Field("", description="What the person has typed so far (the first 200 characters count)")


@router.get(
    "/suggestions",
    response={200: SuggestionListOut},
    summary="Suggestions as one types: titles, categories and market qualifications",
    url_name="service_suggestions",
)
def service_suggestions(request: HttpRequest, query: Query[SuggestionQuery]) -> Any:
    """Published services' titles, categories and market qualifications having a word that starts
    with each typed word (case and Polish diacritics ignored), best first: those starting with
    the whole text, then by the number of published services. Nothing below two letters."""
    language = (get_language() or "pl")[:2]
    return {
        "items": [
            {
                "kind": item.kind.value,
                "label": item.label,
                "text": item.text,
                "category": item.category,
                "count": item.count,
            }
            for item in suggest(query.q[:200], language=language)
        ]
    }


def _money(amount: Money) -> str:
    return amount.api_str()


def service_detail_payload(detail: CardDetail) -> dict[str, Any]:
    card = detail.card
    return {
        "id": card.pk,
        "title": card.title,
        "status": card.status,
        "service_type": card.service_type,
        "form": card.delivery_form,
        "category": {
            "code": card.category.code,
            "name": card.category.name,
            "name_en": card.category.name_en,
            "parent": card.category.parent.code if card.category.parent else None,
        },
        "provider": {
            "id": card.provider_id,
            "name": str(card.provider),
            "legal_name": card.provider.legal_name,
            "quality_mark": detail.holds_quality_mark,
            "quality_mark_valid_until": detail.quality_mark.valid_until if detail.quality_mark else None,
        },
        **{name: getattr(card, name) for name in TEXT_FIELDS},
        "hours": float(card.hours),
        "place": {
            "gmina": {"teryt": card.gmina.teryt, "name": card.gmina.name} if card.gmina else None,
            "powiat": card.gmina.powiat.teryt if card.gmina else None,
            "street": card.street,
            "outside_region_address": card.outside_region_address,
        },
        "prices": {
            "net": _money(detail.prices.net),
            "gross": _money(detail.prices.gross),
            "net_per_hour": _money(detail.prices.net_per_hour),
            "gross_per_hour": _money(detail.prices.gross_per_hour),
        },
        "min_participants": card.min_participants,
        "max_participants": card.max_participants,
        "free_places": card.free_places,
        "enrolment_deadline": card.enrolment_deadline,
        "starts_on": card.starts_on,
        "ends_on": card.ends_on,
        "market_qualification": card.market_qualification,
        "qualification_code": card.qualification_code,
        "rating": card.rating_average,
        "rating_count": card.rating_count,
        "published_at": card.published_at,
        "sessions": [
            {"date": s.date, "start": s.start_time, "end": s.end_time, "place": s.place}
            for s in card.sessions.all()
        ],
        "history": [
            {
                "changed_at": entry.changed_at,
                "changes": [
                    {"field": c.field, "label": c.label, "old": c.old, "new": c.new} for c in entry.changes
                ],
            }
            for entry in detail.history
        ],
    }


@router.get(
    "/{card_id}",
    response={200: ServiceOut, 404: NotFoundOut},
    summary="One service card",
    url_name="service",
)
def service_detail(request: HttpRequest, card_id: int) -> Any:
    """The whole card: description, sessions, prices net and gross per participant and per hour,
    the provider's quality mark, and the history of changes after publication. Published and
    completed services only; 404 for any other."""
    try:
        detail = card_public_get(card_id=card_id, today=timezone.localdate())
    except ServiceCard.DoesNotExist:
        return Status(404, {"detail": _("No such service in the catalogue.")})
    return service_detail_payload(detail)


@router.get(
    "/{card_id}/bur",
    response={200: dict[str, Any], 404: NotFoundOut},
    summary="One service card in the layout of the national services register (BUR)",
    url_name="service_bur",
)
def service_detail_bur(request: HttpRequest, card_id: int) -> Any:
    """The card as one record of BUR's API (``tytul``, ``dataRozpoczeciaUslugi``, prices in grosze,
    ``harmonogram``...; the fields: docs/decisions/0013-bur-card-format.md), for registers and
    tools that read BUR's layout. Published and completed services only; 404 for any other."""
    try:
        detail = card_public_get(card_id=card_id, today=timezone.localdate())
    except ServiceCard.DoesNotExist:
        return Status(404, {"detail": _("No such service in the catalogue.")})
    return bur.card_record(detail.card)
