"""Sending an issue through the worker: in batches of 200, to the confirmed subscribers of its
audience and topics, each once whatever runs again, with the headers of RFC 8058 whose address
unsubscribes by one POST; the test copy to the officer; scheduling; the public archive."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.core.workflow import TransitionRefused
from kierunek.newsletter import services
from kierunek.newsletter.models import Delivery, Issue, Subscriber
from kierunek.newsletter.services import sending

from .builders import issue, many_subscribed, officer, subscribed, topic

pytestmark = pytest.mark.django_db


def _send(by, sent_issue, capture):
    with capture(execute=True):
        services.issue_send(actor=Actor.of(by), issue_id=sent_issue.pk)
    sent_issue.refresh_from_db()
    return sent_issue


def test_an_issue_goes_in_batches_once_to_each_recipient(django_capture_on_commit_callbacks):
    vouchers = topic()
    many_subscribed(450, topics=[vouchers])
    by = officer()
    composed = issue(by, topics=[vouchers])
    mail.outbox.clear()

    sent = _send(by, composed, django_capture_on_commit_callbacks)

    assert sent.status == "sent"
    assert sent.sent_at is not None
    assert len(mail.outbox) == 450
    assert len({m.to[0] for m in mail.outbox}) == 450
    assert sending.progress(sent) == {"total": 450, "sent": 450, "failed": 0, "left": 0, "percent": 100}
    # A task run again, or the periodic resume, sends nobody anything twice.
    assert services.batch_send(sent.pk) == 0
    call_command("newsletter_periodic", stdout=io.StringIO())
    assert len(mail.outbox) == 450


def test_a_batch_is_two_hundred_and_a_claimed_delivery_is_never_sent_again():
    vouchers = topic()
    many_subscribed(250, topics=[vouchers])
    by = officer()
    composed = issue(by, topics=[vouchers])
    services.issue_send(actor=Actor.of(by), issue_id=composed.pk)  # uncommitted: no task is queued
    mail.outbox.clear()
    assert services.batch_send(composed.pk) == 200
    assert len(mail.outbox) == 200
    composed.refresh_from_db()
    assert composed.status == "sending"
    assert services.batch_send(composed.pk) == 50
    assert services.batch_send(composed.pk) == 0
    composed.refresh_from_db()
    assert composed.status == "sent"
    assert len(mail.outbox) == 250
    assert Delivery.objects.filter(issue=composed).count() == 250


def test_the_audience_and_the_topics_choose_the_recipients(django_capture_on_commit_callbacks):
    vouchers, events = topic(), topic("events", "Wydarzenia")
    subscribed("mieszkaniec@example.org", topics=[vouchers], audience="residents")
    subscribed("pracodawca@example.org", topics=[vouchers, events], audience="employers")
    subscribed("wydarzenia@example.org", topics=[events], audience="employers")
    Subscriber.objects.create(email="niepotwierdzony@example.org", audience="employers")
    by = officer()
    mail.outbox.clear()
    _send(by, issue(by, topics=[vouchers], audience="employers"), django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["pracodawca@example.org"]]
    mail.outbox.clear()
    _send(by, issue(by, topics=[vouchers]), django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["mieszkaniec@example.org", "pracodawca@example.org"]


def test_every_message_unsubscribes_with_one_click(django_capture_on_commit_callbacks):
    subscriber = subscribed("ala@example.org")
    by = officer()
    mail.outbox.clear()
    _send(by, issue(by), django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http")
    assert header.endswith(">")
    html = message.alternatives[0][0]
    assert "<strong>szkolenia</strong>" in html
    assert '<a href="https://kierunek.example/bony">' in html
    assert "/newsletter/ustawienia/" in message.body
    url = header[1:-1]
    path = url[url.index("/newsletter/") :]
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_a_subscriber_who_left_while_sending_is_skipped(django_capture_on_commit_callbacks):
    stays, leaves = subscribed("zostaje@example.org"), subscribed("odchodzi@example.org")
    by = officer()
    composed = issue(by)
    services.issue_send(actor=Actor.of(by), issue_id=composed.pk)  # uncommitted: no task is queued
    services.subscription_end(actor=Actor(), subscriber=leaves, source="test")
    mail.outbox.clear()
    services.batch_send(composed.pk)
    assert [m.to for m in mail.outbox] == [[stays.email]]
    assert Delivery.objects.get(subscriber=leaves).status == "failed"


def test_the_test_copy_goes_to_the_officer_only(django_capture_on_commit_callbacks):
    subscribed("ala@example.org")
    by = officer()
    composed = issue(by)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_test_send(actor=Actor.of(by), issue_id=composed.pk)
    (message,) = mail.outbox
    assert message.to == [by.email]
    assert message.subject.startswith("[TEST]")
    composed.refresh_from_db()
    assert composed.status == "draft"


def test_a_scheduled_issue_starts_when_its_time_comes(django_capture_on_commit_callbacks):
    subscribed("ala@example.org")
    by = officer()
    composed = issue(by)
    with pytest.raises(Exception, match="future"):
        services.issue_schedule(
            actor=Actor.of(by), issue_id=composed.pk, at=timezone.now() - timedelta(hours=1)
        )
    services.issue_schedule(actor=Actor.of(by), issue_id=composed.pk, at=timezone.now() + timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.scheduled_start() == 0
        assert services.scheduled_start(now=timezone.now() + timedelta(hours=2)) == 1
    composed.refresh_from_db()
    assert composed.status == "sent"


def test_a_sent_issue_is_not_sent_again_nor_changed(django_capture_on_commit_callbacks):
    by = officer()
    sent = _send(by, issue(by), django_capture_on_commit_callbacks)
    with pytest.raises(TransitionRefused):
        services.issue_send(actor=Actor.of(by), issue_id=sent.pk)
    with pytest.raises(Exception, match="can no longer be changed"):
        services.issue_save(
            actor=Actor.of(by),
            data=services.IssueData(subject="x", body="y", audience="", topic_ids=[topic().pk]),
            issue_id=sent.pk,
        )


def test_only_the_office_sends():
    by = officer()
    composed = issue(by)
    from tests.accounts.factories import StaffUserFactory

    with pytest.raises(TransitionRefused):
        services.issue_send(actor=Actor.of(StaffUserFactory(role="partner_staff")), issue_id=composed.pk)
    assert Issue.objects.get(pk=composed.pk).status == "draft"
    assert not Delivery.objects.exists()


def test_the_archive_shows_sent_issues_only(client, django_capture_on_commit_callbacks):
    by = officer()
    sent = _send(by, issue(by, subject="Wysłane wydanie"), django_capture_on_commit_callbacks)
    draft = issue(by, subject="Szkic wydania")
    page = client.get("/newsletter/archiwum/").content.decode()
    assert "Wysłane wydanie" in page
    assert "Szkic wydania" not in page
    shown = client.get(f"/newsletter/archiwum/{sent.pk}/").content.decode()
    assert "<strong>szkolenia</strong>" in shown
    assert client.get(f"/newsletter/archiwum/{draft.pk}/").status_code == 404


def test_the_reach_counts_confirmed_subscribers():
    from kierunek.newsletter.selectors import reach

    vouchers, events = topic(), topic("events", "Wydarzenia")
    subscribed("a@wup.krakow.pl", topics=[vouchers, events], audience="partners")
    subscribed("b@firma.pl", topics=[events], audience="employers")
    Subscriber.objects.create(email="c@wup.krakow.pl", audience="partners")
    everyone = reach()
    assert everyone.total == 2
    assert everyone.by_audience == {"partners": 1, "employers": 1, "residents": 0}
    assert everyone.by_topic == {"vouchers": 1, "events": 2}
    assert reach(email_domains=["wup.krakow.pl"]).total == 1
    assert reach(topics=["vouchers"]).total == 1
    assert reach(audience="employers").by_topic == {"vouchers": 0, "events": 1}
