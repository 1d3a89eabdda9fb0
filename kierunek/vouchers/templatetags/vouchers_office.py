"""Dashboard blocks of the vouchers office: ``{% load vouchers_office %}``, then
``{% operator_work_block %}`` or ``{% officer_vouchers_block %}``. The dashboards belong to
accounts; these tags count what waits without a dependency on this app's models in its view."""

from typing import Any

from django import template

from kierunek.vouchers.selectors import office as selectors
from kierunek.vouchers.services import base as service_base

register = template.Library()


@register.inclusion_tag("vouchers/office/_dashboard_operator.html")
def operator_work_block() -> dict[str, Any]:
    programme = selectors.programme_for_office(programme_id=None)
    preview = (
        selectors.settlement_preview(programme=programme, day=service_base.today())
        if programme is not None
        else None
    )
    return {
        "orders": selectors.orders_waiting_count(),
        "settleable": preview.settleable if preview is not None else 0,
        "batches": selectors.batches_waiting_count(),
    }


@register.inclusion_tag("vouchers/office/_dashboard_officer.html")
def officer_vouchers_block() -> dict[str, Any]:
    return {"frozen": selectors.frozen_bookings_count(), "freezes": selectors.active_freezes_count()}
