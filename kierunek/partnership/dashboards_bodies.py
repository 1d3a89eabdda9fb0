"""The bodies' blocks on the dashboards (the registry: :mod:`kierunek.core.dashboards`): partner
staff see the seats they hold and the bodies whose records they keep, with drafts returned by the
office; the officer the groups' products to review or publish."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from . import domain_bodies as rules
from . import selectors_bodies as selectors
from .models_bodies import Product


def _partner(request: HttpRequest) -> dict[str, Any] | None:
    user = request_user(request)
    seats = selectors.partner_bodies(user=user)
    if not seats:
        return None
    kept = selectors.bodies_kept_by(user=user)
    returned = Product.objects.filter(body__in=kept, status=rules.DRAFT).exclude(review_comment="")
    return {"seats": seats, "kept": kept, "returned": list(returned)}


def _officer(request: HttpRequest) -> dict[str, Any]:
    products = selectors.products_for_office()
    return {
        "in_review": sum(1 for p in products if p.status == rules.IN_REVIEW),
        "approved": sum(1 for p in products if p.status == rules.APPROVED),
    }


def dashboard_blocks_bodies_register() -> None:
    for block in (
        DashboardBlock(
            key="partnership.bodies_partner",
            role="partner_staff",
            template="partnership/bodies/_dashboard_partner.html",
            context=_partner,
            order=12,
        ),
        DashboardBlock(
            key="partnership.bodies_officer",
            role="officer",
            template="partnership/bodies/_dashboard_officer.html",
            context=_officer,
            order=61,
            area="work",
        ),
    ):
        dashboard_block_register(block)
