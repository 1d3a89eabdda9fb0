"""What the offer shows on the officer's dashboard (the registry: :mod:`kierunek.core.dashboards`):
the newest import of each kind of labour facts, with its reference date, and the link to import."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from . import selectors
from .models import FactKind


def _officer(request: HttpRequest) -> dict[str, Any]:
    newest = selectors.newest_imports()
    return {"kinds": [(label, newest.get(kind)) for kind, label in FactKind.choices]}


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="labourmarket.officer_imports",
            role="officer",
            template="labourmarket/_dashboard_officer.html",
            context=_officer,
            order=70,
            area="work",
        )
    )
