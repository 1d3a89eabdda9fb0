"""The cooperation agreement's lifecycle, declared once with the kit (:mod:`kierunek.core.workflow`)::

    draft ─sign→ active ─suspend→ suspended ─resume→ active
    active | suspended ─end→ ended
    draft ─cancel→ cancelled

The office (officers) moves an agreement; the gmina's coordinator sees it and works under it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role
from kierunek.core.workflow import Transition, Workflow

from . import domain
from .audit_actions import (
    AGREEMENT_CANCELLED,
    AGREEMENT_ENDED,
    AGREEMENT_RESUMED,
    AGREEMENT_SIGNED,
    AGREEMENT_SUSPENDED,
)
from .models import AgreementStatus, GminaAgreement

OFFICE = frozenset({Role.OFFICER.value})

AGREEMENT = Workflow(
    name="outreach.agreement",
    model=GminaAgreement,
    states=dict(AgreementStatus.choices),
    transitions=[
        Transition(
            "sign",
            {domain.DRAFT},
            domain.ACTIVE,
            roles=OFFICE,
            label=_("record the agreement as signed"),
            audit_action=AGREEMENT_SIGNED,
        ),
        Transition(
            "suspend",
            {domain.ACTIVE},
            domain.SUSPENDED,
            roles=OFFICE,
            label=_("suspend the agreement"),
            audit_action=AGREEMENT_SUSPENDED,
        ),
        Transition(
            "resume",
            {domain.SUSPENDED},
            domain.ACTIVE,
            roles=OFFICE,
            label=_("resume the agreement"),
            audit_action=AGREEMENT_RESUMED,
        ),
        Transition(
            "end",
            {domain.ACTIVE, domain.SUSPENDED},
            domain.ENDED,
            roles=OFFICE,
            label=_("end the agreement"),
            audit_action=AGREEMENT_ENDED,
        ),
        Transition(
            "cancel",
            {domain.DRAFT},
            domain.CANCELLED,
            roles=OFFICE,
            label=_("cancel the draft"),
            audit_action=AGREEMENT_CANCELLED,
        ),
    ],
)
