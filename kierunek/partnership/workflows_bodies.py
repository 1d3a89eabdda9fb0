"""The lifecycles of bodies and groups, declared with the kit (:mod:`kierunek.core.workflow`);
imported by :mod:`.workflows` with the rest.

A decision of a body::

    adopted ─implement→ implemented
    adopted | implemented ─repeal→ repealed

A group's product::

    draft ─submit→ in_review ─approve→ approved ─publish→ published
                   in_review ─return_for_changes→ draft

The group's leader or secretary (partner staff) or the office records decisions and submits a
product; only the office approves, returns and publishes. Who of a role may act on which body is
the services' check (:func:`.services.bodies_common.require_keeper`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.workflow import Applied, Notification, Transition, Workflow

from . import domain_bodies as rules
from .audit_actions_bodies import (
    DECISION_IMPLEMENTED,
    DECISION_REPEALED,
    PRODUCT_APPROVED,
    PRODUCT_PUBLISHED,
    PRODUCT_RETURNED,
    PRODUCT_SUBMITTED,
)
from .models_bodies import Decision, DecisionStatus, Product, ProductEvent, ProductStatus

OFFICER = Role.OFFICER.value
PARTNER_STAFF = Role.PARTNER_STAFF.value


def _decision_refusal(decision: Any, transition: Transition, state: str) -> Any:
    return _("This decision is %(status)s: that cannot be done now.") % {
        "status": DecisionStatus(state).label if state in DecisionStatus.values else state
    }


DECISION = Workflow(
    name="partnership.decision",
    model=Decision,
    states=dict(DecisionStatus.choices),
    refusal=_decision_refusal,
    transitions=[
        Transition(
            "implement",
            {rules.ADOPTED},
            rules.IMPLEMENTED,
            roles={OFFICER, PARTNER_STAFF},
            label=_("mark the decision implemented"),
            audit_action=DECISION_IMPLEMENTED,
        ),
        Transition(
            "repeal",
            {rules.ADOPTED, rules.IMPLEMENTED},
            rules.REPEALED,
            roles={OFFICER, PARTNER_STAFF},
            label=_("record that the decision was repealed"),
            audit_action=DECISION_REPEALED,
        ),
    ],
)


def _product_event(applied: Applied) -> None:
    ProductEvent.objects.create(
        product=applied.obj,
        status_from=applied.source,
        status_to=applied.transition.target,
        actor=applied.actor.user,
        note=applied.note,
    )


def _product_refusal(product: Any, transition: Transition, state: str) -> Any:
    return _("This product is %(status)s: that cannot be done now.") % {
        "status": ProductStatus(state).label if state in ProductStatus.values else state
    }


def product_authors(product: Product) -> list[Any]:
    author = product.created_by
    return [author] if author is not None and author.is_active else []


def _product(product: Product) -> dict[str, Any]:
    return {"product": product}


def _to_authors(subject: str) -> Notification:
    return Notification(
        subject=subject,
        template="partnership/email/product_reviewed.txt",
        recipients=product_authors,
        context=_product,
    )


PRODUCT = Workflow(
    name="partnership.product",
    model=Product,
    states=dict(ProductStatus.choices),
    history=_product_event,
    refusal=_product_refusal,
    transitions=[
        Transition(
            "submit",
            {rules.DRAFT},
            rules.IN_REVIEW,
            roles={OFFICER, PARTNER_STAFF},
            label=_("submit the product for review"),
            audit_action=PRODUCT_SUBMITTED,
        ),
        Transition(
            "return_for_changes",
            {rules.IN_REVIEW},
            rules.DRAFT,
            roles={OFFICER},
            label=_("return the product for changes"),
            audit_action=PRODUCT_RETURNED,
            notification=_to_authors(gettext_noop("Your group's product was returned for changes")),
        ),
        Transition(
            "approve",
            {rules.IN_REVIEW},
            rules.APPROVED,
            roles={OFFICER},
            label=_("approve the product"),
            audit_action=PRODUCT_APPROVED,
            notification=_to_authors(gettext_noop("Your group's product was approved")),
        ),
        Transition(
            "publish",
            {rules.APPROVED},
            rules.PUBLISHED,
            roles={OFFICER},
            label=_("publish the product"),
            audit_action=PRODUCT_PUBLISHED,
            notification=_to_authors(gettext_noop("Your group's product was published")),
        ),
    ],
)
