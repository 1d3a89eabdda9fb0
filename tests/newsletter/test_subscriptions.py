"""Double opt-in, the consent record, the preferences and unsubscribing, through the pages a
person uses: the form, the confirmation e-mail's link, the message's signed links and the
one-click POST of RFC 8058 (a mail client's, with no session and no CSRF token)."""

import csv
import io
import json

import pytest
from django.core import mail
from django.test import Client

from kierunek.core.models import AuditEvent
from kierunek.newsletter.models import ConsentRecord, Subscriber
from kierunek.newsletter.services import wording_current

from .builders import last_mail_to, link_in, signed_up, subscribed, token_of, topic

pytestmark = pytest.mark.django_db


def _form(email="Ala.Nowak@Example.org", **extra):
    vouchers, events = topic(), topic("events", "Wydarzenia")
    return {
        "email": email,
        "audience": "residents",
        "topics": [vouchers.pk, events.pk],
        "consent": "on",
        "wording_version": wording_current().version,
        **extra,
    }


def test_subscribing_needs_the_confirmation_from_the_email(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/newsletter/", _form(), REMOTE_ADDR="198.51.100.7")
    assert page.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ala.nowak@example.org"
    assert subscriber.status == "pending"
    message = last_mail_to("ala.nowak@example.org")
    confirm = link_in(message, "potwierdz")

    assert client.get(confirm).status_code == 200  # a mail filter opening the link confirms nothing
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"

    done = client.post(confirm, REMOTE_ADDR="198.51.100.8")
    assert done.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
    assert subscriber.confirmed_at is not None
    records = list(
        subscriber.consents.values_list("event", "source", "ip_address", "wording__version", "topics")
    )
    assert records == [
        ("requested", "/newsletter/ (subscribe form)", "198.51.100.7", 1, ["events", "vouchers"]),
        ("confirmed", f"{confirm} (confirmation link)", "198.51.100.8", 1, ["events", "vouchers"]),
    ]


def test_the_form_needs_consent_and_a_topic(client):
    page = client.post("/newsletter/", _form(consent="", topics=[]))
    assert page.status_code == 200
    assert not Subscriber.objects.exists()
    assert b'role="alert"' in page.content


def test_a_logged_in_person_finds_their_address_prefilled(client):
    from tests.accounts.factories import ParticipantFactory

    person = ParticipantFactory(email="jan@example.org")
    client.force_login(person)
    assert b'value="jan@example.org"' in client.get("/newsletter/").content


def test_the_form_tells_nobody_who_already_subscribes(client, django_capture_on_commit_callbacks):
    subscribed("ala@example.org", topics=[topic()])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/newsletter/", _form("ala@example.org", audience="employers"))
    assert page.status_code == 200
    assert b"ala@example.org" in page.content
    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.audience) == ("confirmed", "residents")  # nothing changed
    assert "/newsletter/ustawienia/" in last_mail_to("ala@example.org").body


def test_a_stale_form_records_the_wording_the_person_saw(client):
    from kierunek.core.actor import Actor
    from kierunek.newsletter.services import wording_publish

    from .builders import officer

    wording_publish(actor=Actor.of(officer()), text="Nowa treść zgody.")
    client.post("/newsletter/", _form(wording_version=1))
    assert ConsentRecord.objects.get().wording.version == 1
    assert b"Nowa tre\xc5\x9b\xc4\x87 zgody." in client.get("/newsletter/").content


def test_the_preferences_link_changes_the_topics(client):
    subscriber = subscribed("ala@example.org", topics=[topic()])
    events = topic("events", "Wydarzenia")
    url = f"/newsletter/ustawienia/{token_of(subscriber)}/"
    assert client.get(url).status_code == 200
    client.post(url, {"audience": "employers", "topics": [events.pk]})
    subscriber.refresh_from_db()
    assert list(subscriber.topics.values_list("slug", flat=True)) == ["events"]
    assert subscriber.audience == "employers"
    assert subscriber.consents.last().event == "topics_changed"
    assert AuditEvent.objects.filter(action="newsletter.topics_changed").exists()


