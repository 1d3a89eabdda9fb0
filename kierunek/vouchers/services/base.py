"""What the service modules of this context share: today's date, the operators' roles, the
backstop rule for internal idempotency keys, and the locks and the release of a reservation that
several subjects take."""

from __future__ import annotations

import hashlib
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.catalogue.services import card_seat_release
from kierunek.core.actor import Actor
from kierunek.programmes.models import Programme
from kierunek.providers.models import Provider

from .. import ledger
from ..ledger import Leg
from ..models import Booking, PayoutFreeze, TransactionKind, VoucherAccount

OPERATOR_ROLES = (Role.FINANCIAL_OPERATOR,)


def today() -> date:
    return timezone.localdate()


def _key_required(idempotency_key: str) -> None:
    """A backstop for keys made inside the application (tasks, the demo); a key a person sends is
    checked by :class:`kierunek.core.idempotency.IdempotencyKey` before it gets here."""
    if not idempotency_key or len(idempotency_key) > 150:
        raise ValidationError(_("Every money operation needs an idempotency key of at most 150 characters."))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _release(booking: Booking, *, actor: Actor, free_seat: bool) -> None:
    """Return a booking's reservation to the participant's vouchers."""
    account = booking.voucher_account
    ledger.post(
        kind=TransactionKind.RELEASE,
        programme_id=account.programme_id,
        idempotency_key=f"release:{booking.pk}",
        legs=[
            Leg(account.reserved, -booking.amount, booking.pk),
            Leg(account.account, booking.amount, booking.pk),
        ],
        voucher_account=account,
        booking=booking,
        actor=actor.user,
    )
    if free_seat:
        card_seat_release(card_id=booking.card_id)


def _locked_booking(booking_id: int) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related(
            "voucher_account__account", "voucher_account__reserved", "card", "provider", "participant"
        )
        .get(pk=booking_id)
    )


def _lock_voucher_account(voucher_account_id: int) -> VoucherAccount:
    """Lock a voucher account's ledger rows (the balance a booking draws on) and return it."""
    voucher_account = VoucherAccount.objects.select_related("account", "reserved", "programme").get(
        pk=voucher_account_id
    )
    locked = ledger.lock_accounts([voucher_account.account_id, voucher_account.reserved_id])
    voucher_account.account = locked[voucher_account.account_id]
    voucher_account.reserved = locked[voucher_account.reserved_id]
    return voucher_account


def frozen_provider_ids() -> set[int]:
    return set(PayoutFreeze.objects.filter(lifted_at__isnull=True).values_list("provider_id", flat=True))


def held_provider_ids(*, day: date) -> set[int]:
    return set(Provider.objects.filter(payout_hold_until__gte=day).values_list("pk", flat=True))


def _lock_programme(programme_id: int) -> None:
    """Settlement runs and batch builds of one programme take turns (PostgreSQL: the programme's
    row lock; SQLite: BEGIN IMMEDIATE already holds the write lock)."""
    Programme.objects.select_for_update().filter(pk=programme_id).values_list("pk", flat=True).first()
