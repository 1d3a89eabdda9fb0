"""The complainant is told of every step, in Polish: taken up (with the provider's deadline), the
provider's answer, the decision with its reason; the provider is asked to answer and told the
decision; the officer who took the complaint up is told of the answer. A complainant without an
account is written to at the address they gave."""

import pytest
from django.core import mail

from tests.vouchers.builders import card, officer, staff_of

from .builders import about_booking, about_card, answered, decided, taken

pytestmark = pytest.mark.django_db


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_every_step_is_mailed_to_the_complainant_and_the_provider(django_capture_on_commit_callbacks):
    complaint = about_booking()
    participant, staff, desk = complaint.complainant, staff_of(complaint.booking), officer()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        taken(complaint, by=desk)
    (review,) = _to(participant.email)
    assert review.subject == "Kierunek: Twoja skarga jest rozpatrywana"
    assert "Biuro projektu poprosiło instytucję o odpowiedź do" in review.body
    (asked,) = _to(staff.email)
    assert asked.subject == "Kierunek: Odpowiedz na skargę dotyczącą Twojej usługi"
    assert f"/skargi/instytucja/{complaint.pk}/" in asked.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answered(complaint)
    (answer,) = _to(participant.email)
    assert answer.subject == "Kierunek: Instytucja odpowiedziała na Twoją skargę"
    assert "Przepraszamy." in answer.body
    assert _to(desk.email)[0].subject == "Kierunek: Instytucja odpowiedziała na skargę"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decided(complaint, upheld=True)
    (decision,) = _to(participant.email)
    assert decision.subject == "Kierunek: Twoja skarga została uznana za zasadną"
    assert "Uzasadnienie" in decision.body or "Powód" in decision.body
    assert "Zasadna." in decision.body
    assert f"/skargi/moje/{complaint.pk}/" in decision.body
    assert _to(staff.email)[0].subject == "Kierunek: Rozstrzygnięto skargę na Twoją usługę"


def test_a_complainant_without_an_account_is_written_to_at_their_address(django_capture_on_commit_callbacks):
    complaint = about_card(card(), email="ola@example.com").complaint
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decided(complaint, upheld=False)
    subjects = [m.subject for m in _to("ola@example.com")]
    assert subjects == ["Kierunek: Twoja skarga jest rozpatrywana", "Kierunek: Twoja skarga została oddalona"]
    assert "link z pierwszej wiadomości" in _to("ola@example.com")[1].body
