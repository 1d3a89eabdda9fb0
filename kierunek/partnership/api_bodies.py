"""Public API of the partnerships' bodies and groups, mounted by config/api.py at
``/api/v1/partnerships``: a partnership's bodies and groups (members' names, functions and
institutions, never e-mails; terms; meetings; decisions), one body, and the groups' published
products. Anyone may use them; the same reads as the public pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Path, Router, Schema, Status
from pydantic import Field

from kierunek.core.api_errors import ErrorOut

from . import selectors_bodies as selectors
from .models import Partnership
from .models_bodies import Body, Product

router = Router(auth=None)

Code = Annotated[
    str, Field(pattern=r"^[-a-z0-9]{1,40}$", description="The partnership's code: mpku, inwestorzy")
]
BodySlug = Annotated[str, Field(pattern=r"^[-a-z0-9]{1,120}$", description="The body's address on the site")]
NO_PARTNERSHIP = "Nie ma takiego partnerstwa. / No such partnership."


class BodyTermOut(Schema):
    number: int
    starts_on: date
    ends_on: date


class BodyMemberOut(Schema):
    first_name: str
    last_name: str
    function: str
    function_label: str
    institution: str
    institution_slug: str
    joined_on: date


class BodyMeetingOut(Schema):
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    has_minutes: bool


class BodyDecisionOut(Schema):
    reference: str
    title: str
    text: str
    adopted_on: date
    status: str
    status_label: str


class BodyBriefOut(Schema):
    slug: str
    kind: str
    kind_label: str
    name: str
    topic: str
    meetings_per_year: int | None
    established_on: date
    url: str


class BodyOut(BodyBriefOut):
    terms: list[BodyTermOut]
    members: list[BodyMemberOut]
    meetings: list[BodyMeetingOut]
    decisions: list[BodyDecisionOut]


class GroupProductOut(Schema):
    id: int
    title: str
    summary: str
    group: str
    group_slug: str
    published_at: datetime
    version: int
    file_url: str


def _partnership(code: str) -> Partnership | None:
    return Partnership.objects.filter(code=code).first()


def _brief(body: Body) -> dict[str, Any]:
    return {
        "slug": body.slug,
        "kind": body.kind,
        "kind_label": str(body.get_kind_display()),
        "name": body.name,
        "topic": body.topic,
        "meetings_per_year": body.meetings_per_year,
        "established_on": body.established_on,
        "url": reverse("partnership:body", args=[body.partnership.code, body.slug]),
    }


def _body(body: Body) -> dict[str, Any]:
    return {
        **_brief(body),
        "terms": [
            {"number": t.number, "starts_on": t.starts_on, "ends_on": t.ends_on} for t in body.terms.all()
        ],
        "members": [
            {
                "first_name": m.first_name,
                "last_name": m.last_name,
                "function": m.function,
                "function_label": str(m.get_function_display()),
                "institution": m.institution.name,
                "institution_slug": m.institution.slug,
                "joined_on": m.joined_on,
            }
            for m in selectors.members_sitting(body=body)
        ],
        "meetings": [
            {
                "title": m.event.title,
                "starts_at": m.event.starts_at,
                "ends_at": m.event.ends_at,
                "place": m.event.gmina.name if m.event.gmina else "online",
                "has_minutes": bool(m.minutes),
            }
            for m in selectors.meetings_of(body=body)
        ],
        "decisions": [
            {
                "reference": d.reference,
                "title": d.title,
                "text": d.text,
                "adopted_on": d.adopted_on,
                "status": d.status,
                "status_label": str(d.get_status_display()),
            }
            for d in selectors.decisions_of(body=body)
        ],
    }


def _product(product: Product) -> dict[str, Any]:
    version = selectors.latest_version(product)
    code = product.body.partnership.code
    return {
        "id": product.pk,
        "title": product.title,
        "summary": product.summary,
        "group": product.body.name,
        "group_slug": product.body.slug,
        "published_at": product.published_at,
        "version": version.number if version else 0,
        "file_url": reverse("partnership:product_file", args=[code, product.pk]),
    }


@router.get(
    "/{code}/bodies",
    response={200: list[BodyOut], 404: ErrorOut},
    summary="A partnership's bodies and groups",
    url_name="partnership_bodies",
)
def bodies(request: HttpRequest, code: Path[Code]) -> Any:
    """The general assembly, councils (with their terms), the office, and the task and working
    groups that work now, with who sits in them (names, functions and institutions: public
    information; never e-mails), their meetings and their decisions."""
    partnership = _partnership(code)
    if partnership is None:
        return Status(404, {"detail": NO_PARTNERSHIP})
    return [_body(body) for body in selectors.bodies_of(partnership=partnership)]


@router.get(
    "/{code}/bodies/{slug}",
    response={200: BodyOut, 404: ErrorOut},
    summary="One body or group of a partnership",
    url_name="partnership_body",
)
def body(request: HttpRequest, code: Path[Code], slug: Path[BodySlug]) -> Any:
    partnership = _partnership(code)
    found = Body.objects.filter(partnership=partnership, slug=slug).select_related("partnership").first()
    if found is None:
        return Status(404, {"detail": "Nie ma takiego organu ani zespołu. / No such body or group."})
    return _body(found)


@router.get(
    "/{code}/products",
    response={200: list[GroupProductOut], 404: ErrorOut},
    summary="The published products of a partnership's groups",
    url_name="partnership_products",
)
def products(request: HttpRequest, code: Path[Code]) -> Any:
    """Products (documents) the task and working groups made and the office published, newest
    first, each with the address of its document (the published version, a PDF)."""
    partnership = _partnership(code)
    if partnership is None:
        return Status(404, {"detail": NO_PARTNERSHIP})
    return [_product(p) for p in selectors.published_products(partnership=partnership)]
