"""What vouchers shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`): the
participant's way to the wallet, the officer's frozen bookings and freezes, the financial
operator's queues, and the provider staff's bookings and settlements."""

from typing import Any

from django.http import HttpRequest

from kierunek.core.actor import request_user
from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from .selectors import office as selectors
from .selectors import statements as statement_selectors
from .selectors.contributions import contribution_counts, contributions_due_of
from .services import base as service_base


def _operator_work(request: HttpRequest) -> dict[str, Any]:
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
        "statement_entries": statement_selectors.entries_to_resolve_count(),
        "contributions": contribution_counts(),
    }


def _participant_contributions(request: HttpRequest) -> dict[str, Any] | None:
    due = contributions_due_of(participant=request_user(request))
    return {"due": due} if due else None


def _officer_work(request: HttpRequest) -> dict[str, Any]:
    return {
        "frozen": selectors.frozen_bookings_count(),
        "freezes": selectors.active_freezes_count(),
        "unconfirmed": selectors.unconfirmed_bookings_count(),
    }


def dashboard_blocks_register() -> None:
    for block in (
        DashboardBlock(
            key="vouchers.participant_wallet",
            role="participant",
            template="vouchers/dashboard/participant.html",
            order=40,
        ),
        DashboardBlock(
            key="vouchers.participant_contributions",
            role="participant",
            template="vouchers/dashboard/participant_contributions.html",
            context=_participant_contributions,
            order=35,
        ),
        DashboardBlock(
            key="vouchers.officer_work",
            role="officer",
            template="vouchers/office/_dashboard_officer.html",
            context=_officer_work,
            order=50,
            area="work",
        ),
        DashboardBlock(
            key="vouchers.operator_work",
            role="financial_operator",
            template="vouchers/dashboard/operator.html",
            context=_operator_work,
        ),
        DashboardBlock(
            key="vouchers.provider_bookings_link",
            role="provider_staff",
            template="vouchers/dashboard/provider_bookings.html",
            order=30,
            area="work",
        ),
        DashboardBlock(
            key="vouchers.provider_settlements_link",
            role="provider_staff",
            template="vouchers/dashboard/provider_settlements.html",
            order=50,
            area="work",
        ),
    ):
        dashboard_block_register(block)