def test_the_one_click_post_unsubscribes_without_csrf_or_session():
    subscriber = subscribed("ala@example.org")
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        f"/newsletter/wypisz/{token_of(subscriber)}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert subscriber.consents.last().event == "withdrawn"
    again = mail_client.post(
        f"/newsletter/wypisz/{token_of(subscriber)}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert again.status_code == 200
    assert subscriber.consents.filter(event="withdrawn").count() == 1


def test_opening_the_unsubscribe_link_changes_nothing(client):
    subscriber = subscribed("ala@example.org")
    page = client.get(f"/newsletter/wypisz/{token_of(subscriber)}/")
    assert page.status_code == 200
    assert b"<form" in page.content
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"


def test_a_forged_or_erased_link_is_refused(client):
    subscriber = subscribed("ala@example.org")
    token = token_of(subscriber)
    assert client.post(f"/newsletter/wypisz/{token}x/").status_code == 400
    subscriber.delete()
    assert client.post(f"/newsletter/wypisz/{token}/").status_code == 400
    assert client.get(f"/newsletter/ustawienia/{token}/").status_code == 400


def test_signing_up_again_after_unsubscribing_needs_a_new_confirmation(
    client, django_capture_on_commit_callbacks
):
    subscriber = subscribed("ala@example.org")
    Client().post(f"/newsletter/wypisz/{token_of(subscriber)}/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/newsletter/", _form("ala@example.org"))
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"
    assert [r.event for r in subscriber.consents.all()] == [
        "requested",
        "confirmed",
        "withdrawn",
        "requested",
    ]


def test_a_consent_record_is_appended_only():
    subscriber = signed_up("ala@example.org")
    record = subscriber.consents.get()
    record.source = "changed"
    with pytest.raises(Exception, match="never changed"):
        record.save()
    with pytest.raises(Exception, match="never deleted"):
        record.delete()


def test_the_office_exports_the_proof_of_consent(staff_client):
    subscriber = subscribed("ala@example.org", ip="192.0.2.44")
    client, _officer = staff_client("officer")
    as_json = client.get(f"/newsletter/biuro/subskrybenci/{subscriber.pk}/zgoda.json")
    proof = json.loads(as_json.content)
    assert proof["subscriber"]["email"] == "ala@example.org"
    assert [(c["event"], c["ip_address"], c["wording_version"]) for c in proof["consents"]] == [
        ("requested", "192.0.2.44", 1),
        ("confirmed", "", 1),
    ]
    assert proof["consents"][0]["wording_text"] == wording_current().text
    as_csv = client.get(f"/newsletter/biuro/subskrybenci/{subscriber.pk}/zgoda.csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode())))
    assert [r["event"] for r in rows] == ["requested", "confirmed"]
    assert rows[0]["source"] == "/newsletter/ (subscribe form)"
    assert AuditEvent.objects.filter(action="newsletter.consent_exported").count() == 2
    assert client.get(f"/newsletter/biuro/subskrybenci/{subscriber.pk}/zgoda.xml").status_code == 404
    page = client.get(f"/newsletter/biuro/subskrybenci/{subscriber.pk}/")
    assert b"192.0.2.44" in page.content
    assert AuditEvent.objects.filter(
        action="newsletter.subscriber_read", object_id=str(subscriber.pk)
    ).exists()


@pytest.mark.parametrize("role", ["participant", "partner_staff"])
def test_the_proof_is_the_offices_only(client_as, role):
    subscriber = subscribed("ala@example.org")
    assert (
        client_as(role).get(f"/newsletter/biuro/subskrybenci/{subscriber.pk}/zgoda.json").status_code == 403
    )
    assert not AuditEvent.objects.filter(action="newsletter.consent_exported").exists()
