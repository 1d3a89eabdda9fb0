"""Public pages of a partnership's bodies and groups: the list, a body's page (who sits in it,
with their function and institution but never their e-mail; its terms, meetings, decisions and,
for a group, its published products), the partnership's library of products and a product's
page and file. The minutes of meetings are for the partners (partner staff and officers)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kierunek.accounts.models import Role
from kierunek.core.actor import request_user
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_name, upload_response

from .. import selectors_bodies as selectors
from ..models import Partnership
from ..models_bodies import Body, BodyMeeting, Product


def _partnership(code: str) -> Partnership:
    try:
        return selectors.partnership_by_code(code=code)
    except Partnership.DoesNotExist:
        raise Http404 from None


def _body(code: str, slug: str) -> Body:
    try:
        return selectors.public_body(partnership=_partnership(code), slug=slug)
    except Body.DoesNotExist:
        raise Http404 from None


def bodies(request: HttpRequest, code: str) -> HttpResponse:
    partnership = _partnership(code)
    return render(
        request,
        "partnership/bodies/index.html",
        {"partnership": partnership, "bodies": selectors.bodies_of(partnership=partnership)},
    )


def body_page(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    body = _body(code, slug)
    user = request_user(request)
    return render(
        request,
        "partnership/bodies/body.html",
        {
            "partnership": body.partnership,
            "body": body,
            "members": selectors.members_sitting(body=body),
            "past_members": selectors.members_past(body=body),
            "term": selectors.current_term(body=body),
            "terms": body.terms.all(),
            "meetings": selectors.meetings_of(body=body),
            "decisions": selectors.decisions_of(body=body),
            "products": selectors.published_products(body=body) if body.is_group else [],
            "minutes_readable": selectors.may_read_minutes(user=user),
            "keeper": body in selectors.bodies_kept_by(user=user) if user.is_authenticated else False,
        },
    )


@role_required(Role.OFFICER, Role.PARTNER_STAFF)
def minutes(request: HttpRequest, code: str, slug: str, meeting_id: int) -> FileResponse:
    """The minutes of a meeting, for the partners."""
    body = _body(code, slug)
    try:
        meeting = body.meetings.exclude(minutes="").get(pk=meeting_id)
    except BodyMeeting.DoesNotExist:
        raise Http404 from None
    return upload_response(
        meeting.minutes,
        meeting.minutes_kind,
        filename=upload_name(f"protokol-{body.slug}-{meeting.pk}", "pdf"),
    )


def products(request: HttpRequest, code: str) -> HttpResponse:
    partnership = _partnership(code)
    return render(
        request,
        "partnership/bodies/products.html",
        {"partnership": partnership, "products": selectors.published_products(partnership=partnership)},
    )


def _published(code: str, product_id: int) -> Product:
    try:
        return selectors.published_product(partnership=_partnership(code), product_id=product_id)
    except Product.DoesNotExist:
        raise Http404 from None


def product_page(request: HttpRequest, code: str, product_id: int) -> HttpResponse:
    product = _published(code, product_id)
    return render(
        request,
        "partnership/bodies/product.html",
        {
            "partnership": product.body.partnership,
            "product": product,
            "version": selectors.latest_version(product),
        },
    )


def product_file(request: HttpRequest, code: str, product_id: int) -> FileResponse:
    """The published version of a product's document, for anyone."""
    product = _published(code, product_id)
    version = selectors.latest_version(product)
    if version is None:
        raise Http404
    return upload_response(
        version.file,
        version.file_kind,
        filename=upload_name(f"produkt-{product.pk}-v{version.number}", version.file_kind),
    )
