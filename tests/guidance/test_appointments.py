"""Advisors' slots and participants' appointments: publishing, booking, moving, cancelling,
reminders. Every refusal leaves the database as it was."""

import io
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from kierunek.core.models import AuditEvent
from kierunek.guidance import services
from kierunek.guidance.models import AdvisorSlot, Appointment
from tests.accounts.factories import ParticipantFactory
from tests.guidance.builders import advisor, centre, eligible_participant, slot

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Appointment.objects.order_by("pk").values_list("pk", "status", "slot_id", "moved_to_id")),
        list(AdvisorSlot.objects.order_by("pk").values_list("pk", "withdrawn_at")),
        AuditEvent.objects.count(),
    )


class TestPublish:
    def test_consecutive_slots_at_a_centre(self):
        adv = advisor()
        start = timezone.now().replace(second=0, microsecond=0) + timedelta(days=2)

        slots = services.slots_publish(
            advisor=adv, starts_at=start, minutes=45, count=3, mode="in_person", centre=centre()
        )

        assert [s.starts_at for s in slots] == [start + timedelta(minutes=45 * n) for n in range(3)]
        assert all(s.centre == centre() and s.ends_at - s.starts_at == timedelta(minutes=45) for s in slots)
        assert AuditEvent.objects.filter(action="guidance.slots_published", actor=adv).count() == 1

    def test_online_slots_have_no_centre(self):
        start = timezone.now() + timedelta(days=2)
        (published,) = services.slots_publish(
            advisor=advisor(), starts_at=start, minutes=60, mode="online", centre=centre()
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
            services.slots_publish(
                advisor=adv,
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
            services.slots_publish(
                advisor=adv,
                starts_at=existing.starts_at - timedelta(hours=2),
                minutes=60,
                count=4,
                mode="online",
                centre=None,
            )
        assert snapshot() == before

    def test_only_advisors_publish(self):
        with pytest.raises(PermissionDenied):
            services.slots_publish(
                advisor=ParticipantFactory(),
                starts_at=timezone.now() + timedelta(days=2),
                minutes=60,
                mode="online",
                centre=None,
            )
        assert not AdvisorSlot.objects.exists()


class TestBook:
    def test_an_eligible_participant_books_and_both_are_told(self, django_capture_on_commit_callbacks):
        adv, participant = advisor(), eligible_participant()
        free = slot(adv)

        with django_capture_on_commit_callbacks(execute=True):
            appointment = services.appointment_book(slot_id=free.pk, participant=participant)

        assert appointment.status == "booked"
        assert AuditEvent.objects.filter(action="guidance.appointment_booked", actor=participant).exists()
        recipients = sorted(m.to[0] for m in mail.outbox)
        assert recipients == sorted([participant.email, adv.email])

    def test_an_ineligible_participant_cannot_book(self):
        free = slot(advisor())
        before = snapshot()
        with pytest.raises(PermissionDenied):
            services.appointment_book(slot_id=free.pk, participant=ParticipantFactory())
        assert snapshot() == before

    def test_a_slot_is_booked_once(self):
        free = slot(advisor())
        services.appointment_book(slot_id=free.pk, participant=eligible_participant())
        other = eligible_participant()
        before = snapshot()

        with pytest.raises(ValidationError, match="just booked"):
            services.appointment_book(slot_id=free.pk, participant=other)

        assert snapshot() == before

    def test_the_database_refuses_a_second_booking_of_a_slot(self):
        """The backstop behind the row lock: the partial unique index."""
        free = slot(advisor())
        Appointment.objects.create(slot=free, participant=eligible_participant())
        with pytest.raises(IntegrityError), transaction.atomic():
            Appointment.objects.create(slot=free, participant=eligible_participant())

    def test_a_cancelled_booking_frees_the_slot_for_the_index_too(self):
        free = slot(advisor())
        first = eligible_participant()
        appointment = services.appointment_book(slot_id=free.pk, participant=first)
        services.appointment_cancel(appointment_id=appointment.pk, actor=first)

        again = services.appointment_book(slot_id=free.pk, participant=eligible_participant())

        assert again.status == "booked"

    def test_at_most_one_future_appointment(self):
        adv, participant = advisor(), eligible_participant()
        services.appointment_book(slot_id=slot(adv).pk, participant=participant)
        second = slot(adv, starts_in=timedelta(days=5))
        before = snapshot()

        with pytest.raises(ValidationError, match="already have a meeting"):
            services.appointment_book(slot_id=second.pk, participant=participant)

        assert snapshot() == before

    @pytest.mark.parametrize("hours", [23, 1])
    def test_not_less_than_24_hours_ahead(self, hours):
        soon = slot(advisor(), starts_in=timedelta(hours=hours))
        with pytest.raises(ValidationError, match="24 hours"):
            services.appointment_book(slot_id=soon.pk, participant=eligible_participant())
        assert not Appointment.objects.exists()

    def test_a_withdrawn_slot_cannot_be_booked(self):
        adv = advisor()
        withdrawn = slot(adv)
        services.slot_withdraw(slot_id=withdrawn.pk, advisor=adv)
        with pytest.raises(ValidationError, match="no longer offered"):
            services.appointment_book(slot_id=withdrawn.pk, participant=eligible_participant())


class TestMoveAndCancel:
    def test_move_closes_the_old_and_books_the_new_together(self, django_capture_on_commit_callbacks):
        adv, participant = advisor(), eligible_participant()
        old = services.appointment_book(slot_id=slot(adv).pk, participant=participant)
        target = slot(adv, starts_in=timedelta(days=6))

        with django_capture_on_commit_callbacks(execute=True):
            new = services.appointment_move(
                appointment_id=old.pk, new_slot_id=target.pk, participant=participant
            )

        old.refresh_from_db()
        assert (old.status, old.moved_to, new.slot, new.status) == ("moved", new, target, "booked")
        assert any("moved" in m.subject.lower() or "przeniesione" in m.subject.lower() for m in mail.outbox)

    def test_moving_to_a_taken_slot_changes_nothing(self):
        adv, participant = advisor(), eligible_participant()
        old = services.appointment_book(slot_id=slot(adv).pk, participant=participant)
        taken = slot(adv, starts_in=timedelta(days=6))
        services.appointment_book(slot_id=taken.pk, participant=eligible_participant())
        before = snapshot()

        with pytest.raises(ValidationError):
            services.appointment_move(appointment_id=old.pk, new_slot_id=taken.pk, participant=participant)

        assert snapshot() == before

    def test_moving_within_24_hours_is_refused(self):
        adv, participant = advisor(), eligible_participant()
        soon = slot(adv, starts_in=timedelta(hours=30))
        appointment = services.appointment_book(slot_id=soon.pk, participant=participant)
        target = slot(adv, starts_in=timedelta(days=6))
        later = timezone.now() + timedelta(hours=10)  # now the meeting is 20 hours away
        before = snapshot()

        with pytest.raises(ValidationError, match="24 hours"):
            services.appointment_move(
                appointment_id=appointment.pk, new_slot_id=target.pk, participant=participant, now=later
            )

        assert snapshot() == before

    def test_nobody_moves_or_cancels_somebody_elses_appointment(self):
        adv, owner, other = advisor(), eligible_participant(), eligible_participant()
        appointment = services.appointment_book(slot_id=slot(adv).pk, participant=owner)
        target = slot(adv, starts_in=timedelta(days=6))
        before = snapshot()

        with pytest.raises(PermissionDenied):
            services.appointment_move(appointment_id=appointment.pk, new_slot_id=target.pk, participant=other)
        with pytest.raises(PermissionDenied):
            services.appointment_cancel(appointment_id=appointment.pk, actor=other)
        with pytest.raises(PermissionDenied):
            services.appointment_cancel(appointment_id=appointment.pk, actor=advisor())

        assert snapshot() == before

    def test_participant_cancels_until_24_hours_before(self):
        adv, participant = advisor(), eligible_participant()
        appointment = services.appointment_book(
            slot_id=slot(adv, starts_in=timedelta(hours=30)).pk, participant=participant
        )

        with pytest.raises(ValidationError):
            services.appointment_cancel(
                appointment_id=appointment.pk, actor=participant, now=timezone.now() + timedelta(hours=10)
            )
        cancelled = services.appointment_cancel(appointment_id=appointment.pk, actor=participant)

        assert cancelled.status == "cancelled"
        assert cancelled.closed_by == participant

    def test_the_advisor_cancels_within_24_hours_and_the_participant_is_told(
        self, django_capture_on_commit_callbacks
    ):
        adv, participant = advisor(), eligible_participant()
        appointment = services.appointment_book(
            slot_id=slot(adv, starts_in=timedelta(hours=30)).pk, participant=participant
        )
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            services.appointment_cancel(
                appointment_id=appointment.pk, actor=adv, now=timezone.now() + timedelta(hours=10)
            )

        assert [m.to for m in mail.outbox] == [[participant.email]]

    def test_withdrawing_a_booked_slot_cancels_the_appointment(self):
        adv, participant = advisor(), eligible_participant()
        booked = slot(adv)
        appointment = services.appointment_book(slot_id=booked.pk, participant=participant)

        services.slot_withdraw(slot_id=booked.pk, advisor=adv)

        appointment.refresh_from_db()
        assert appointment.status == "cancelled"
        with pytest.raises(PermissionDenied):
            services.slot_withdraw(slot_id=slot(advisor()).pk, advisor=adv)


class TestReminders:
    def _tomorrow_at(self, hour):
        tomorrow = timezone.localdate() + timedelta(days=1)
        return timezone.make_aware(datetime.combine(tomorrow, time(hour)))

    def test_sent_once_for_tomorrows_meetings(self, django_capture_on_commit_callbacks):
        adv = advisor()
        tomorrow_slot = AdvisorSlot.objects.create(
            advisor=adv, starts_at=self._tomorrow_at(10), ends_at=self._tomorrow_at(11), mode="online"
        )
        later_slot = slot(adv, starts_in=timedelta(days=4))
        participant, other = eligible_participant(), eligible_participant()
        Appointment.objects.create(slot=tomorrow_slot, participant=participant)
        Appointment.objects.create(slot=later_slot, participant=other)

        with django_capture_on_commit_callbacks(execute=True):
            first = services.appointment_reminders_send()
        with django_capture_on_commit_callbacks(execute=True):
            second = services.appointment_reminders_send()

        assert (first, second) == (1, 0)
        assert [m.to for m in mail.outbox] == [[participant.email]]
        assert Appointment.objects.get(slot=tomorrow_slot).reminder_sent_at is not None

    def test_the_command_is_idempotent(self, django_capture_on_commit_callbacks):
        adv = advisor()
        tomorrow_slot = AdvisorSlot.objects.create(
            advisor=adv, starts_at=self._tomorrow_at(9), ends_at=self._tomorrow_at(10), mode="online"
        )
        Appointment.objects.create(slot=tomorrow_slot, participant=eligible_participant())
        out = io.StringIO()

        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_appointment_reminders", stdout=out)
            call_command("send_appointment_reminders", stdout=out)

        assert out.getvalue().splitlines() == ["Reminders sent: 1", "Reminders sent: 0"]
        assert len(mail.outbox) == 1

    def test_cancelled_meetings_get_no_reminder(self):
        adv = advisor()
        tomorrow_slot = AdvisorSlot.objects.create(
            advisor=adv, starts_at=self._tomorrow_at(9), ends_at=self._tomorrow_at(10), mode="online"
        )
        Appointment.objects.create(
            slot=tomorrow_slot,
            participant=eligible_participant(),
            status="cancelled",
            closed_at=timezone.now(),
        )
        assert services.appointment_reminders_send() == 0
