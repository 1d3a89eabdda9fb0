"""The money actions of an upheld complaint go through the vouchers' own services: a freeze of the
provider's payouts (an active one is linked, not doubled) and the clawback of the settled booking
complained of (once, whatever the retries). The complaint keeps the link, the audit log records it
against the complaint, and the ledger stays balanced."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kierunek.complaints import services
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import Booking, PayoutFreeze, TransactionKind
from kierunek.vouchers.services import frozen_provider_ids
from tests.vouchers.builders import officer, settled_booking, staff_of

from .builders import about_booking, accepted_booking, accepted_booking_of, decided, taken

pytestmark = pytest.mark.django_db


def test_an_upheld_complaint_freezes_the_providers_payouts_once():
    complaint = decided(about_booking(), upheld=True)
    actor = Actor.of(officer())

    services.complaint_payout_freeze(complaint_id=complaint.pk, actor=actor)
    services.complaint_payout_freeze(complaint_id=complaint.pk, actor=actor)

    complaint.refresh_from_db()
    freeze = PayoutFreeze.objects.get(provider=complaint.provider, lifted_at__isnull=True)
    assert complaint.payout_freeze == freeze
    assert complaint.provider_id in frozen_provider_ids()
    assert complaint.number in freeze.reason
    assert (
        AuditEvent.objects.filter(action="complaints.payout_frozen", object_id=str(complaint.pk)).count() == 1
    )
    assert ledger_violations() == []


def test_a_freeze_already_in_force_is_linked_not_doubled():
    complaint = decided(about_booking(), upheld=True)
    first = services.complaint_payout_freeze(complaint_id=complaint.pk, actor=Actor.of(officer()))
    second = decided(about_booking(accepted_booking_of(complaint.provider)), upheld=True)

    services.complaint_payout_freeze(complaint_id=second.pk, actor=Actor.of(officer()))

    second.refresh_from_db()
    assert second.payout_freeze_id == first.payout_freeze_id
    assert PayoutFreeze.objects.filter(provider=complaint.provider).count() == 1


def test_an_upheld_complaint_claws_back_the_settled_booking_and_the_ledger_balances():
    booking = settled_booking()
    complaint = decided(about_booking(booking), upheld=True)
    actor = Actor.of(officer())

    services.complaint_clawback(complaint_id=complaint.pk, actor=actor)
    services.complaint_clawback(complaint_id=complaint.pk, actor=actor)  # a retry changes nothing

    complaint.refresh_from_db()
    booking.refresh_from_db()
    assert booking.status == "clawed_back"
    assert complaint.clawback.kind == TransactionKind.CLAWBACK
    assert complaint.clawback.booking_id == booking.pk
    assert booking.postings.filter(transaction__kind=TransactionKind.CLAWBACK).count() == 2
    audit = AuditEvent.objects.get(action="complaints.booking_clawed_back")
    assert audit.details == {"booking": booking.pk, "transaction": str(complaint.clawback_id)}
    assert ledger_violations() == []


def test_nothing_is_frozen_or_clawed_back_before_the_complaint_is_upheld():
    booking = settled_booking()
    complaint = taken(about_booking(booking))
    actor = Actor.of(officer())
    with pytest.raises(ValidationError):
        services.complaint_payout_freeze(complaint_id=complaint.pk, actor=actor)
    with pytest.raises(ValidationError):
        services.complaint_clawback(complaint_id=complaint.pk, actor=actor)
    decided(complaint, upheld=False)
    with pytest.raises(ValidationError):
        services.complaint_clawback(complaint_id=complaint.pk, actor=actor)
    assert not PayoutFreeze.objects.exists()
    assert Booking.objects.get(pk=booking.pk).status == "settled"


def test_only_a_settled_booking_is_clawed_back_and_only_by_an_officer():
    complaint = decided(about_booking(accepted_booking()), upheld=True)
    with pytest.raises(ValidationError):
        services.complaint_clawback(complaint_id=complaint.pk, actor=Actor.of(officer()))
    with pytest.raises(PermissionDenied):
        services.complaint_payout_freeze(
            complaint_id=complaint.pk, actor=Actor.of(staff_of(complaint.booking))
        )
    complaint.refresh_from_db()
    assert (complaint.clawback_id, complaint.payout_freeze_id) == (None, None)
