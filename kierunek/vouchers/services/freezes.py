"""Freezes: an officer ends a frozen booking (void) or restores it, and freezes or lifts the
freeze of a provider's payouts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.providers.models import Provider

from .. import domain
from ..audit_actions import VOUCHERS_PAYOUT_FROZEN, VOUCHERS_PAYOUT_UNFROZEN
from ..models import Booking, PayoutFreeze
from ..workflows import BOOKING
from .base import _locked_booking, _release


def booking_void(*, booking_id: int, actor: Actor, reason: str) -> Booking:
    """An officer ends a frozen booking: the vouchers return to the participant."""
    require_role(actor.user, Role.OFFICER)
    if not reason.strip():
        raise ValidationError(_("Give the reason."))
    with transaction.atomic():
        booking = _locked_booking(booking_id)
        BOOKING.apply(booking, "void", actor=actor, note=reason.strip(), details={})
        _release(booking, actor=actor, free_seat=booking.frozen_from in (domain.REQUESTED, domain.ACCEPTED))
    return booking


def booking_restore(*, booking_id: int, actor: Actor, note: str = "") -> Booking:
    """An officer finds a frozen booking genuine and restores the state it was frozen in."""
    require_role(actor.user, Role.OFFICER)
    with transaction.atomic():
        booking = _locked_booking(booking_id)
        if booking.status != domain.FROZEN:
            raise ValidationError(_("Only a frozen booking can be restored."))
        restore_to = booking.frozen_from
        booking.frozen_from = ""
        BOOKING.apply(
            booking, f"restore_{restore_to}", actor=actor, note=note, fields=["frozen_from"], details={}
        )
    return booking


def payout_freeze(*, provider_id: int, actor: Actor, reason: str) -> PayoutFreeze:
    """Freeze a provider's payouts in one action: nothing of it is settled or paid until lifted."""
    require_role(actor.user, Role.OFFICER)
    if not reason.strip():
        raise ValidationError(_("Give the reason of the freeze."))
    with transaction.atomic():
        provider = Provider.objects.select_for_update().get(pk=provider_id)
        active = PayoutFreeze.objects.filter(provider=provider, lifted_at__isnull=True).first()
        if active is not None:
            return active
        freeze = PayoutFreeze.objects.create(provider=provider, reason=reason.strip(), frozen_by=actor.user)
        audit_record(action=VOUCHERS_PAYOUT_FROZEN, actor=actor, obj=provider)
    return freeze


def payout_unfreeze(*, provider_id: int, actor: Actor) -> None:
    require_role(actor.user, Role.OFFICER)
    with transaction.atomic():
        updated = PayoutFreeze.objects.filter(provider_id=provider_id, lifted_at__isnull=True).update(
            lifted_at=timezone.now(), lifted_by=actor.user
        )
        if updated:
            audit_record(
                action=VOUCHERS_PAYOUT_UNFROZEN, actor=actor, obj=Provider.objects.get(pk=provider_id)
            )
