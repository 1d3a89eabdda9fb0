"""What evaluations adds to the catalogue's card page, through the catalogue's hook
(:data:`kierunek.catalogue.hooks.card_panels`): the participants' comments an officer published,
each with the provider's reply. ``EvaluationsConfig.ready()`` imports this module."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.catalogue.hooks import card_panels
from kierunek.catalogue.models import ServiceCard

from .selectors.comments import comments_published_on_card

COMMENTS_PANEL_TEMPLATE = "evaluations/_card_comments.html"


def card_comments_panel(
    request: HttpRequest, card: ServiceCard, page: dict[str, Any]
) -> tuple[str, dict[str, Any]] | None:
    comments = comments_published_on_card(card_id=card.pk)
    return (COMMENTS_PANEL_TEMPLATE, {"card_comments": comments}) if comments else None


card_panels.register(card_comments_panel)
