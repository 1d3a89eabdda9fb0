"""Shapes of the public catalogue API (/api/v1/services). Read-only: there is no input schema to
mass-assign; the query string is parsed by search.search_params_parse, as for the page."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

from ninja import Schema
from pydantic import Field, WithJsonSchema

from .search import MAX_DATES


class ProviderRef(Schema):
    id: int
    name: str


class GminaRef(Schema):
    teryt: str
    name: str


class ServiceDateOut(Schema):
    id: int = Field(description="The card of this date (/api/v1/services/{id})")
    starts_on: date
    ends_on: date
    gmina: GminaRef | None = Field(
        description="Where it takes place; null for remote services and outside Małopolska"
    )
    free_places: int


class ServiceItemOut(Schema):
    id: int
    title: str
    provider: ProviderRef
    category: str = Field(description="Code of the category (see the facets for names)")
    form: str = Field(
        description=(
            "Delivery form: in_person, remote_live, remote_self_paced, blended_live or blended_self_paced"
        )
    )
    gmina: GminaRef | None = Field(
        description="Where it takes place; null for remote services and outside Małopolska"
    )
    distance_km: float | None = Field(
        description="From the seat of the gmina searched from, when one was given"
    )
    price_gross: str = Field(
        description="Gross price per participant in złoty, e.g. 1234.50", examples=["1234.50"]
    )
    starts_on: date
    hours: float
    rating: float | None
    quality_mark: bool = Field(description="The provider holds a valid MSUES quality mark today")
    dates_count: int = Field(
        1,
        description=(
            "How many dates of this service match the search, this one included: the provider's "
            "cards with the same title and delivery form are one service, listed once (its date "
            "first in the requested order)"
        ),
    )
    dates: list[ServiceDateOut] = Field(
        default_factory=list,
        description=(
            f"The service's other matching dates by start date, the earliest {MAX_DATES} of them (see "
            "dates_count for all); empty for a service with one date"
        ),
    )


class FacetValueOut(Schema):
    key: str = Field(description="Category code, delivery form or powiat TERYT code: the value to filter by")
    label: str
    count: int


class FacetsOut(Schema):
    category: list[FacetValueOut] = Field(
        description="Top-level categories. Every facet counts dates: a service on several dates once for each"
    )
    form: list[FacetValueOut]
    powiat: list[FacetValueOut]


class CorrectionOut(Schema):
    word: str = Field(description="A word as typed, which found nothing")
    correction: str = Field(description="The catalogue's word it was taken for")


class LoosenOut(Schema):
    filter: str = Field(
        description=(
            "The filter: category, form, powiat, distance, dates, price, rating, free_places, "
            "quality_mark, or all (every active filter)"
        )
    )
    parameters: list[str] = Field(description="The query parameters to remove to loosen it")
    count: int = Field(description="How many services the search finds without it")


class ServiceListOut(Schema):
    count: int = Field(description="Matching services; a service on several dates counts once")
    page: int
    page_size: int
    items: list[ServiceItemOut]
    facets: FacetsOut
    # When the search found nothing, what it did instead; it never relaxes a search silently.
    relaxed: bool = Field(
        False,
        description=(
            "The items are not those of q as typed, which found nothing, but of relaxed_q "
            "(typos corrected, words that find nothing left out)"
        ),
    )
    relaxed_q: str | None = Field(
        None,
        description=(
            "The text the search relaxed q to: the items' text when relaxed, otherwise the text "
            "the loosen counts are for"
        ),
    )
    corrections: list[CorrectionOut] = Field([], description="Words of q taken for words of the catalogue")
    missing_words: list[str] = Field([], description="Words of q that found nothing, left out")
    loosen: list[LoosenOut] = Field(
        [], description="When the filters exclude everything: what removing each would find"
    )
    suggestion: str | None = Field(
        None, description="A few results and a word that looks mistyped: the text to try instead"
    )


class CategoryOut(Schema):
    code: str
    name: str
    name_en: str
    parent: str | None = Field(description="Code of the parent category")


class PlaceOut(Schema):
    gmina: GminaRef | None
    powiat: str | None
    street: str
    outside_region_address: str


class PricesOut(Schema):
    net: str
    gross: str
    net_per_hour: str
    gross_per_hour: str


class ProviderOut(Schema):
    id: int
    name: str = Field(description="The name shown to residents, as in the search results")
    legal_name: str
    quality_mark: bool
    quality_mark_valid_until: date | None


# A session's start and end are local (Polish) wall-clock times without an offset, sent as
# "09:00:00". JSON Schema's "time" format is RFC 3339's full-time, which needs an offset
# ("09:00:00+01:00"); what is sent is RFC 3339's partial-time, and the schema says so.
LocalTime = Annotated[
    time,
    WithJsonSchema(
        {
            "type": "string",
            "format": "partial-time",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?$",
            "description": "Local time in Poland, HH:MM:SS",
            "examples": ["09:00:00"],
        }
    ),
]


class SessionOut(Schema):
    date: date
    start: LocalTime
    end: LocalTime
    place: str


class ChangeOut(Schema):
    field: str
    label: str
    old: str
    new: str


class HistoryEntryOut(Schema):
    changed_at: datetime
    changes: list[ChangeOut]


class ServiceOut(Schema):
    id: int
    title: str
    status: str
    service_type: str
    form: str
    category: CategoryOut
    provider: ProviderOut
    goal: str
    learning_outcomes: str
    programme: str
    target_group: str
    participation_conditions: str
    technical_requirements: str
    hours: float
    place: PlaceOut
    prices: PricesOut = Field(description="Per participant and per hour, in złoty (e.g. 1234.50)")
    min_participants: int
    max_participants: int
    free_places: int
    enrolment_deadline: date
    starts_on: date
    ends_on: date
    market_qualification: str
    qualification_code: str = Field(
        description="Code of the qualification in the register (ZRK) the service leads to; empty if none"
    )
    rating: float | None
    rating_count: int
    published_at: datetime | None
    sessions: list[SessionOut]
    history: list[HistoryEntryOut] = Field(description="Changes after publication, newest first")


class NotFoundOut(Schema):
    detail: str


class SuggestionOut(Schema):
    kind: str = Field(description="title, category or qualification")
    label: str = Field(description="What to show, in the language of the request")
    text: str = Field(description="For a title or a qualification: the text to search for (q)")
    category: str = Field(description="For a category: its code, to search within it (category)")
    count: int = Field(description="Published services it leads to")


class SuggestionListOut(Schema):
    items: list[SuggestionOut] = Field(description="Best first, at most 8")
