"""The lifecycle of a broker's proposal, declared with the kit (:mod:`kierunek.core.workflow`)::

proposed ─confirm→ booked        (the participant, from their own login: booked as them)
proposed ─decline→ declined      (the participant)
proposed ─withdraw→ withdrawn    (the broker; or the system when the mandate is revoked)
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role
from kierunek.core.workflow import SYSTEM_ROLE, Transition, Workflow

from . import domain
from .audit_actions import PROPOSAL_CONFIRMED, PROPOSAL_DECLINED, PROPOSAL_WITHDRAWN
from .models import Proposal, ProposalStatus

PARTICIPANT = frozenset({Role.PARTICIPANT.value})
BROKER = frozenset({Role.BROKER.value})

PROPOSAL = Workflow(
    name="brokerage.proposal",
    model=Proposal,
    states=dict(ProposalStatus.choices),
    transitions=[
        Transition(
            "confirm",
            {domain.PROPOSED},
            domain.BOOKED,
            roles=PARTICIPANT,
            label=_("confirm the proposal and book"),
            audit_action=PROPOSAL_CONFIRMED,
        ),
        Transition(
            "decline",
            {domain.PROPOSED},
            domain.DECLINED,
            roles=PARTICIPANT,
            label=_("decline the proposal"),
            audit_action=PROPOSAL_DECLINED,
        ),
        Transition(
            "withdraw",
            {domain.PROPOSED},
            domain.WITHDRAWN,
            roles=BROKER | PARTICIPANT | {SYSTEM_ROLE},
            label=_("withdraw the proposal"),
            audit_action=PROPOSAL_WITHDRAWN,
        ),
    ],
)
