"""Hooks through which contexts above the catalogue add to its pages without the catalogue
importing them (the layering: catalogue sits below vouchers).

``card_panels``: sections of the card page (/uslugi/<id>/) that another context contributes, for
example the booking panel of the vouchers. A context registers a function in its
``AppConfig.ready()``::

    from kierunek.catalogue.hooks import card_panels
    card_panels.register(booking_panel)

The function takes ``(request, card, page)``, ``page`` being the card page's template context as a
dict (a page that renders the card again, e.g. after a refused booking, may have put its own values
there), and returns ``(template_name, extra_context)`` or None when it has nothing to show. The card
template renders each panel with ``{% card_panels %}`` at the place the panels belong, in the
page's own context with ``extra_context`` added, as an ``{% include %}`` would.

``hours_rules_source``: how the programme counts a service's hours from its sessions on a day
(the programme's ``hours`` rule), which the catalogue checks a card's declared hours against. The
programmes context provides it (``kierunek.programmes.catalogue_hooks``)::

    from kierunek.catalogue.hooks import hours_rules_source
    hours_rules_source.provide(current_hours_rules)

The function takes a day and returns a ``kierunek.catalogue.domain.HoursRules`` or None when no
rule is in force (then the declared hours are not checked).

``qualification_register``: the register of qualifications (ZRK) a card of type exam may lead to,
by code: the card form's choices, the check of a code (form and import), and the link on the card
page. The qualifications context provides it (``kierunek.qualifications.catalogue_hooks``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from django.http import HttpRequest

from .domain import HoursRules
from .models import ServiceCard

CardPanel = Callable[[HttpRequest, ServiceCard, dict[str, Any]], tuple[str, dict[str, Any]] | None]


class CardPanels:
    """The registered panels of the card page, in the order of registration."""

    def __init__(self) -> None:
        self._panels: list[CardPanel] = []

    def register(self, panel: CardPanel) -> CardPanel:
        """Add ``panel`` (once: registering the same function again changes nothing)."""
        if panel not in self._panels:
            self._panels.append(panel)
        return panel

    def __iter__(self) -> Iterator[CardPanel]:
        return iter(tuple(self._panels))

    def __len__(self) -> int:
        return len(self._panels)

    def collect(
        self, request: HttpRequest, card: ServiceCard, page: dict[str, Any]
    ) -> list[tuple[str, dict[str, Any]]]:
        """What each panel shows for ``card`` on this request: (template name, extra context)."""
        shown = []
        for panel in self:
            result = panel(request, card, page)
            if result is not None:
                shown.append(result)
        return shown


card_panels = CardPanels()


class HoursRulesSource:
    """The one function that gives the hours rule in force on a day (None until it is provided)."""

    def __init__(self) -> None:
        self.source: Callable[[date], HoursRules | None] | None = None

    def provide(self, source: Callable[[date], HoursRules | None]) -> None:
        self.source = source

    def on(self, day: date) -> HoursRules | None:
        return None if self.source is None else self.source(day)


hours_rules_source = HoursRulesSource()


class QualificationRegister:
    """The register of qualifications that a card of a qualifying type (domain.QUALIFYING_TYPES)
    may lead to, by its code (``ServiceCard.qualification_code``). The qualifications context
    provides it (``kierunek.qualifications.catalogue_hooks``)::

        from kierunek.catalogue.hooks import qualification_register
        qualification_register.provide(known=..., choices=..., link=...)

    ``known(codes)`` gives which of the codes the register has, ``choices()`` every qualification
    as (code, label) in the order a select shows them, ``link(code)`` the qualification's name
    and public page, or None. Until it is provided, the catalogue checks no code against a
    register and offers no choices."""

    def __init__(self) -> None:
        self._known: Callable[[list[str]], set[str]] | None = None
        self._choices: Callable[[], list[tuple[str, str]]] | None = None
        self._link: Callable[[str], tuple[str, str] | None] | None = None

    def provide(
        self,
        *,
        known: Callable[[list[str]], set[str]],
        choices: Callable[[], list[tuple[str, str]]],
        link: Callable[[str], tuple[str, str] | None],
    ) -> None:
        self._known, self._choices, self._link = known, choices, link

    @property
    def provided(self) -> bool:
        return self._known is not None

    def is_known(self, code: str) -> bool:
        """Whether the register has ``code`` (True while no register is provided)."""
        return self._known is None or code in self._known([code])

    def choices(self) -> list[tuple[str, str]]:
        return [] if self._choices is None else self._choices()

    def link(self, code: str) -> tuple[str, str] | None:
        """(name, URL) of the qualification's public page, or None."""
        return None if self._link is None or not code else self._link(code)


qualification_register = QualificationRegister()
