"""Reads of brokerage, scoped by who asks: a participant's own mandates, proposals and the acts
done for them; a broker's participants (under a mandate in force) and registrations."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from kierunek.accounts.models import Role, User
from kierunek.core.collation import polish_sorted
from kierunek.vouchers.models import Booking, VoucherAccount

from .models import AssistedRegistration, Mandate, MandateAct, Proposal


def mandates_of(*, participant: User) -> QuerySet[Mandate]:
    return Mandate.objects.filter(participant=participant).select_related("broker")


def acts_for(*, participant: User) -> QuerySet[MandateAct]:
    """What brokers did for the participant, newest first."""
    return MandateAct.objects.filter(mandate__participant=participant).select_related(
        "mandate__broker", "card", "booking"
    )


def proposals_for(*, participant: User) -> QuerySet[Proposal]:
    return Proposal.objects.filter(participant=participant).select_related(
        "mandate__broker", "card", "booking"
    )


def brokers_to_choose() -> list[User]:
    return polish_sorted(
        User.objects.filter(role=Role.BROKER, is_active=True), key=lambda u: (u.last_name, u.first_name)
    )


def mandates_held(*, broker: User) -> list[Mandate]:
    """The broker's mandates, those in force first."""
    rows = list(Mandate.objects.filter(broker=broker).select_related("participant"))
    return sorted(rows, key=lambda m: (not m.in_force(), -m.granted_at.timestamp()))


def mandate_of_broker(*, broker: User, mandate_id: int) -> Mandate:
    """A mandate the broker holds and that is in force (404 otherwise)."""
    mandate = Mandate.objects.select_related("participant").get(pk=mandate_id, broker=broker)
    if not mandate.in_force():
        raise Mandate.DoesNotExist
    return mandate


def accounts_of(*, participant: User) -> QuerySet[VoucherAccount]:
    today = timezone.localdate()
    return VoucherAccount.objects.filter(
        participant=participant, expired_at__isnull=True, expires_on__gte=today
    ).select_related("package")


def bookings_of(*, participant: User) -> QuerySet[Booking]:
    return Booking.objects.filter(participant=participant).select_related("card", "provider")


def proposals_by(*, broker: User) -> QuerySet[Proposal]:
    return Proposal.objects.filter(mandate__broker=broker).select_related("participant", "card")


def registrations_by(*, broker: User) -> QuerySet[AssistedRegistration]:
    return AssistedRegistration.objects.filter(broker=broker).select_related("person")


def pending_first_password(*, user: User) -> AssistedRegistration | None:
    return AssistedRegistration.objects.filter(
        person=user, password_changed_at__isnull=True, letters_printed__gt=0
    ).first()
