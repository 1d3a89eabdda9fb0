"""The officer's list of frozen bookings says why each is frozen in the reader's language (the
label of the code the system wrote), and a participant's own note as they wrote it."""

import pytest
from django.urls import reverse

from kierunek.core.actor import Actor
from kierunek.vouchers import services
from tests.pages import shows, text
from tests.vouchers import builders as b
from tests.vouchers.views.test_office import frozen_booking

pytestmark = pytest.mark.django_db


def test_a_booking_reported_as_not_mine_is_listed_with_the_reason_in_polish(client_for):
    frozen_booking()
    page = client_for(b.officer()).get(reverse("vouchers:officer_bookings"))
    assert shows(page, "the participant reported that they did not make this booking")
    assert ": not me" not in text(page)


def test_the_reason_is_in_english_for_an_english_reader(client_for, settings):
    frozen_booking()
    client = client_for(b.officer())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = text(client.get(reverse("vouchers:officer_bookings")))
    assert "the participant reported that they did not make this booking" in page


def test_a_dispute_shows_the_participants_note_or_the_label(client_for):
    with_note = b.completed(b.book(b.issued_account()))
    services.booking_dispute(
        booking_id=with_note.pk, actor=Actor.of(with_note.participant), note="Nie byłam na zajęciach."
    )
    without_note = b.completed(b.book(b.issued_account()))
    services.booking_dispute(booking_id=without_note.pk, actor=Actor.of(without_note.participant), note="")
    page = client_for(b.officer()).get(reverse("vouchers:officer_bookings"))
    assert "Nie byłam na zajęciach." in text(page)
    assert shows(page, "the participant disputes the provider's report (no note given)")
    assert ": dispute<" not in text(page)
