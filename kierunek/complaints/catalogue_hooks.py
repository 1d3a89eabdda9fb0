"""What complaints adds to the catalogue's card page (:mod:`kierunek.catalogue.hooks`): a link to
file a complaint about a published service, for anyone, with or without an account."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.catalogue.hooks import card_panels
from kierunek.catalogue.models import CardStatus, ServiceCard

PANEL_TEMPLATE = "complaints/_card_panel.html"


def card_complaint_panel(
    request: HttpRequest, card: ServiceCard, page: dict[str, Any]
) -> tuple[str, dict[str, Any]] | None:
    if card.status != CardStatus.PUBLISHED:
        return None
    return PANEL_TEMPLATE, {"complaint_card": card}


def catalogue_hooks_register() -> None:
    card_panels.register(card_complaint_panel)
