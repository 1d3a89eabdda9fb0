"""The lifecycle of a version of a standard of educational services, declared with the kit
(:mod:`kierunek.core.workflow`)::

    draft ─open_consultation→ consultation ─adopt→ adopted ─publish→ published
    draft | consultation ─withdraw→ withdrawn

The coordinator (the Metropolis' education staff) takes every step. ``adopt`` is refused by the
service while a comment of the consultation has no answer (:func:`domain_forum.may_adopt`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role
from kierunek.core.workflow import Transition, Workflow

from . import domain_forum as d
from .audit_actions_forum import CONSULTATION_OPENED, STANDARD_ADOPTED, STANDARD_PUBLISHED, STANDARD_WITHDRAWN
from .models_forum import StandardVersion, VersionStatus

COORDINATOR = frozenset({Role.METROPOLIS_STAFF.value})

STANDARD_VERSION = Workflow(
    name="education.standard_version",
    model=StandardVersion,
    states=dict(VersionStatus.choices),
    transitions=[
        Transition(
            "open_consultation",
            {d.DRAFT},
            d.CONSULTATION,
            roles=COORDINATOR,
            label=_("open the version for consultation"),
            audit_action=CONSULTATION_OPENED,
        ),
        Transition(
            "adopt",
            {d.CONSULTATION},
            d.ADOPTED,
            roles=COORDINATOR,
            label=_("adopt the version"),
            audit_action=STANDARD_ADOPTED,
        ),
        Transition(
            "publish",
            {d.ADOPTED},
            d.PUBLISHED,
            roles=COORDINATOR,
            label=_("publish the version"),
            audit_action=STANDARD_PUBLISHED,
        ),
        Transition(
            "withdraw",
            {d.DRAFT, d.CONSULTATION},
            d.WITHDRAWN,
            roles=COORDINATOR,
            label=_("withdraw the version"),
            audit_action=STANDARD_WITHDRAWN,
        ),
    ],
)
