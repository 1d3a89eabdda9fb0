"""Hooks the providers context offers to the contexts above it, which it never imports: panels on
a provider's pages. A context registers a panel from its ``AppConfig.ready()`` (the quality mark
shows the provider's case on its home page and the list of cases on the officer's page); the page
includes each panel's template with the panel's context as ``panel``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models import Provider

HOME = "home"  # the provider staff's home page (providers:home)
OFFICER_PROVIDER = "officer_provider"  # an officer's page of one provider (providers:officer_provider)


@dataclass(frozen=True)
class Panel:
    """A template (``{% include %}``d where the page shows panels) and what it needs, from the provider."""

    template: str
    context: Callable[[Provider], dict[str, Any]]


_PANELS: dict[str, list[Panel]] = {HOME: [], OFFICER_PROVIDER: []}


def panel_register(page: str, panel: Panel) -> None:
    if panel not in _PANELS[page]:
        _PANELS[page].append(panel)


def registered(page: str) -> list[Panel]:
    return list(_PANELS[page])


def panels(page: str, provider: Provider) -> list[dict[str, Any]]:
    """What the page's template loops over: each panel's template and its context."""
    return [{"template": panel.template, **panel.context(provider)} for panel in _PANELS[page]]
