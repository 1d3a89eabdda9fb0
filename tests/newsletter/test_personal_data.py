"""A subscriber who is a user: the subscription in their data export, managed and erased from
their account; the office erases a subscriber on request."""

import pytest

from kierunek.core.models import AuditEvent
from kierunek.core.personal_data import personal_data_collect
from kierunek.newsletter.models import ConsentRecord, Delivery, Subscriber
from tests.accounts.factories import ParticipantFactory

from .builders import issue, subscribed

pytestmark = pytest.mark.django_db


def test_the_subscription_is_in_the_persons_export():
    person = ParticipantFactory(email="ala@example.org")
    subscribed("ALA@example.org", ip="192.0.2.9")
    exported = personal_data_collect(user=person)["newsletter"]
    assert exported[0]["email"] == "ala@example.org"
    assert exported[0]["status"] == "confirmed"
    assert [c["event"] for c in exported[0]["consents"]] == ["requested", "confirmed"]
    assert exported[0]["consents"][0]["ip_address"] == "192.0.2.9"


def test_another_persons_subscription_is_not_in_the_export():
    person = ParticipantFactory(email="jan@example.org")
    subscribed("ala@example.org")
    assert personal_data_collect(user=person)["newsletter"] == []


def test_the_person_sees_and_erases_their_subscription_from_the_account(client):
    person = ParticipantFactory(email="ala@example.org")
    subscriber = subscribed("ala@example.org")
    client.force_login(person)
    page = client.get("/newsletter/moja-subskrypcja/").content.decode()
    assert "ala@example.org" in page
    assert "/newsletter/ustawienia/" in page
    asked = client.post("/newsletter/moja-subskrypcja/usun/")
    assert asked.status_code == 200  # the confirmation page first
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    client.post("/newsletter/moja-subskrypcja/usun/", {"confirmed": "yes"})
    assert not Subscriber.objects.exists()
    assert not ConsentRecord.objects.exists()
    erased = AuditEvent.objects.get(action="newsletter.subscriber_erased")
    assert "ala@example.org" not in str(erased.details)
    assert b'name="email"' in client.get("/newsletter/moja-subskrypcja/").content  # the form again


def test_the_office_erases_a_subscriber_on_request(staff_client, django_capture_on_commit_callbacks):
    subscriber = subscribed("ala@example.org")
    from kierunek.core.actor import Actor
    from kierunek.newsletter.services import issue_send

    client, officer = staff_client("officer")
    sent = issue(officer)
    with django_capture_on_commit_callbacks(execute=True):
        issue_send(actor=Actor.of(officer), issue_id=sent.pk)
    assert Delivery.objects.count() == 1
    client.post(f"/newsletter/biuro/subskrybenci/{subscriber.pk}/usun/", {"confirmed": "yes"})
    assert not Subscriber.objects.exists()
    assert not Delivery.objects.exists()


def test_nobody_else_erases_a_subscriber():
    from django.core.exceptions import PermissionDenied

    from kierunek.core.actor import Actor
    from kierunek.newsletter.services import subscriber_erase

    subscriber = subscribed("ala@example.org")
    with pytest.raises(PermissionDenied):
        subscriber_erase(
            actor=Actor.of(ParticipantFactory(email="jan@example.org")), subscriber_id=subscriber.pk
        )
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
