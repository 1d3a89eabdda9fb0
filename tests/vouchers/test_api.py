"""The vouchers API: participants read their wallet, book (a retry with the same Idempotency-Key
returns the first booking with 200), cancel and confirm; provider staff answer, record attendance
and report. Other people's bookings are 404, other roles 403, refusals 409, and none of them
changes anything."""

import pytest
from django.utils import translation

from kierunek.accounts.services import api_token_create
from kierunek.vouchers.models import Attendance, Booking
from tests.accounts.factories import ParticipantFactory
from tests.vouchers import builders as b
from tests.vouchers.test_provider_pages import move_into_the_past

pytestmark = pytest.mark.django_db

BASE = "/api/v1/vouchers"


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


def api_as(client, user):
    issued = api_token_create(user=user, name="test")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {issued.secret}"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def post(client, path, data=None, **headers):
    return client.post(f"{BASE}{path}", data or {}, content_type="application/json", headers=headers)


class TestParticipant:
    def test_wallet(self, client):
        account = b.issued_account()
        api = api_as(client, account.participant)

        body = api.get(f"{BASE}/wallet").json()

        assert body["accounts"] == [
            {
                "id": account.pk,
                "package": "Pakiet ogólny",
                "package_kind": "general",
                "vouchers_issued": 180,
                "voucher_unit": "15.00",
                "available_vouchers": 180,
                "available": "2700.00",
                "reserved_vouchers": 0,
                "reserved": "0.00",
                "issued_at": body["accounts"][0]["issued_at"],
                "expires_on": f"{account.expires_on:%Y-%m-%d}",
                "expired": False,
            }
        ]

    def test_book_retry_returns_the_first_booking_then_cancel(self, client):
        account = b.issued_account()
        service = b.card()
        api = api_as(client, account.participant)
        data = {"service_id": service.pk, "voucher_account_id": account.pk}

        first = post(api, "/bookings", data, **{"Idempotency-Key": "abc-1"})
        retry = post(api, "/bookings", data, **{"Idempotency-Key": "abc-1"})
        listed = api.get(f"{BASE}/bookings").json()
        cancelled = post(api, f"/bookings/{first.json()['id']}/cancellation")

        assert first.status_code == 201
        assert retry.status_code == 200
        assert retry.json()["id"] == first.json()["id"]
        assert first.json()["vouchers"] == 32
        assert first.json()["top_up"] == "750.00"
        assert Booking.objects.count() == 1
        assert [item["id"] for item in listed] == [first.json()["id"]]
        assert cancelled.json()["status"] == "cancelled"

    def test_the_key_may_come_in_the_body_and_is_required(self, client):
        account = b.issued_account()
        api = api_as(client, account.participant)
        data = {"service_id": b.card().pk, "voucher_account_id": account.pk}

        without = post(api, "/bookings", data)
        with_field = post(api, "/bookings", {**data, "idempotency_key": "body-key"})

        assert without.status_code == 400
        assert "Idempotency-Key" in without.json()["detail"]
        assert with_field.status_code == 201

    def test_a_refusal_is_409_with_the_message(self, client):
        account = b.issued_account()
        service = b.card(starts_on=b.later(2), enrolment_deadline=b.later(1))
        api = api_as(client, account.participant)

        response = post(
            api,
            "/bookings",
            {"service_id": service.pk, "voucher_account_id": account.pk},
            **{"Idempotency-Key": "k"},
        )

        assert response.status_code == 409
        assert "co najmniej 3 dni" in response.json()["detail"]  # Polish first: the message of the service
        assert not Booking.objects.exists()

    def test_confirm_after_the_report(self, client):
        booking = b.completed(b.book(b.issued_account()))
        api = api_as(client, booking.participant)

        shown = api.get(f"{BASE}/bookings/{booking.pk}/confirmation").json()
        confirmed = post(api, f"/bookings/{booking.pk}/confirmation")

        assert [row["present"] for row in shown["attendance"]] == [True, True]
        assert confirmed.status_code == 200
        assert confirmed.json()["confirmed_at"]

    def test_another_participants_booking_and_account_change_nothing(self, client):
        booking = b.book(b.issued_account())
        intruder = b.issued_account()
        api = api_as(client, intruder.participant)

        read = api.get(f"{BASE}/bookings/{booking.pk}")
        cancel = post(api, f"/bookings/{booking.pk}/cancellation")
        confirm = post(api, f"/bookings/{booking.pk}/confirmation")
        book_with_theirs = post(
            api,
            "/bookings",
            {"service_id": b.card().pk, "voucher_account_id": booking.voucher_account_id},
            **{"Idempotency-Key": "steal"},
        )

        assert (read.status_code, cancel.status_code, confirm.status_code) == (404, 404, 404)
        assert book_with_theirs.status_code == 403
        booking.refresh_from_db()
        assert booking.status == "requested"
        assert Booking.objects.count() == 1

    def test_provider_operations_are_403_for_participants(self, client):
        booking = b.book(b.issued_account())
        api = api_as(client, booking.participant)
        assert api.get(f"{BASE}/provider/bookings").status_code == 403
        assert post(api, f"/provider/bookings/{booking.pk}/acceptance").status_code == 403
        booking.refresh_from_db()
        assert booking.status == "requested"

    def test_anonymous_is_401(self, client):
        assert client.get(f"{BASE}/wallet").status_code == 401


