"""Cancelling a meeting asks first (a page that names the meeting's time, with no script): the
first POST changes nothing, the confirmed one cancels; another person's meeting is refused before
anything is asked."""

import re

import pytest
from django.urls import reverse

from kierunek.core.actor import Actor
from kierunek.guidance.services import appointments as appointment_services
from tests.guidance.builders import advisor, eligible_participant, slot

pytestmark = pytest.mark.django_db


def hidden(response) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', response.content.decode()))


def booked():
    adv, participant = advisor(), eligible_participant()
    appointment = appointment_services.appointment_book(slot_id=slot(adv).pk, actor=Actor.of(participant))
    return adv, participant, appointment


def test_the_participant_is_asked_before_the_meeting_is_cancelled(english):
    _adv, participant, appointment = booked()
    english.force_login(participant)
    url = reverse("guidance:cancel", args=[appointment.pk])

    asked = english.post(url)

    assert asked.status_code == 200
    assert b"Cancel the meeting on" in asked.content
    assert b"Yes, cancel the meeting" in asked.content
    assert hidden(asked)["confirmed"] == "yes"
    appointment.refresh_from_db()
    assert appointment.status == "booked"

    english.post(url, hidden(asked))
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"


def test_the_advisor_is_asked_before_the_meeting_is_cancelled(client_for):
    adv, _participant, appointment = booked()
    client = client_for(adv)
    url = reverse("guidance:advisor_cancel", args=[appointment.pk])

    asked = client.post(url)

    assert asked.status_code == 200
    appointment.refresh_from_db()
    assert appointment.status == "booked"
    client.post(url, hidden(asked))
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"


def test_another_participant_is_refused_before_being_asked(client):
    _adv, _participant, appointment = booked()
    client.force_login(eligible_participant())
    response = client.post(reverse("guidance:cancel", args=[appointment.pk]), {"confirmed": "yes"})
    assert response.status_code == 403
    assert client.post(reverse("guidance:cancel", args=[999999])).status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == "booked"
