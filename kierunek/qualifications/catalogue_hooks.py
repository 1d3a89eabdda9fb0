"""What the register gives the catalogue (kierunek.catalogue.hooks.qualification_register): which
codes exist (a card's code is checked against them, in the form and the import), the choices of
the card form, and the link from a card to the qualification's public page."""

from __future__ import annotations

from django.urls import reverse

from kierunek.catalogue.hooks import qualification_register

from . import selectors
from .models import Qualification


def _link(code: str) -> tuple[str, str] | None:
    name = Qualification.objects.filter(code=code).values_list("name", flat=True).first()
    if name is None:
        return None
    return name, reverse("qualifications:detail", args=[code])


def catalogue_hooks_register() -> None:
    qualification_register.provide(known=selectors.codes_known, choices=selectors.choices, link=_link)
