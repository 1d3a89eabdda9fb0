"""Clawback: an officer reverses a settled booking; its amount returns to the programme budget."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.permissions import require_role

from .. import ledger
from ..ledger import Leg
from ..models import AccountKind, Booking, TransactionKind
from ..workflows import BOOKING
from .base import _key_required, _locked_booking


def booking_clawback(*, booking_id: int, actor: Actor, reason: str, idempotency_key: str) -> Booking:
    """Reverse a settled booking (e.g. training not delivered): its amount leaves the provider's
    receivable (which goes below zero if it was already paid: the provider owes it, netted against
    the next payout) and returns to the programme budget. The reason is recorded."""
    require_role(actor.user, Role.OFFICER)
    _key_required(idempotency_key)
    if not reason.strip():
        raise ValidationError(_("Give the reason of the clawback."))
    with transaction.atomic():
        booking = _locked_booking(booking_id)
        done = ledger.existing(idempotency_key)
        if done is not None:
            if done.kind == TransactionKind.CLAWBACK and done.booking_id == booking.pk:
                return booking  # a retry
            raise ValidationError(_("This request key was already used for another operation."))
        settle = (
            booking.postings.filter(transaction__kind=TransactionKind.SETTLE)
            .select_related("transaction")
            .first()
        )
        BOOKING.apply(
            booking, "clawback", actor=actor, note=reason.strip(), details={"reason": reason.strip()}
        )
        programme_id = booking.voucher_account.programme_id
        receivable = ledger.receivable_account(programme_id=programme_id, provider_id=booking.provider_id)
        budget = ledger.programme_account(programme_id=programme_id, kind=AccountKind.BUDGET)
        ledger.post(
            kind=TransactionKind.CLAWBACK,
            programme_id=programme_id,
            idempotency_key=idempotency_key,
            legs=[Leg(receivable, -booking.amount, booking.pk), Leg(budget, booking.amount, booking.pk)],
            voucher_account=booking.voucher_account,
            booking=booking,
            reverses=settle.transaction if settle else None,
            actor=actor.user,
            memo=reason.strip()[:300],
        )
    return booking
