"""Reads of bodies and groups, scoped by role and object: the public pages (bodies, their
members' names, functions and institutions, never their e-mails; meetings; decisions; published
products only), the records a keeper (a body's secretary or leader, or an officer) may see and
change, and the office's queue of products to review and publish."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.collation import polish_key, polish_sorted

from . import domain_bodies as rules
from .models import Partnership
from .models_bodies import Body, BodyMeeting, BodyMember, BodyTerm, Decision, Product, ProductVersion
from .services.bodies_common import keeps_records, manages_members

KIND_ORDER = {
    rules.GENERAL_ASSEMBLY: 0,
    rules.COUNCIL: 1,
    rules.OFFICE: 2,
    rules.TASK_GROUP: 3,
    rules.WORKING_GROUP: 4,
}
FUNCTION_ORDER = {rules.CHAIR: 0, rules.LEADER: 0, rules.DEPUTY: 1, rules.SECRETARY: 2, rules.MEMBER: 3}


def bodies_sorted(bodies: Any) -> list[Body]:
    """The general assembly, councils and the office first, then the groups, each in Polish order."""
    return sorted(bodies, key=lambda b: (KIND_ORDER[b.kind], polish_key(b.name)))


def partnership_by_code(*, code: str) -> Partnership:
    return Partnership.objects.get(code=code)


def bodies_of(*, partnership: Partnership) -> list[Body]:
    """A partnership's bodies and groups that work now (a dissolved one is not listed)."""
    return bodies_sorted(partnership.bodies.filter(dissolved_on__isnull=True))


def public_body(*, partnership: Partnership, slug: str) -> Body:
    return Body.objects.select_related("partnership").get(partnership=partnership, slug=slug)


def members_sitting(*, body: Body) -> list[BodyMember]:
    """Who sits in the body now: by function (chair or leader first), then last and first name."""
    members = body.members.filter(left_on__isnull=True).select_related("institution")
    return sorted(
        members, key=lambda m: (FUNCTION_ORDER[m.function], polish_key(m.last_name), polish_key(m.first_name))
    )


def members_past(*, body: Body) -> list[BodyMember]:
    return list(
        body.members.filter(left_on__isnull=False).select_related("institution").order_by("-left_on", "pk")
    )


def current_term(*, body: Body) -> BodyTerm | None:
    today = timezone.localdate()
    return body.terms.filter(starts_on__lte=today, ends_on__gte=today).first()


def meetings_of(*, body: Body) -> list[BodyMeeting]:
    """The body's meetings, the coming and latest first."""
    return list(body.meetings.select_related("event__gmina").order_by("-event__starts_at", "-pk"))


def decisions_of(*, body: Body) -> QuerySet[Decision]:
    return body.decisions.select_related("meeting__event").order_by("-year", "-number")


def _published() -> QuerySet[Product]:
    latest = ProductVersion.objects.order_by("-number")
    return (
        Product.objects.filter(status=rules.PUBLISHED)
        .select_related("body", "body__partnership")
        .prefetch_related(Prefetch("versions", queryset=latest))
    )


def published_products(*, partnership: Partnership | None = None, body: Body | None = None) -> list[Product]:
    """Published products, the newest first: of a partnership's groups, or of one group."""
    products = _published()
    if partnership is not None:
        products = products.filter(body__partnership=partnership)
    if body is not None:
        products = products.filter(body=body)
    return list(products.order_by("-published_at", "-pk"))


def published_product(*, partnership: Partnership, product_id: int) -> Product:
    return _published().get(pk=product_id, body__partnership=partnership)


def latest_version(product: Product) -> ProductVersion | None:
    """The newest version (the one approved, once the product is past draft)."""
    versions = list(product.versions.all())
    return max(versions, key=lambda v: v.number) if versions else None


def may_read_minutes(*, user: Any) -> bool:
    """Minutes are for the partners: partner staff and officers."""
    return getattr(user, "role", None) in (Role.PARTNER_STAFF, Role.OFFICER)


# --- keepers -----------------------------------------------------------------------------------------


def bodies_kept_by(*, user: Any) -> list[Body]:
    """The bodies a person keeps the records of: every body for an officer; for partner staff those
    where they sit as secretary or leader now."""
    bodies = Body.objects.select_related("partnership")
    if getattr(user, "role", None) != Role.OFFICER:
        pk = getattr(user, "pk", None)
        if pk is None:
            return []
        bodies = bodies.filter(
            members__user_id=pk,
            members__left_on__isnull=True,
            members__function__in=rules.KEEPERS,
        ).distinct()
    return sorted(bodies, key=lambda b: (b.partnership_id, KIND_ORDER[b.kind], polish_key(b.name)))


def body_kept(*, user: Any, body_id: int) -> Body:
    """The body if this person keeps its records, else ``Body.DoesNotExist`` (another's is a 404)."""
    body = Body.objects.select_related("partnership").get(pk=body_id)
    if not keeps_records(user, body.pk):
        raise Body.DoesNotExist
    return body


def may_manage_members(*, user: Any, body: Body) -> bool:
    return manages_members(user, body)


def products_of(*, body: Body) -> QuerySet[Product]:
    return body.products.prefetch_related("versions").order_by("-updated_at", "-pk")


def product_kept(*, body: Body, product_id: int) -> Product:
    return body.products.prefetch_related("versions", "events").get(pk=product_id)


def products_for_office() -> list[Product]:
    """Products the office has to act on: in review (approve or return), approved (publish)."""
    return list(
        Product.objects.filter(status__in=(rules.IN_REVIEW, rules.APPROVED))
        .select_related("body", "body__partnership")
        .order_by("submitted_at", "pk")
    )


def partner_bodies(*, user: Any) -> list[BodyMember]:
    """The seats a person holds now (for their dashboard)."""
    pk = getattr(user, "pk", None)
    if pk is None:
        return []
    seats = BodyMember.objects.filter(Q(user_id=pk), left_on__isnull=True).select_related("body__partnership")
    return polish_sorted(seats, key=lambda m: m.body.name)
