"""Assisted registration: the broker opens the account with the person's signed consent; the first
password exists only on the printed letter (a new letter replaces it) and must be changed at the
first login; the consent is read by the broker who registered the person, audited."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from kierunek.accounts.models import Role, User
from kierunek.brokerage import services
from kierunek.brokerage.models import AssistedRegistration
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from tests.brokerage import builders as b

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%signed consent\n"


def consent():
    return SimpleUploadedFile("zgoda.pdf", PDF, content_type="application/pdf")


def registered(broker):
    return services.person_register(
        actor=Actor.of(broker),
        email="Anna.Wiejska@example.org",
        first_name="Anna",
        last_name="Wiejska",
        consent=consent(),
    )


def first_password(text: str) -> str:
    return re.search(r"\b[0-9a-f]{4}(?:-[0-9a-f]{4}){3}\b", text).group(0)


def letter_text(pdf: bytes) -> str:
    import io

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_broker_registers_a_person_who_gets_the_first_password_on_a_letter_only(client):
    broker = b.broker()
    registration = registered(broker)
    person = registration.person
    assert person.role == Role.PARTICIPANT
    assert not person.has_usable_password()  # nobody logs in before the letter is printed
    assert registration.consent.read() == PDF

    text = letter_text(services.letter_print(actor=Actor.of(broker), registration_id=registration.pk))

    password = first_password(text)
    person.refresh_from_db()
    assert person.check_password(password)
    assert password not in str(AuditEvent.objects.values_list("details", flat=True))
    # a second letter replaces the first password
    second = letter_text(services.letter_print(actor=Actor.of(broker), registration_id=registration.pk))
    person.refresh_from_db()
    assert not person.check_password(password)
    assert AssistedRegistration.objects.get().letters_printed == 2

    # the first login leads to the password change, and nowhere else until it is changed
    new_password = first_password(second)
    response = client.post("/logowanie/", {"username": person.email, "password": new_password})
    assert response.status_code == 302
    response = client.get(reverse("brokerage:mine"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": new_password,
            "new_password1": "Moje-nowe-haslo-2026",
            "new_password2": "Moje-nowe-haslo-2026",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("brokerage:mine")).status_code == 200
    registration.refresh_from_db()
    assert registration.password_changed_at is not None
    # no letter once the person has their own password
    with pytest.raises(ValidationError):  # the person has their own password
        services.letter_print(actor=Actor.of(broker), registration_id=registration.pk)


def test_registration_needs_the_signed_consent_and_a_free_address():
    broker = b.broker()
    with pytest.raises(ValidationError) as caught:
        services.person_register(
            actor=Actor.of(broker),
            email="a@example.org",
            first_name="A",
            last_name="B",
            consent=SimpleUploadedFile("zgoda.txt", b"not a pdf"),
        )
    assert "consent" in caught.value.message_dict
    registered(broker)
    with pytest.raises(ValidationError) as caught:
        registered(broker)
    assert "email" in caught.value.message_dict
    assert User.objects.filter(email="anna.wiejska@example.org").count() == 1


def test_only_the_registering_broker_prints_the_letter_and_reads_the_consent(client_for):
    broker, other = b.broker(), b.broker()
    registration = registered(broker)
    with pytest.raises(PermissionDenied):
        services.letter_print(actor=Actor.of(other), registration_id=registration.pk)
    assert client_for(other).get(reverse("brokerage:consent", args=[registration.pk])).status_code == 404
    response = client_for(broker).get(reverse("brokerage:consent", args=[registration.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert AuditEvent.objects.filter(action="brokerage.consent_read", actor_id=broker.pk).count() == 1
