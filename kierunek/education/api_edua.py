"""Public API of the funding sources and the career-orientation offer, mounted by config/api.py at
``/api/v1/education``: the same searches as the pages; anyone may read them. Amounts are złoty as
strings with two decimals (``"12500.00"``), never floats."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from kierunek.core.api_errors import ErrorOut
from kierunek.core.money import Money

from . import domain_funding
from .models_career import ActivityKind, CareerActivity, SchoolLevel
from .models_funding import FundingSource
from .selectors_career import ActivityFilters, activities_search
from .selectors_career import activity as activity_get
from .selectors_funding import FundingFilters, funding_search
from .selectors_funding import funding_source as funding_source_get

router = Router(auth=None)

MAX_LIMIT = 500


class FundingSourceOut(Schema):
    id: int
    funder: str
    programme: str
    title: str
    description: str
    purposes: list[str] = Field(description="training, advisory, postgraduate, networks, materials")
    applicants: list[str] = Field(description="gmina, school, teacher")
    amount_min: str | None = Field(description="złoty, two decimals")
    amount_max: str | None = Field(description="złoty, two decimals")
    cofinancing_percent: int
    opens_on: date | None
    deadline: date | None
    state: str = Field(description="upcoming, open or closed (from the dates)")
    url: str


class FundingQuery(Schema):
    q: str = Field("", max_length=100, description="Words; case and Polish diacritics are forgiven")
    purpose: str = Field("", pattern=f"^({'|'.join(domain_funding.PURPOSES)})?$")
    applicant: str = Field("", pattern=f"^({'|'.join(domain_funding.APPLICANTS)})?$")
    state: str = Field("", pattern="^(open|upcoming|closed|all)?$", description="default: open or upcoming")
    limit: int = Field(100, ge=1, le=MAX_LIMIT)


def _pln(grosze: int | None) -> str | None:
    return None if grosze is None else Money(grosze).api_str()


def _source(source: FundingSource) -> dict[str, Any]:
    return {
        "id": source.pk,
        "funder": source.funder,
        "programme": source.programme,
        "title": source.title,
        "description": source.description,
        "purposes": source.purposes,
        "applicants": source.applicants,
        "amount_min": _pln(source.amount_min),
        "amount_max": _pln(source.amount_max),
        "cofinancing_percent": source.cofinancing_percent,
        "opens_on": source.opens_on,
        "deadline": source.deadline,
        "state": source.state(),
        "url": source.url,
    }


@router.get(
    "/funding-sources",
    response=list[FundingSourceOut],
    summary="Funding sources for education staff",
    url_name="education_funding_sources",
)
def funding_sources(request: HttpRequest, filters: Query[FundingQuery]) -> list[dict[str, Any]]:
    found = funding_search(
        FundingFilters(q=filters.q, purpose=filters.purpose, applicant=filters.applicant, state=filters.state)
    )
    return [_source(s) for s in found[: filters.limit]]


@router.get(
    "/funding-sources/{source_id}",
    response={200: FundingSourceOut, 404: ErrorOut},
    summary="A funding source",
    url_name="education_funding_source",
)
def funding_source(request: HttpRequest, source_id: int) -> Any:
    try:
        return Status(200, _source(funding_source_get(source_id)))
    except FundingSource.DoesNotExist:
        return Status(404, {"detail": "Nie ma takiego źródła finansowania. / No such funding source."})


class ActivityPlaceOut(Schema):
    teryt: str
    name: str


class ActivityOut(Schema):
    id: int
    title: str
    kind: str = Field(description="workshop, workplace_visit, job_shadowing or talk")
    description: str
    partner: str
    level: str = Field(description="primary or secondary")
    grade_from: int
    grade_to: int
    gmina: ActivityPlaceOut
    address: str
    held_on: date
    places: int
    places_left: int


class ActivityQuery(Schema):
    q: str = Field("", max_length=100)
    kind: str = Field("", pattern=f"^({'|'.join(ActivityKind.values)})?$")
    level: str = Field("", pattern=f"^({'|'.join(SchoolLevel.values)})?$")
    grade: int | None = Field(None, ge=1, le=8)
    gmina: str = Field("", pattern=r"^(\d{7})?$", description="TERYT of the gmina")
    with_places: bool = False
    limit: int = Field(100, ge=1, le=MAX_LIMIT)


def _activity(a: CareerActivity) -> dict[str, Any]:
    return {
        "id": a.pk,
        "title": a.title,
        "kind": a.kind,
        "description": a.description,
        "partner": a.institution.name,
        "level": a.level,
        "grade_from": a.grade_from,
        "grade_to": a.grade_to,
        "gmina": {"teryt": a.gmina.teryt, "name": a.gmina.name},
        "address": a.address,
        "held_on": a.held_on,
        "places": a.places,
        "places_left": a.places_left,
    }


@router.get(
    "/career-activities",
    response=list[ActivityOut],
    summary="Career-orientation activities for pupils (still to come)",
    url_name="education_career_activities",
)
def career_activities(request: HttpRequest, filters: Query[ActivityQuery]) -> list[dict[str, Any]]:
    found = activities_search(
        ActivityFilters(
            q=filters.q,
            kind=filters.kind,
            level=filters.level,
            grade=filters.grade,
            gmina=filters.gmina,
            with_places=filters.with_places,
        )
    )
    return [_activity(a) for a in found[: filters.limit]]


@router.get(
    "/career-activities/{activity_id}",
    response={200: ActivityOut, 404: ErrorOut},
    summary="A career-orientation activity",
    url_name="education_career_activity",
)
def career_activity(request: HttpRequest, activity_id: int) -> Any:
    try:
        found = activity_get(activity_id)
        if found.is_cancelled:  # it has left the offer
            raise CareerActivity.DoesNotExist
        return Status(200, _activity(found))
    except CareerActivity.DoesNotExist:
        return Status(404, {"detail": "Nie ma takiego zajęcia. / No such activity."})
