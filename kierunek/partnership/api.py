"""Public API of the partnership, mounted by config/api.py: "find an institution"
(``/api/v1/institutions``: the directory's entries, an entry, an institution, and the whole
directory in the HSDS 3.0 shape) and the good practices (``/api/v1/good-practices``). The same
searches as the pages; anyone may use them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from kierunek.core.api_errors import ErrorOut

from . import domain, selectors
from .hsds.export import hsds_export
from .models import DirectoryEntry, GoodPractice, Institution

router = Router(auth=None)
practices_router = Router(auth=None)

Slug = Annotated[
    str, Field(pattern=r"^[-a-z0-9]{1,120}$", description="The institution's address on the site")
]
AUDIENCE_PATTERN = f"^({'|'.join(domain.AUDIENCES)})?$"


class PartnerPlaceOut(Schema):
    teryt: str
    name: str


class InstitutionBriefOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    powiat: PartnerPlaceOut


class EntryOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    audiences: list[str]
    conditions: str
    is_free: bool
    cost: str
    how_to_apply: str
    gmina: PartnerPlaceOut
    address: str
    contact_name: str
    contact_email: str
    contact_phone: str
    url: str
    checked_on: date
    institution: InstitutionBriefOut


class InstitutionOut(InstitutionBriefOut):
    description: str
    gmina: PartnerPlaceOut
    street_address: str
    postal_code: str
    city: str
    email: str
    phone: str
    website: str
    partnerships: list[str]
    entries: list[EntryOut]


class DirectoryFilters(Schema):
    q: str = Field(
        "", max_length=100, description="The need, in Polish: inflection and missing diacritics are forgiven"
    )
    audience: str = Field("", pattern=AUDIENCE_PATTERN, description="residents, employers or partners")
    powiat: str = Field("", pattern=r"^(12\d{2})?$", description="TERYT code of a powiat (4 digits)")


class PracticeBriefOut(Schema):
    id: int
    title: str
    summary: str
    tags: list[str]
    institution: str
    institution_slug: str
    published_at: datetime


class PracticeOut(PracticeBriefOut):
    description: str
    attachments: list[str]


class LibraryFilters(Schema):
    q: str = Field("", max_length=100, description="Words of the title, summary, description or tags")
    tag: str = Field("", max_length=60, description="A tag's code")


def _place(place: Any) -> dict[str, str]:
    return {"teryt": place.teryt, "name": place.name}


def _brief(institution: Institution) -> dict[str, Any]:
    return {
        "slug": institution.slug,
        "name": institution.name,
        "kind": institution.kind,
        "kind_label": str(institution.get_kind_display()),
        "powiat": _place(institution.powiat),
    }


def _entry(entry: DirectoryEntry) -> dict[str, Any]:
    return {
        **{
            field: getattr(entry, field)
            for field in (
                "id",
                "kind",
                "title",
                "description",
                "audiences",
                "conditions",
                "is_free",
                "cost",
                "how_to_apply",
                "address",
                "contact_name",
                "contact_email",
                "contact_phone",
                "url",
                "checked_on",
            )
        },
        "gmina": _place(entry.gmina),
        "institution": _brief(entry.institution),
    }


@router.get(
    "", response=list[EntryOut], summary="Find an institution: what partners offer", url_name="institutions"
)
def directory(request: HttpRequest, filters: Query[DirectoryFilters]) -> list[dict[str, Any]]:
    """The directory's entries for a need, an audience and a powiat, as on /znajdz-instytucje/
    (at most 200)."""
    entries = selectors.directory_search(q=filters.q, audience=filters.audience, powiat=filters.powiat)
    return [_entry(entry) for entry in entries]


@router.get("/hsds", summary="The directory in the HSDS 3.0 shape", url_name="institutions_hsds")
def hsds(request: HttpRequest) -> dict[str, Any]:
    """Every partner institution offering something (an HSDS organization) and every entry (an
    HSDS service), for other directories to take in (Open Referral HSDS 3.0; decision 0016)."""
    return hsds_export()


@router.get(
    "/entries/{entry_id}",
    response={200: EntryOut, 404: ErrorOut},
    summary="One entry of the directory",
    url_name="institution_entry",
)
def entry(request: HttpRequest, entry_id: int) -> Any:
    try:
        return _entry(selectors.public_entry(entry_id=entry_id))
    except DirectoryEntry.DoesNotExist:
        return Status(404, {"detail": "Nie ma takiego wpisu. / No such entry."})


@router.get(
    "/{slug}",
    response={200: InstitutionOut, 404: ErrorOut},
    summary="A partner institution and its offer",
    url_name="institution",
)
def institution(request: HttpRequest, slug: Path[Slug]) -> Any:
    try:
        found = selectors.public_institution(slug=slug)
    except Institution.DoesNotExist:
        return Status(404, {"detail": "Nie ma takiej instytucji. / No such institution."})
    return {
        **_brief(found),
        **{
            field: getattr(found, field)
            for field in ("description", "street_address", "postal_code", "city", "email", "phone", "website")
        },
        "gmina": _place(found.gmina),
        "partnerships": [
            m.partnership.short_name
            for m in selectors.memberships_of(institution=found)
            if m.status == domain.MEMBER
        ],
        "entries": [_entry(e) for e in selectors.public_entries_of(institution=found)],
    }


def _practice(practice: GoodPractice) -> dict[str, Any]:
    return {
        "id": practice.pk,
        "title": practice.title,
        "summary": practice.summary,
        "tags": [tag.name for tag in practice.tags.all()],
        "institution": practice.institution.name,
        "institution_slug": practice.institution.slug,
        "published_at": practice.published_at,
    }


@practices_router.get(
    "", response=list[PracticeBriefOut], summary="The library of good practices", url_name="good_practices"
)
def practices(request: HttpRequest, filters: Query[LibraryFilters]) -> list[dict[str, Any]]:
    return [_practice(p) for p in selectors.library_search(q=filters.q, tag=filters.tag)]


@practices_router.get(
    "/{practice_id}",
    response={200: PracticeOut, 404: ErrorOut},
    summary="A published good practice",
    url_name="good_practice",
)
def practice(request: HttpRequest, practice_id: int) -> Any:
    try:
        found = selectors.published_practice(practice_id=practice_id)
    except GoodPractice.DoesNotExist:
        return Status(404, {"detail": "Nie ma takiej dobrej praktyki. / No such good practice."})
    return {
        **_practice(found),
        "description": found.description,
        "attachments": [a.name for a in found.attachments.all()],
    }
