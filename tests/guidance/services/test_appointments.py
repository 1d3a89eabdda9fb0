"""Participants' appointments: booking, moving, cancelling (also by withdrawing the slot),
reminders. Every refusal leaves the database as it was."""

import io
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.guidance.models import AdvisorSlot, Appointment
from kierunek.guidance.services import appointments as appointment_services
from kierunek.guidance.services import slots as slot_services
from tests.accounts.factories import ParticipantFactory
from tests.guidance.builders import advisor, eligible_participant, slot, snapshot

pytestmark = pytest.mark.django_db


class TestBook:
    def test_an_eligible_participant_books_and_both_are_told(self, django_capture_on_commit_callbacks):
        adv, participant = advisor(), eligible_participant()
        free = slot(adv)

        with django_capture_on_commit_callbacks(execute=True):
            appointment = appointment_services.appointment_book(slot_id=free.pk, actor=Actor.of(participant))

        assert appointment.status == "booked"
        assert AuditEvent.objects.filter(action="guidance.appointment_booked", actor=participant).exists()
        recipients = sorted(m.to[0] for m in mail.outbox)
        assert recipients == sorted([participant.email, adv.email])

    def test_an_ineligible_participant_cannot_book(self):
        free = slot(advisor())
        before = snapshot()
        with pytest.raises(PermissionDenied):
            appointment_services.appointment_book(slot_id=free.pk, actor=Actor.of(ParticipantFactory()))
        assert snapshot() == before

    def test_a_slot_is_booked_once(self):
        free = slot(advisor())
        appointment_services.appointment_book(slot_id=free.pk, actor=Actor.of(eligible_participant()))
        other = eligible_participant()
        before = snapshot()

        with pytest.raises(ValidationError, match="just booked"):
            appointment_services.appointment_book(slot_id=free.pk, actor=Actor.of(other))

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
        appointment = appointment_services.appointment_book(slot_id=free.pk, actor=Actor.of(first))
        appointment_services.appointment_cancel(appointment_id=appointment.pk, actor=Actor.of(first))

        again = appointment_services.appointment_book(slot_id=free.pk, actor=Actor.of(eligible_participant()))

        assert again.status == "booked"

    def test_at_most_one_future_appointment(self):
        adv, participant = advisor(), eligible_participant()
        appointment_services.appointment_book(slot_id=slot(adv).pk, actor=Actor.of(participant))
        second = slot(adv, starts_in=timedelta(days=5))
        before = snapshot()

        with pytest.raises(ValidationError, match="already have a meeting"):
            appointment_services.appointment_book(slot_id=second.pk, actor=Actor.of(participant))

        assert snapshot() == before

    @pytest.mark.parametrize("hours", [23, 1])
    def test_not_less_than_24_hours_ahead(self, hours):
        soon = slot(advisor(), starts_in=timedelta(hours=hours))
        with pytest.raises(ValidationError, match="24 hours"):
            appointment_services.appointment_book(slot_id=soon.pk, actor=Actor.of(eligible_participant()))
        assert not Appointment.objects.exists()

    def test_a_withdrawn_slot_cannot_be_booked(self):
        adv = advisor()
        withdrawn = slot(adv)
        slot_services.slot_withdraw(slot_id=withdrawn.pk, actor=Actor.of(adv))
        with pytest.raises(ValidationError, match="no longer offered"):
            appointment_services.appointment_book(
                slot_id=withdrawn.pk, actor=Actor.of(eligible_participant())
            )


