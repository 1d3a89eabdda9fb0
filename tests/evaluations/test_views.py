"""The anonymous survey's pages, at the addresses they keep: the participant's survey of a
completed booking (once), reached from the booking through vouchers' hook; the provider staff's
averages, from three responses on, never a comment."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kierunek.evaluations.models import SurveyResponse
from kierunek.vouchers.models import Booking
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def provider_client(client, login_staff):
    """A client logged in with both factors as the owner of the booking's provider."""

    def _client(booking: Booking):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return login_staff(client, b.staff_of(booking))

    return _client


def text(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


class TestSurvey:
    def test_the_anonymous_survey(self, english):
        account = b.issued_account()
        booking = b.completed(b.book(account))
        english.force_login(account.participant)
        url = reverse("evaluations:booking_rate", args=[booking.pk])

        form = english.get(url)
        incomplete = english.post(url, {"content": "5", "trainer": "4"})
        sent = english.post(
            url,
            {"content": "5", "trainer": "4", "organisation": "3", "usefulness": "5", "comment": "Polecam."},
            follow=True,
        )

        assert "This survey is anonymous." in text(form)
        assert text(form).count("<fieldset") == 4
        assert text(form).count("<legend>") == 4
        assert 'aria-describedby="id_organisation_errors"' in text(incomplete)
        response = SurveyResponse.objects.get()
        assert (response.content, response.trainer, response.organisation, response.usefulness) == (
            5,
            4,
            3,
            5,
        )
        booking.refresh_from_db()
        assert booking.evaluated_at is not None
        assert "Thank you for your evaluation." in text(sent)
        again = english.get(url, follow=True)
        assert "already evaluated" in text(again)

    def test_the_booking_page_links_to_the_survey_once_completed(self, english):
        account = b.issued_account()
        booking = b.book(account)
        english.force_login(account.participant)
        url = reverse("evaluations:booking_rate", args=[booking.pk])

        before = text(english.get(reverse("vouchers:booking", args=[booking.pk])))
        b.completed(booking)
        after = text(english.get(reverse("vouchers:booking", args=[booking.pk])))
        wallet = text(english.get(reverse("vouchers:wallet")))

        assert url not in before
        assert f'href="{url}"' in after
        assert "Rate the service (anonymous survey)" in after
        assert f'href="{url}"' in wallet


class TestProviderRatings:
    def test_ratings_show_averages_not_comments_and_only_from_three_responses(self, provider_client):
        card = b.card()
        first, _second = (b.confirmed_and_evaluated(b.book(b.issued_account(), card)) for _ in range(2))
        client = provider_client(first)

        too_few = text(client.get(reverse("evaluations:provider_ratings")))
        card.refresh_from_db()
        assert (card.rating_count, card.rating_average) == (2, None)  # nor on the public card
        b.confirmed_and_evaluated(b.book(b.issued_account(), card))
        page = text(client.get(reverse("evaluations:provider_ratings")))

        assert card.title in too_few
        assert "<strong>4" not in too_few  # two people's scores would be recognisable
        assert "Shown from 3 responses on" in too_few
        # SCORES: 5, 4, 5, 4 -> 4.5 overall.
        assert "<strong>4.5</strong>" in page or "<strong>4,5</strong>" in page
        assert "Dobre zajęcia." not in page
        card.refresh_from_db()
        assert (card.rating_count, card.rating_average) == (3, 4.5)

    def test_the_provider_navigation_links_to_the_ratings(self, provider_client):
        booking = b.book(b.issued_account())
        page = text(provider_client(booking).get(reverse("vouchers:provider_bookings")))

        assert f'href="{reverse("evaluations:provider_ratings")}"' in page
