"""The anonymous survey's API, at the addresses it keeps under /api/v1/vouchers/: a participant
evaluates a completed booking once; provider staff read averages only, from three responses on.
Another participant's booking is 404, another role 403, a refusal 409, and none changes anything."""

import pytest

from kierunek.evaluations.models import SurveyResponse
from tests.vouchers import builders as b
from tests.vouchers.api.test_participant_and_provider import (
    BASE,
    _messages_in_english,  # noqa: F401  (the autouse fixture: messages in English)
    api_as,
    polish,
    post,
)

pytestmark = pytest.mark.django_db

SURVEY = {"content": 5, "trainer": 4, "organisation": 3, "usefulness": 5, "comment": "Polecam."}


class TestEvaluation:
    def test_the_anonymous_survey_once(self, client):
        booking = b.completed(b.book(b.issued_account()))
        api = api_as(client, booking.participant)

        before = api.get(f"{BASE}/bookings/{booking.pk}/evaluation").json()
        sent = post(api, f"/bookings/{booking.pk}/evaluation", SURVEY)
        again = post(api, f"/bookings/{booking.pk}/evaluation", SURVEY)

        assert before["evaluated"] is False
        assert sent.status_code == 200
        assert sent.json()["evaluated"] is True
        response = SurveyResponse.objects.get()
        assert (response.content, response.trainer, response.organisation, response.usefulness) == (
            5,
            4,
            3,
            5,
        )
        assert response.comment == "Polecam."
        assert response.card_id == booking.card_id
        booking.refresh_from_db()
        assert booking.evaluated_at is not None
        assert again.status_code == 409
        assert polish("You have already evaluated this service.") in again.json()["detail"]
        assert SurveyResponse.objects.count() == 1

    def test_a_score_out_of_range_or_a_booking_not_completed_is_409_and_nothing_is_stored(self, client):
        completed = b.completed(b.book(b.issued_account()))
        requested = b.book(completed.voucher_account)
        api = api_as(client, completed.participant)

        out_of_range = post(api, f"/bookings/{completed.pk}/evaluation", {**SURVEY, "trainer": 9})
        too_early = post(api, f"/bookings/{requested.pk}/evaluation", SURVEY)
        missing_score = post(api, f"/bookings/{completed.pk}/evaluation", {"content": 5})

        assert out_of_range.status_code == 409
        assert polish("Choose a score from 1 to 5.") in out_of_range.json()["detail"]
        assert too_early.status_code == 409
        assert missing_score.status_code == 422
        assert not SurveyResponse.objects.exists()
        completed.refresh_from_db()
        assert completed.evaluated_at is None

    def test_another_participant_gets_404_and_provider_staff_403(self, client):
        booking = b.completed(b.book(b.issued_account()))

        intruder = api_as(client, b.issued_account().participant)
        assert post(intruder, f"/bookings/{booking.pk}/evaluation", SURVEY).status_code == 404
        staff = api_as(client, b.staff_of(booking))
        assert post(staff, f"/bookings/{booking.pk}/evaluation", SURVEY).status_code == 403

        assert not SurveyResponse.objects.exists()
        booking.refresh_from_db()
        assert booking.evaluated_at is None


class TestProviderRatings:
    def test_ratings_are_averages_shown_from_three_responses_without_comments(self, client):
        service = b.card()
        first, _second = (b.confirmed_and_evaluated(b.book(b.issued_account(), service)) for _ in range(2))
        api = api_as(client, b.staff_of(first))

        too_few = api.get(f"{BASE}/provider/ratings").json()
        b.confirmed_and_evaluated(b.book(b.issued_account(), service))
        response = api.get(f"{BASE}/provider/ratings")
        body = response.json()

        assert too_few["minimum_responses"] == 3
        [hidden] = too_few["services"]
        assert (hidden["service_id"], hidden["responses"], hidden["hidden"]) == (service.pk, 2, True)
        assert hidden["overall"] is None
        assert set(hidden["averages"].values()) == {None}
        assert too_few["total"]["hidden"] is True
        # builders.SCORES: 5, 4, 5, 4.
        [row] = body["services"]
        assert row["responses"] == SurveyResponse.objects.filter(card=service).count() == 3
        assert row["averages"] == {"content": 5.0, "trainer": 4.0, "organisation": 5.0, "usefulness": 4.0}
        assert row["overall"] == 4.5
        assert body["total"]["overall"] == 4.5
        assert body["total"]["service_id"] is None
        assert "Dobre zajęcia." not in response.content.decode()