class TestMoveAndCancel:
    def test_move_closes_the_old_and_books_the_new_together(self, django_capture_on_commit_callbacks):
        adv, participant = advisor(), eligible_participant()
        old = appointment_services.appointment_book(slot_id=slot(adv).pk, actor=Actor.of(participant))
        target = slot(adv, starts_in=timedelta(days=6))

        with django_capture_on_commit_callbacks(execute=True):
            new = appointment_services.appointment_move(
                appointment_id=old.pk, new_slot_id=target.pk, actor=Actor.of(participant)
            )

        old.refresh_from_db()
        assert (old.status, old.moved_to, new.slot, new.status) == ("moved", new, target, "booked")
        assert any("moved" in m.subject.lower() or "przeniesione" in m.subject.lower() for m in mail.outbox)

    def test_moving_to_a_taken_slot_changes_nothing(self):
        adv, participant = advisor(), eligible_participant()
        old = appointment_services.appointment_book(slot_id=slot(adv).pk, actor=Actor.of(participant))
        taken = slot(adv, starts_in=timedelta(days=6))
        appointment_services.appointment_book(slot_id=taken.pk, actor=Actor.of(eligible_participant()))
        before = snapshot()

        with pytest.raises(ValidationError):
            appointment_services.appointment_move(
                appointment_id=old.pk, new_slot_id=taken.pk, actor=Actor.of(participant)
            )

        assert snapshot() == before

    def test_moving_within_24_hours_is_refused(self):
        adv, participant = advisor(), eligible_participant()
        soon = slot(adv, starts_in=timedelta(hours=30))
        appointment = appointment_services.appointment_book(slot_id=soon.pk, actor=Actor.of(participant))
        target = slot(adv, starts_in=timedelta(days=6))
        later = timezone.now() + timedelta(hours=10)  # now the meeting is 20 hours away
        before = snapshot()

        with pytest.raises(ValidationError, match="24 hours"):
            appointment_services.appointment_move(
                appointment_id=appointment.pk, new_slot_id=target.pk, actor=Actor.of(participant), now=later
            )

        assert snapshot() == before

    def test_nobody_moves_or_cancels_somebody_elses_appointment(self):
        adv, owner, other = advisor(), eligible_participant(), eligible_participant()
        appointment = appointment_services.appointment_book(slot_id=slot(adv).pk, actor=Actor.of(owner))
        target = slot(adv, starts_in=timedelta(days=6))
        before = snapshot()

        with pytest.raises(PermissionDenied):
            appointment_services.appointment_move(
                appointment_id=appointment.pk, new_slot_id=target.pk, actor=Actor.of(other)
            )
        with pytest.raises(PermissionDenied):
            appointment_services.appointment_cancel(appointment_id=appointment.pk, actor=Actor.of(other))
        with pytest.raises(PermissionDenied):
            appointment_services.appointment_cancel(appointment_id=appointment.pk, actor=Actor.of(advisor()))

        assert snapshot() == before

    def test_participant_cancels_until_24_hours_before(self):
        adv, participant = advisor(), eligible_participant()
        appointment = appointment_services.appointment_book(
            slot_id=slot(adv, starts_in=timedelta(hours=30)).pk, actor=Actor.of(participant)
        )

        with pytest.raises(ValidationError):
            appointment_services.appointment_cancel(
                appointment_id=appointment.pk,
                actor=Actor.of(participant),
                now=timezone.now() + timedelta(hours=10),
            )
        cancelled = appointment_services.appointment_cancel(
            appointment_id=appointment.pk, actor=Actor.of(participant)
        )

        assert cancelled.status == "cancelled"
        assert cancelled.closed_by == participant

    def test_the_advisor_cancels_within_24_hours_and_the_participant_is_told(
        self, django_capture_on_commit_callbacks
    ):
        adv, participant = advisor(), eligible_participant()
        appointment = appointment_services.appointment_book(
            slot_id=slot(adv, starts_in=timedelta(hours=30)).pk, actor=Actor.of(participant)
        )
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            appointment_services.appointment_cancel(
                appointment_id=appointment.pk, actor=Actor.of(adv), now=timezone.now() + timedelta(hours=10)
            )

        assert [m.to for m in mail.outbox] == [[participant.email]]

    def test_withdrawing_a_booked_slot_cancels_the_appointment(self):
        adv, participant = advisor(), eligible_participant()
        booked = slot(adv)
        appointment = appointment_services.appointment_book(slot_id=booked.pk, actor=Actor.of(participant))

        slot_services.slot_withdraw(slot_id=booked.pk, actor=Actor.of(adv))

        appointment.refresh_from_db()
        assert appointment.status == "cancelled"
        with pytest.raises(PermissionDenied):
            slot_services.slot_withdraw(slot_id=slot(advisor()).pk, actor=Actor.of(adv))


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
            first = appointment_services.appointment_reminders_send()
        with django_capture_on_commit_callbacks(execute=True):
            second = appointment_services.appointment_reminders_send()

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
        assert appointment_services.appointment_reminders_send() == 0
