"""Bodies and groups in a person's data export: the seats they held (by their account or their
e-mail), and what they recorded as a body's keeper: minutes attached, decisions recorded, products
started and versions added. Officers who reviewed a product are shown by role only."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import actor_of, field_values, roles_of

from .models_bodies import (
    BodyMeeting,
    BodyMember,
    Decision,
    MemberFunction,
    Product,
    ProductStatus,
    ProductVersion,
)


def bodies_of(*, user: User) -> dict[str, Any]:
    seats = BodyMember.objects.filter(Q(user=user) | Q(email__iexact=user.email)).select_related(
        "body", "institution"
    )
    products = list(Product.objects.filter(created_by=user).prefetch_related("events").order_by("pk"))
    roles = roles_of(e.actor_id for p in products for e in p.events.all())
    return {
        "seats": [
            {
                "body": seat.body.name,
                "institution": seat.institution.name,
                **field_values(seat, "first_name", "last_name", "email", "function", "joined_on", "left_on"),
            }
            for seat in seats.order_by("pk")
        ],
        "minutes": [
            {
                "body": m.body.name,
                "attached_at": m.minutes_attached_at.isoformat() if m.minutes_attached_at else "",
            }
            for m in BodyMeeting.objects.filter(minutes_attached_by=user)
            .select_related("body")
            .order_by("pk")
        ],
        "decisions": [
            {"body": d.body.name, "reference": d.reference, "title": d.title}
            for d in Decision.objects.filter(recorded_by=user).select_related("body").order_by("pk")
        ],
        "products": [
            {
                **field_values(p, "title", "summary", "status", "created_at", "review_comment"),
                "history": [
                    {
                        "from": e.status_from,
                        "to": e.status_to,
                        "at": e.occurred_at.isoformat(),
                        "by": actor_of(e.actor_id, user=user, roles=roles),
                        "note": e.note,
                    }
                    for e in p.events.all()
                ],
            }
            for p in products
        ],
        "versions": [
            {"product": v.product.title, "version": v.number, "uploaded_at": v.uploaded_at.isoformat()}
            for v in ProductVersion.objects.filter(uploaded_by=user).select_related("product").order_by("pk")
        ],
    }


def bodies_rows(*, user: User) -> list[Model]:
    return [*BodyMember.objects.filter(user=user), *Product.objects.filter(created_by=user)]


def personal_data_bodies_register() -> None:
    """Called from :func:`.personal_data.personal_data_register`."""
    statuses = dict(ProductStatus.choices)
    personal_data.register(
        "partnership_bodies",
        title=_("Bodies and groups of the partnership"),
        collect=bodies_of,
        models=[
            "partnership.BodyMember",
            "partnership.BodyMeeting",
            "partnership.Decision",
            "partnership.Product",
            "partnership.ProductVersion",
            "partnership.ProductEvent",
        ],
        labels={
            "seats": _("Your seats in bodies and groups"),
            "minutes": _("Minutes you attached"),
            "decisions": _("Decisions you recorded"),
            "products": _("Products you started"),
            "versions": _("Versions you added"),
            "body": _("Body or group"),
            "reference": _("Number"),
            "product": _("Product"),
            "version": _("Version"),
            "attached_at": _("Attached"),
            "institution": _("Institution"),
        },
        choices={
            "function": dict(MemberFunction.choices),
            "from": statuses,
            "to": statuses,
            "status": statuses,
        },
        order=81,
    )
    personal_data.register_owned_rows(bodies_rows)
