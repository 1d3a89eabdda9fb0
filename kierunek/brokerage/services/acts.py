"""What a broker does under a mandate: propose a service (the participant confirms it from their
own login, and it is booked as them), book or cancel directly where the mandate allows it, add
evidence to the portfolio. Each act is audited and recorded for the participant to read."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.guidance.models import CompetenceBalance
from kierunek.guidance.services.portfolio import portfolio_file_add, portfolio_reference_add
from kierunek.vouchers.models import Booking, VoucherAccount
from kierunek.vouchers.services import booking_cancel, booking_create

from .. import domain
from ..audit_actions import BOOKED_FOR, CANCELLED_FOR, PORTFOLIO_ADDED_FOR, PROPOSAL_MADE
from ..models import Mandate, MandateAct, Proposal
from ..workflows import PROPOSAL
from .mandates import mandate_for_act


def _participant(participant_id: int) -> User:
    return User.objects.get(pk=participant_id, role=Role.PARTICIPANT)


def _act(
    mandate: Mandate, kind: str, *, card: Any = None, booking: Any = None, description: str = ""
) -> MandateAct:
    return MandateAct.objects.create(
        mandate=mandate, kind=kind, card=card, booking=booking, description=description[:300]
    )


def _usable_account(participant: User, voucher_account_id: int) -> VoucherAccount:
    account = VoucherAccount.objects.filter(pk=voucher_account_id, participant=participant).first()
    if account is None:
        raise ValidationError(_("Choose one of the participant's voucher accounts."))
    return account


def proposal_make(
    *, actor: Actor, participant_id: int, card_id: int, voucher_account_id: int, note: str = ""
) -> Proposal:
    """The broker (``actor``) proposes a service; the participant confirms or declines it."""
    require_role(actor.user, Role.BROKER)
    participant = _participant(participant_id)
    with transaction.atomic():
        mandate = mandate_for_act(broker=actor.user, participant=participant, act=domain.PROPOSE)
        card = ServiceCard.objects.get(pk=card_id)
        if card.status != CardStatus.PUBLISHED:
            raise ValidationError(_("This service is not open for booking."))
        account = _usable_account(participant, voucher_account_id)
        if Proposal.objects.filter(participant=participant, card=card, status=domain.PROPOSED).exists():
            raise ValidationError(_("This service is already proposed and waits for the participant."))
        proposal = Proposal.objects.create(
            mandate=mandate, participant=participant, card=card, voucher_account=account, note=note.strip()
        )
        _act(mandate, domain.ACT_PROPOSED, card=card, description=card.title)
        audit_record(
            action=PROPOSAL_MADE,
            actor=actor,
            obj=proposal,
            details={"participant": participant.pk, "card": card.pk},
        )
    return proposal


def _own_proposal(proposal_id: int, actor: Actor) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("mandate", "card").get(pk=proposal_id)
    if proposal.participant_id != actor.user.pk:
        raise PermissionDenied(_("This proposal is not for you."))
    return proposal


def proposal_confirm(*, actor: Actor, proposal_id: int, idempotency_key: str) -> Proposal:
    """The participant (``actor``, their own login) confirms a proposal: the service is booked
    through the vouchers' booking service as the participant."""
    require_role(actor.user, Role.PARTICIPANT)
    with transaction.atomic():
        proposal = _own_proposal(proposal_id, actor)
        if proposal.status == domain.PROPOSED and not proposal.mandate.in_force():
            raise ValidationError(_("The mandate of this proposal is no longer in force."))
        if proposal.status == domain.PROPOSED:
            created = booking_create(
                actor=actor,
                card_id=proposal.card_id,
                voucher_account_id=proposal.voucher_account_id,
                idempotency_key=idempotency_key,
            )
            proposal.booking = created.booking
        PROPOSAL.apply(
            proposal,
            "confirm",
            actor=actor,
            fields=["booking"],
            details={"booking": proposal.booking_id, "broker": proposal.mandate.broker_id},
        )
    return proposal


