"""The lifecycle of an agreement, declared once with the kit (:mod:`kierunek.core.workflow`)::

    awaiting ─accept→ accepted ─countersign→ countersigned ─terminate→ terminated

The participant (their agreement and its annexes) or the provider's owner (the provider's agreement)
accepts with a second factor; an officer countersigns; an officer terminates a provider's agreement
with a reason and the last day of new bookings. Whether the acceptor is the agreement's own party
is the service's check (``services/signing.py``), the role is the kit's."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.workflow import Applied, Notification, Transition, Workflow

from . import domain
from .audit_actions import AGREEMENT_ACCEPTED, AGREEMENT_COUNTERSIGNED, AGREEMENT_TERMINATED
from .models import Agreement, AgreementEvent, AgreementStatus

OFFICER = Role.OFFICER.value
PARTICIPANT = Role.PARTICIPANT.value
PROVIDER_STAFF = Role.PROVIDER_STAFF.value


def _event(applied: Applied) -> None:
    AgreementEvent.objects.create(
        agreement=applied.obj,
        status_from=applied.source,
        status_to=applied.transition.target,
        actor=applied.actor.user,
        note=applied.note,
    )


def _refusal(agreement: Any, transition: Transition, state: str) -> Any:
    return _("This agreement is %(status)s: that cannot be done now.") % {
        "status": AgreementStatus(state).label if state in AgreementStatus.values else state
    }


def party_recipients(agreement: Agreement) -> list[Any]:
    """The participant, or the provider's staff (imported late: providers' selectors are below)."""
    if agreement.participant_id:
        return [agreement.participant]
    from kierunek.providers.selectors import provider_staff_users

    return provider_staff_users(provider=agreement.provider)  # type: ignore[arg-type]


def _agreement(agreement: Agreement) -> dict[str, Any]:
    return {"agreement": agreement}


AGREEMENT = Workflow(
    name="agreements.agreement",
    model=Agreement,
    states=dict(AgreementStatus.choices),
    history=_event,
    refusal=_refusal,
    transitions=[
        Transition(
            "accept",
            {domain.AWAITING},
            domain.ACCEPTED,
            roles={PARTICIPANT, PROVIDER_STAFF},
            label=_("accept the agreement"),
            audit_action=AGREEMENT_ACCEPTED,
            notification=Notification(
                subject=gettext_noop("You accepted an agreement"),
                template="agreements/email/accepted.txt",
                recipients=party_recipients,
                context=_agreement,
            ),
        ),
        Transition(
            "countersign",
            {domain.ACCEPTED},
            domain.COUNTERSIGNED,
            roles={OFFICER},
            label=_("countersign the agreement"),
            audit_action=AGREEMENT_COUNTERSIGNED,
            notification=Notification(
                subject=gettext_noop("The office countersigned your agreement"),
                template="agreements/email/countersigned.txt",
                recipients=party_recipients,
                context=_agreement,
            ),
        ),
        Transition(
            "terminate",
            {domain.COUNTERSIGNED},
            domain.TERMINATED,
            roles={OFFICER},
            label=_("terminate the agreement"),
            audit_action=AGREEMENT_TERMINATED,
            notification=Notification(
                subject=gettext_noop("The office terminated your agreement"),
                template="agreements/email/terminated.txt",
                recipients=party_recipients,
                context=_agreement,
            ),
        ),
    ],
)
