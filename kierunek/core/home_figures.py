"""The figures of the home page that come from the rules in force (the voucher's value and the
packages). Core cannot read the programmes; the public portal (``kierunek.cms.home_hooks``) gives
them from its ``AppConfig.ready()``, so a rule change never leaves the home page wrong. Without a
provider, or with no programme running, the page says where the figures come from instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_provider: Callable[[], Any] | None = None


def home_figures_provider_set(provider: Callable[[], Any]) -> None:
    global _provider
    _provider = provider


def home_figures() -> Any:
    """An object with ``unit`` (Money) and ``packages`` (each with ``name`` and ``value``), or None."""
    return _provider() if _provider is not None else None