def proposal_decline(*, actor: Actor, proposal_id: int) -> Proposal:
    require_role(actor.user, Role.PARTICIPANT)
    with transaction.atomic():
        proposal = _own_proposal(proposal_id, actor)
        PROPOSAL.apply(proposal, "decline", actor=actor)
    return proposal


def proposal_withdraw(*, actor: Actor, proposal_id: int) -> Proposal:
    """The broker withdraws their proposal (their own, while it waits)."""
    require_role(actor.user, Role.BROKER)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("mandate", "card").get(pk=proposal_id)
        if proposal.mandate.broker_id != actor.user.pk:
            raise PermissionDenied(_("This is not your proposal."))
        PROPOSAL.apply(proposal, "withdraw", actor=actor)
        _act(
            proposal.mandate,
            domain.ACT_PROPOSAL_WITHDRAWN,
            card=proposal.card,
            description=proposal.card.title,
        )
    return proposal


def booking_for(
    *, actor: Actor, participant_id: int, card_id: int, voucher_account_id: int, idempotency_key: str
) -> Booking:
    """The broker books directly on the participant's behalf: only under a mandate that allows
    booking without the participant's confirmation. The participant is told at once (the booking
    e-mail with its "this was not me" link) and sees the act on their mandates page."""
    require_role(actor.user, Role.BROKER)
    participant = _participant(participant_id)
    with transaction.atomic():
        mandate = mandate_for_act(broker=actor.user, participant=participant, act=domain.BOOK)
        _usable_account(participant, voucher_account_id)
        created = booking_create(
            actor=actor,
            card_id=card_id,
            voucher_account_id=voucher_account_id,
            idempotency_key=idempotency_key,
            on_behalf_of=participant,
        )
        booking = created.booking
        if created.created:
            _act(
                mandate, domain.ACT_BOOKED, card=booking.card, booking=booking, description=booking.card.title
            )
            audit_record(action=BOOKED_FOR, actor=actor, obj=booking, details={"participant": participant.pk})
    return booking


def booking_cancel_for(*, actor: Actor, booking_id: int) -> Booking:
    """The broker cancels a participant's booking under a mandate with the booking scope."""
    require_role(actor.user, Role.BROKER)
    with transaction.atomic():
        booking = Booking.objects.select_related("participant", "card").get(pk=booking_id)
        mandate = mandate_for_act(broker=actor.user, participant=booking.participant, act=domain.CANCEL)
        booking_cancel(booking_id=booking.pk, actor=actor, on_behalf_of=booking.participant)
        _act(
            mandate, domain.ACT_CANCELLED, card=booking.card, booking=booking, description=booking.card.title
        )
        audit_record(
            action=CANCELLED_FOR, actor=actor, obj=booking, details={"participant": booking.participant_id}
        )
    booking.refresh_from_db()
    return booking


def portfolio_add_for(
    *,
    actor: Actor,
    participant_id: int,
    title: str,
    description: str = "",
    upload: UploadedFile | None = None,
    referee_name: str = "",
    referee_contact: str = "",
) -> Any:
    """The broker adds evidence (a document, or a reference when no file is given) to the
    participant's portfolio, under a mandate with the portfolio scope."""
    require_role(actor.user, Role.BROKER)
    participant = _participant(participant_id)
    with transaction.atomic():
        mandate = mandate_for_act(broker=actor.user, participant=participant, act=domain.PORTFOLIO)
        balance = CompetenceBalance.objects.filter(participant=participant).first()
        if balance is None:
            raise ValidationError(_("This participant has no competence balance, so no portfolio yet."))
        if upload is not None:
            item = portfolio_file_add(
                balance_id=balance.pk, title=title, description=description, upload=upload, actor=actor
            )
        else:
            item = portfolio_reference_add(
                balance_id=balance.pk,
                title=title,
                description=description,
                referee_name=referee_name,
                referee_contact=referee_contact,
                actor=actor,
            )
        _act(mandate, domain.ACT_PORTFOLIO_ADDED, description=item.title)
        audit_record(
            action=PORTFOLIO_ADDED_FOR,
            actor=actor,
            obj=item,
            details={"participant": participant.pk, "at": timezone.now().isoformat()},
        )
    return item
