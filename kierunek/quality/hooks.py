"""What the quality mark adds to the providers context's pages, through its hooks
(:mod:`kierunek.providers.hooks`): the provider's current case on its home page, and every case on
the officer's page of the provider."""

from __future__ import annotations

from typing import Any

from kierunek.providers import hooks
from kierunek.providers.models import Provider

from . import selectors
from .domain import CaseState
from .models import STATE_LABELS


def _home(provider: Provider) -> dict[str, Any]:
    case = selectors.current_case(provider=provider)
    return {"case": case, "case_label": STATE_LABELS[CaseState(case.state)] if case else None}


def _officer_provider(provider: Provider) -> dict[str, Any]:
    return {"cases": provider.quality_cases.all()}


HOME_PANEL = hooks.Panel(template="quality/_provider_home_panel.html", context=_home)
OFFICER_PROVIDER_PANEL = hooks.Panel(
    template="quality/_officer_provider_panel.html", context=_officer_provider
)


def provider_panels_register() -> None:
    """Called from ``QualityConfig.ready()``."""
    hooks.panel_register(hooks.HOME, HOME_PANEL)
    hooks.panel_register(hooks.OFFICER_PROVIDER, OFFICER_PROVIDER_PANEL)
