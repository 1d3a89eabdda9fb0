"""Advisors' slots: publishing a run of slots, all or none. Every refusal leaves the database as
it was. (Withdrawing a booked slot: test_appointments.py.)"""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.guidance.models import AdvisorSlot
from kierunek.guidance.services import slots as slot_services
from tests.accounts.factories import ParticipantFactory
from tests.guidance.builders import advisor, centre, slot, snapshot, working_day_at

pytestmark = pytest.mark.django_db


class TestPublish:
    def test_consecutive_slots_at_a_centre(self):
        adv = advisor()
        start = working_day_at(9)

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


class TestCalendar:
    """Meetings in person only within the centre's opening hours; no meeting on a public holiday."""

    @pytest.mark.parametrize(
        ("hour", "minute", "count"),
        [(7, 0, 1), (15, 30, 1), (14, 0, 3), (19, 0, 1)],
        ids=["before opening", "ends after closing", "a run past closing", "evening"],
    )
    def test_in_person_slots_outside_the_opening_hours_are_refused(self, hour, minute, count):
        adv = advisor()
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            slot_services.slots_publish(
                actor=Actor.of(adv),
                starts_at=working_day_at(hour, minute),
                minutes=60,
                count=count,
                mode="in_person",
                centre=centre(),
            )
        assert "start" in error.value.message_dict
        assert snapshot() == before

    def test_the_last_slot_may_end_at_closing_time(self):
        slots = slot_services.slots_publish(
            actor=Actor.of(advisor()),
            starts_at=working_day_at(14),
            minutes=60,
            count=2,
            mode="in_person",
            centre=centre(),
        )
        assert len(slots) == 2

    def test_a_centre_closed_on_saturdays_refuses_a_saturday(self):
        saturday = working_day_at(10, days_ahead=2)
        while saturday.weekday() != 5:
            saturday += timedelta(days=1)
        with pytest.raises(ValidationError) as error:
            slot_services.slots_publish(
                actor=Actor.of(advisor()), starts_at=saturday, minutes=60, mode="in_person", centre=centre()
            )
        assert "start" in error.value.message_dict

    def test_the_opening_hours_are_the_centres_own(self):
        late = centre("Centrum Kariery Tarnów")
        late.closes_at = time(19, 0)
        late.save(update_fields=["closes_at"])
        (published,) = slot_services.slots_publish(
            actor=Actor.of(advisor()), starts_at=working_day_at(18), minutes=60, mode="in_person", centre=late
        )
        assert published.centre == late

    @pytest.mark.parametrize("mode", ["in_person", "online"])
    def test_no_slot_on_a_public_holiday(self, mode):
        tz = timezone.get_current_timezone()
        # Independence Day, a Thursday in 2027; published ten days before.
        starts_at = datetime.combine(date(2027, 11, 11), time(10), tzinfo=tz)
        now = datetime.combine(date(2027, 11, 1), time(12), tzinfo=tz)
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            slot_services.slots_publish(
                actor=Actor.of(advisor()),
                starts_at=starts_at,
                minutes=60,
                mode=mode,
                centre=centre() if mode == "in_person" else None,
                now=now,
            )
        assert "day" in error.value.message_dict
        assert snapshot() == before
