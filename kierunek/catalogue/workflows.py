"""The lifecycle of a service card, declared once (the workflow kit: kierunek.core.workflow).

A provider writes a draft, publishes it (it appears in the search), and later cancels it or marks
it completed after its last session; a draft may be cancelled too. Only the staff of the card's
provider moves it: the services check that on the card itself (``check_role=False``). A card
cancelled after publication keeps the cancellation and its reason in its public history
(CardRevision)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role
from kierunek.core.workflow import Applied, Transition, Workflow

from .audit_actions import CATALOGUE_CARD_CANCELLED, CATALOGUE_CARD_COMPLETED, CATALOGUE_CARD_PUBLISHED
from .models import CardRevision, CardStatus, ServiceCard

DRAFT, PUBLISHED, COMPLETED, CANCELLED = (
    CardStatus.DRAFT,
    CardStatus.PUBLISHED,
    CardStatus.COMPLETED,
    CardStatus.CANCELLED,
)
PROVIDER_STAFF = {Role.PROVIDER_STAFF}

# What a provider reads when the card's state does not allow a step (the messages the services
# gave before the workflow kit).
_REFUSALS = {
    "publish": _("Only a draft can be published."),
    "cancel": _("This service is already completed or cancelled."),
    "complete": _("Only a published service can be completed."),
}


def _refusal(card: Any, transition: Transition, state: str) -> Any:
    return _REFUSALS[transition.name]


def _history(applied: Applied) -> None:
    """A published card's cancellation is part of its public history, with the reason (the note)."""
    if applied.transition.name == "cancel" and applied.source == PUBLISHED:
        CardRevision.objects.create(
            card=applied.obj,
            changed_by=applied.actor.user,
            changes={"status": [applied.source, applied.transition.target], "reason": ["", applied.note]},
        )


CARD = Workflow(
    name="catalogue.card",
    model=ServiceCard,
    states=dict(CardStatus.choices),
    transitions=[
        Transition(
            "publish",
            {DRAFT},
            PUBLISHED,
            roles=PROVIDER_STAFF,
            label=_("publish the service"),
            audit_action=CATALOGUE_CARD_PUBLISHED,
        ),
        Transition(
            "cancel",
            {DRAFT, PUBLISHED},
            CANCELLED,
            roles=PROVIDER_STAFF,
            label=_("cancel the service"),
            audit_action=CATALOGUE_CARD_CANCELLED,
        ),
        Transition(
            "complete",
            {PUBLISHED},
            COMPLETED,
            roles=PROVIDER_STAFF,
            label=_("mark the service completed"),
            audit_action=CATALOGUE_CARD_COMPLETED,
        ),
    ],
    history=_history,
    refusal=_refusal,
)
