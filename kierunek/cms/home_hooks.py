"""The home page's figures (:mod:`kierunek.core.home_figures`) from the rules in force, as the
portal's live blocks read them."""

from __future__ import annotations

from typing import Any

from kierunek.core.home_figures import home_figures_provider_set

from . import live


def _figures() -> Any:
    return live.voucher_rules()


def home_figures_register() -> None:
    home_figures_provider_set(_figures)
