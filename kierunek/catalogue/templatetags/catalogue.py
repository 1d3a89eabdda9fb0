"""Template tags of the catalogue: ``{% load catalogue %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..hooks import card_panels as registered_card_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def card_panels(context: template.Context) -> SafeString:
    """The panels other contexts add to the card page (kierunek.catalogue.hooks), each rendered
    in the page's context with its own values added, as ``{% include %}`` renders a template."""
    request = context.get("request")
    card = context.get("card")
    if request is None or card is None or context.template is None:
        return mark_safe("")
    parts = []
    page: dict[str, Any] = {str(name): value for name, value in context.flatten().items()}
    for template_name, extra in registered_card_panels.collect(request, card, page):
        panel = context.template.engine.get_template(template_name)
        with context.push(**extra):
            parts.append(panel.render(context))
    return mark_safe("".join(parts))  # noqa: S308 - rendered by the template engine, which escapes
