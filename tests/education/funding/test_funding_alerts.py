"""Funding-call alerts: a subscriber gets one e-mail per new call that fits their profile, none for
a call that does not fit, none twice, and one when a fitting call's deadline is near."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.education import services
from kierunek.education.models import FundingAlert
from tests.education import builders_edua as b

pytestmark = pytest.mark.django_db


def _run(capture, **kwargs):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        return services.funding_alerts_send(**kwargs)


def test_one_email_per_matching_new_call_and_none_for_a_non_matching_one(django_capture_on_commit_callbacks):
    teacher = b.teacher(b.school())
    services.funding_subscription_save(actor=Actor.of(teacher), purposes=["training", "postgraduate"])
    office = b.metropolis_staff()
    fits_one = b.source(
        office, title="Studia podyplomowe z doradztwa", purposes=("postgraduate",), applicants=("teacher",)
    )
    fits_two = b.source(
        office,
        title="Kursy doskonalące z matematyki",
        purposes=("training",),
        applicants=("teacher", "school"),
    )
    b.source(
        office, title="Sieci współpracy dla gmin", purposes=("training",), applicants=("gmina",)
    )  # not a teacher's
    b.source(
        office, title="Materiały dydaktyczne", purposes=("materials",), applicants=("teacher",)
    )  # not wanted
    mail.outbox.clear()

    sent = _run(django_capture_on_commit_callbacks)

    assert sent == 2
    assert len(mail.outbox) == 2
    assert all(m.to == [teacher.email] for m in mail.outbox)
    bodies = "\n".join(m.body for m in mail.outbox)
    assert fits_one.title in bodies
    assert fits_two.title in bodies
    assert "Sieci współpracy" not in bodies
    assert "Materiały dydaktyczne" not in bodies
    assert f"/edukacja/finansowanie/{fits_one.pk}/" in bodies


def test_a_second_run_sends_nothing_again(django_capture_on_commit_callbacks):
    teacher = b.teacher()
    services.funding_subscription_save(actor=Actor.of(teacher), purposes=[])
    b.source(applicants=("teacher",))
    assert _run(django_capture_on_commit_callbacks) == 1
    mail.outbox.clear()
    assert _run(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_calls_entered_before_the_subscription_are_not_news(django_capture_on_commit_callbacks):
    b.source(applicants=("gmina",))
    staff = b.gmina_staff()
    services.funding_subscription_save(actor=Actor.of(staff), purposes=[])
    assert _run(django_capture_on_commit_callbacks) == 0


def test_a_near_deadline_is_warned_once_to_whom_the_call_fits(django_capture_on_commit_callbacks):
    director = b.director(b.school())
    services.funding_subscription_save(actor=Actor.of(director), purposes=[])
    call = b.source(applicants=("school",), deadline=timezone.localdate() + timedelta(days=40))
    assert _run(django_capture_on_commit_callbacks) == 1  # the new call
    mail.outbox.clear()
    day = call.deadline - timedelta(days=10)
    assert _run(django_capture_on_commit_callbacks, today=day) == 1
    (message,) = mail.outbox
    assert message.to == [director.email]
    assert FundingAlert.objects.filter(source=call, kind="deadline").count() == 1
    assert _run(django_capture_on_commit_callbacks, today=day + timedelta(days=1)) == 0


def test_a_stopped_subscription_gets_nothing(django_capture_on_commit_callbacks):
    teacher = b.teacher()
    services.funding_subscription_save(actor=Actor.of(teacher), purposes=[], active=False)
    b.source(applicants=("teacher",))
    assert _run(django_capture_on_commit_callbacks) == 0


def test_the_daily_command_sends_as_on_a_day(django_capture_on_commit_callbacks, capsys):
    teacher = b.teacher()
    services.funding_subscription_save(actor=Actor.of(teacher), purposes=[])
    b.source(applicants=("teacher",))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("education_funding_alerts", "--today", timezone.localdate().isoformat())
    assert "sent: 1" in capsys.readouterr().out


def test_only_education_roles_subscribe():
    participant = b.user("participant")
    with pytest.raises(PermissionDenied):
        services.funding_subscription_save(actor=Actor.of(participant), purposes=[])
