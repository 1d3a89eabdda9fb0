"""The outcome survey: the daily step invites the participant six months after a completed service
(the rule in force that day), reminds them on the rule's days, once each however often it runs,
and the answers are stored anonymously while the invitation records only the day."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.personal_data import personal_data_collect
from kierunek.evaluations import services
from kierunek.evaluations.models import JobChange, OutcomeInvitation, OutcomeResponse
from tests.accounts.factories import ParticipantFactory
from tests.pages import text

from .builders import completed_booking, due_day

pytestmark = pytest.mark.django_db

ANSWERS = services.OutcomeAnswers(JobChange.NEW_JOB, 4, True, "Certyfikat B1", 9)


def run(day):
    mail.outbox.clear()
    with_outbox = services.outcome_invitations_process(today=day)
    return with_outbox


class TestInvitations:
    def test_nobody_is_invited_before_the_rule_says_and_once_on_the_day(
        self, django_capture_on_commit_callbacks
    ):
        booking = completed_booking()
        due = due_day(booking)

        with django_capture_on_commit_callbacks(execute=True):
            early = run(due - timedelta(days=1))
        assert early == {"invited": 0, "reminded": 0}
        with django_capture_on_commit_callbacks(execute=True):
            on_the_day = run(due)
        sent = list(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            again = run(due)

        assert on_the_day == {"invited": 1, "reminded": 0}
        assert again == {"invited": 0, "reminded": 0}
        assert not mail.outbox
        invitation = OutcomeInvitation.objects.get()
        assert (invitation.booking, invitation.participant) == (booking, booking.participant)
        assert (invitation.invited_on, invitation.closes_on) == (due, due + timedelta(days=42))
        assert [m.to for m in sent] == [[booking.participant.email]]
        assert reverse("evaluations:outcome_survey", args=[booking.pk]) in sent[0].body
        assert AuditEvent.objects.filter(action="evaluations.outcome_survey_invited").count() == 1

    def test_a_task_that_runs_late_still_invites_within_the_window(self):
        late = completed_booking()
        run(due_day(late) + timedelta(days=10))
        assert OutcomeInvitation.objects.get().closes_on == due_day(late) + timedelta(days=52)

    def test_a_booking_whose_window_has_passed_is_not_invited(self):
        missed = completed_booking()
        assert run(due_day(missed) + timedelta(days=43))["invited"] == 0

    def test_a_booking_not_completed_is_never_invited(self):
        from tests.vouchers import builders as b

        b.accepted(b.book(b.issued_account()))
        assert run(timezone.localdate() + timedelta(days=400))["invited"] == 0


class TestReminders:
    def test_each_reminder_is_sent_once_on_its_day_however_often_the_task_runs(
        self, django_capture_on_commit_callbacks
    ):
        booking = completed_booking()
        due = due_day(booking)
        run(due)
        sent = []
        for offset in (1, 13, 14, 14, 20, 28, 28, 41):
            with django_capture_on_commit_callbacks(execute=True):
                sent.append(run(due + timedelta(days=offset))["reminded"])
            assert len(mail.outbox) == sent[-1]

        assert sent == [0, 0, 1, 0, 0, 1, 0, 0]
        invitation = OutcomeInvitation.objects.get()
        assert (invitation.reminders_sent, invitation.last_reminded_on) == (2, due + timedelta(days=28))

    def test_a_missed_day_sends_one_reminder_not_two(self):
        booking = completed_booking()
        run(due_day(booking))
        assert run(due_day(booking) + timedelta(days=30))["reminded"] == 1
        assert OutcomeInvitation.objects.get().reminders_sent == 2

    def test_an_answered_or_closed_survey_is_not_reminded(self):
        answered, closed = completed_booking(), completed_booking()
        due = due_day(answered)
        run(due)
        services.outcome_survey_submit(
            booking_id=answered.pk, actor=Actor.of(answered.participant), answers=ANSWERS, today=due
        )
        OutcomeInvitation.objects.filter(booking=closed).update(closes_on=due + timedelta(days=10))

        assert run(due + timedelta(days=14))["reminded"] == 0

    def test_the_command_runs_the_step_as_on_a_given_day(self):
        booking = completed_booking()
        out = StringIO()
        call_command("evaluations_daily", "--today", due_day(booking).isoformat(), stdout=out)
        assert "invited: 1" in out.getvalue()


class TestAnswers:
    def test_the_answers_are_anonymous_and_the_invitation_keeps_the_day(self):
        booking = completed_booking()
        due = due_day(booking)
        run(due)

        audited = AuditEvent.objects.count()
        response = services.outcome_survey_submit(
            booking_id=booking.pk, actor=Actor.of(booking.participant), answers=ANSWERS, today=due
        )

        assert AuditEvent.objects.count() == audited
        fields = {f.name for f in OutcomeResponse._meta.get_fields()}
        assert fields == {
            "id", "card", "provider", "category", "month", "job_change", "skills_use",
            "qualification", "qualification_name", "recommend",
        }  # fmt: skip
        assert (response.card, response.provider, response.category) == (
            booking.card,
            booking.provider,
            booking.card.category,
        )
        assert response.month == due.replace(day=1)
        assert OutcomeInvitation.objects.get().answered_on == due
        with pytest.raises(ValidationError):
            services.outcome_survey_submit(
                booking_id=booking.pk, actor=Actor.of(booking.participant), answers=ANSWERS, today=due
            )
        assert OutcomeResponse.objects.count() == 1

    def test_a_closed_survey_and_bad_answers_are_refused(self):
        booking = completed_booking()
        due = due_day(booking)
        run(due)
        actor = Actor.of(booking.participant)
        with pytest.raises(ValidationError) as bad:
            services.outcome_survey_submit(
                booking_id=booking.pk,
                actor=actor,
                answers=services.OutcomeAnswers("fired", 6, True, "", 11),
                today=due,
            )
        assert set(bad.value.message_dict) == {"job_change", "skills_use", "qualification_name", "recommend"}
        with pytest.raises(ValidationError):
            services.outcome_survey_submit(
                booking_id=booking.pk, actor=actor, answers=ANSWERS, today=due + timedelta(days=43)
            )
        assert not OutcomeResponse.objects.exists()

    def test_another_persons_invitation_cannot_be_answered(self):
        booking = completed_booking()
        run(due_day(booking))
        with pytest.raises(OutcomeInvitation.DoesNotExist):
            services.outcome_survey_submit(
                booking_id=booking.pk,
                actor=Actor.of(ParticipantFactory()),
                answers=ANSWERS,
                today=due_day(booking),
            )


class TestPages:
    def test_the_participant_finds_and_answers_the_survey(self, english):
        booking = completed_booking()
        services.outcome_invite(booking=booking, today=timezone.localdate())
        english.force_login(booking.participant)
        url = reverse("evaluations:outcome_survey", args=[booking.pk])

        dashboard = english.get("/panel/", follow=True)
        page = english.get(reverse("vouchers:booking", args=[booking.pk]))
        form = english.get(url)
        incomplete = english.post(url, {"job_change": "new_job", "qualification": "yes"})
        sent = english.post(
            url,
            {"job_change": "promotion", "skills_use": "4", "qualification": "no", "recommend": "8"},
            follow=True,
        )

        assert url in text(dashboard)
        assert url in text(page)
        assert "This survey is anonymous." in text(form)
        assert incomplete.status_code == 200
        assert "Say which certificate" in text(incomplete)
        assert sent.redirect_chain[-1][0] == reverse("vouchers:booking", args=[booking.pk])
        assert url not in text(sent)
        assert OutcomeResponse.objects.get().job_change == "promotion"

    def test_another_participant_gets_404(self, english):
        booking = completed_booking()
        services.outcome_invite(booking=booking, today=timezone.localdate())
        english.force_login(ParticipantFactory())
        assert english.get(reverse("evaluations:outcome_survey", args=[booking.pk])).status_code == 404

    def test_the_invitation_is_in_the_persons_data_export_without_answers(self):
        booking = completed_booking()
        services.outcome_invite(booking=booking, today=timezone.localdate())
        services.outcome_survey_submit(
            booking_id=booking.pk, actor=Actor.of(booking.participant), answers=ANSWERS
        )

        part = personal_data_collect(user=booking.participant)["outcome_survey_invitations"]

        assert part == [
            {
                "service": booking.card.title,
                "booking": booking.pk,
                "invited_on": timezone.localdate().isoformat(),
                "reminders_sent": 0,
                "last_reminded_on": None,
                "closes_on": (timezone.localdate() + timedelta(days=42)).isoformat(),
                "answered_on": timezone.localdate().isoformat(),
            }
        ]
