"""``{% load vouchers_hooks %}``: what higher contexts registered in :mod:`kierunek.vouchers.hooks`."""

from typing import Any

from django import template

from kierunek.vouchers import hooks

register = template.Library()


@register.simple_tag
def provider_nav_items() -> list[Any]:
    """The provider navigation's entries other contexts add (``{% provider_nav_items as items %}``)."""
    return list(hooks.PROVIDER_NAV)