class TestProvider:
    def test_answer_record_and_report(self, client):
        booking = b.book(b.issued_account())
        rejected = b.book(b.issued_account(), b.card(provider=booking.provider))
        api = api_as(client, b.staff_of(booking))

        listed = api.get(f"{BASE}/provider/bookings", {"status": "requested"}).json()
        no_reason = post(api, f"/provider/bookings/{rejected.pk}/rejection", {"reason": " "})
        rejection = post(api, f"/provider/bookings/{rejected.pk}/rejection", {"reason": "Brak miejsc."})
        accepted = post(api, f"/provider/bookings/{booking.pk}/acceptance")
        move_into_the_past(booking)
        sessions = [{"session_id": s.pk, "present": True} for s in booking.card.sessions.all()]
        recorded = post(api, f"/provider/bookings/{booking.pk}/attendance", {"sessions": sessions})
        reported = post(
            api,
            f"/provider/bookings/{booking.pk}/report",
            {"result": "completed", "certificate_number": "C-9"},
        )

        assert {item["id"] for item in listed} == {booking.pk, rejected.pk}
        assert listed[0]["participant"]
        assert no_reason.status_code == 409
        assert "powód" in no_reason.json()["detail"]
        assert rejection.json()["status"] == "rejected"
        assert accepted.json()["status"] == "accepted"
        assert [row["present"] for row in recorded.json()["attendance"]] == [True, True]
        assert reported.json()["status"] == "completed"
        assert reported.json()["certificate_number"] == "C-9"

    def test_another_providers_booking_is_404_and_unchanged(self, client):
        mine = b.book(b.issued_account())
        theirs = b.accepted(b.book(b.issued_account()))
        move_into_the_past(theirs)
        api = api_as(client, b.staff_of(mine))
        sessions = [{"session_id": s.pk, "present": True} for s in theirs.card.sessions.all()]

        responses = [
            api.get(f"{BASE}/provider/bookings/{theirs.pk}"),
            post(api, f"/provider/bookings/{theirs.pk}/acceptance"),
            post(api, f"/provider/bookings/{theirs.pk}/rejection", {"reason": "x"}),
            post(api, f"/provider/bookings/{theirs.pk}/attendance", {"sessions": sessions}),
            post(api, f"/provider/bookings/{theirs.pk}/report", {"result": "no_show"}),
        ]

        assert [r.status_code for r in responses] == [404] * 5
        theirs.refresh_from_db()
        assert theirs.status == "accepted"
        assert not Attendance.objects.exists()
        assert theirs.pk not in [item["id"] for item in api.get(f"{BASE}/provider/bookings").json()]

    def test_participant_operations_are_403_for_provider_staff(self, client):
        booking = b.book(b.issued_account())
        api = api_as(client, b.staff_of(booking))
        assert api.get(f"{BASE}/wallet").status_code == 403
        assert post(api, f"/bookings/{booking.pk}/cancellation").status_code == 403
        booking.refresh_from_db()
        assert booking.status == "requested"


def test_a_participant_without_vouchers_has_an_empty_wallet(client):
    api = api_as(client, ParticipantFactory())
    assert api.get(f"{BASE}/wallet").json() == {"accounts": []}
