"""Advisors' slots: publishing a run of slots, all or none. Every refusal leaves the database as
it was. (Withdrawing a booked slot: test_appointments.py.)"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.guidance.models import AdvisorSlot
from kierunek.guidance.services import slots as slot_services
from tests.accounts.factories import ParticipantFactory
from tests.guidance.builders import advisor, centre, slot, snapshot

pytestmark = pytest.mark.django_db


class TestPublish:
    def test_consecutive_slots_at_a_centre(self):
        adv = advisor()
        start = timezone.now().replace(second=0, microsecond=0) + timedelta(days=2)

        slots = slot_services.slots_publish(
            actor=Actor.of(adv), starts_at=start, minutes=45, count=3, mode="in_person", centre=centre()
        )

        assert [s.starts_at for s in slots] == [start + timedelta(minutes=45 * n) for n in range(3)]
        assert all(s.centre == centre() and s.ends_at - s.starts_at == timedelta(minutes=45) for s in slots)
        assert AuditEvent.objects.filter(action="guidance.slots_published", actor=adv).count() == 1

    def test_online_slots_have_no_centre(self):
        start = timezone.now() + timedelta(days=2)
        (published,) = slot_services.slots_publish(
            actor=Actor.of(advisor()), starts_at=start, minutes=60, mode="online", centre=centre()
        )
        assert published.centre is None

    @pytest.mark.parametrize(
        ("start_in", "minutes", "count", "mode", "with_centre", "field"),
        [
            (timedelta(hours=-1), 60, 1, "in_person", True, "starts_at"),
            (timedelta(days=200), 60, 1, "in_person", True, "starts_at"),
            (timedelta(days=2), 60, 1, "in_person", False, "centre"),
            (timedelta(days=2), 60, 13, "online", False, "count"),
            (timedelta(days=2), 60, 1, "by_phone", False, "mode"),
        ],
    )
    def test_refusals_publish_nothing(self, start_in, minutes, count, mode, with_centre, field):
        adv = advisor()
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            slot_services.slots_publish(
                actor=Actor.of(adv),
                starts_at=timezone.now() + start_in,
                minutes=minutes,
                count=count,
                mode=mode,
                centre=centre() if with_centre else None,
            )
        assert field in error.value.message_dict
        assert snapshot() == before

    def test_an_overlap_with_an_existing_slot_refuses_the_whole_series(self):
        adv = advisor()
        existing = slot(adv, starts_in=timedelta(days=3))
        before = snapshot()
        with pytest.raises(ValidationError):
            slot_services.slots_publish(
                actor=Actor.of(adv),
                starts_at=existing.starts_at - timedelta(hours=2),
                minutes=60,
                count=4,
                mode="online",
                centre=None,
            )
        assert snapshot() == before

    def test_only_advisors_publish(self):
        with pytest.raises(PermissionDenied):
            slot_services.slots_publish(
                actor=Actor.of(ParticipantFactory()),
                starts_at=timezone.now() + timedelta(days=2),
                minutes=60,
                mode="online",
                centre=None,
            )
        assert not AdvisorSlot.objects.exists()
