"""The vouchers API: participants read the packages they may order and order one, read their
wallet, book (a retry with the same Idempotency-Key returns the first booking with 200), cancel,
confirm and dispute; provider staff answer, record attendance and report, and read their
settlements (the evaluation and the ratings: tests/evaluations/test_api.py). Other people's
bookings are 404, other roles 403, refusals 409, and none of them changes anything."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from kierunek.accounts.models import Role
from kierunek.accounts.services import api_token_create
from kierunek.core.actor import Actor
from kierunek.vouchers import services
from kierunek.vouchers.models import Attendance, Booking, BookingEvent, OrderStatus, VoucherOrder
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.vouchers import builders as b
from tests.vouchers.views.test_provider import move_into_the_past

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


def polish(msgid: str, **params: object) -> str:
    """A service's message as the API says it: Polish first."""
    with translation.override("pl"):
        return gettext(msgid) % params if params else gettext(msgid)


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

        first = post(api, "/bookings", data, **{"Idempotency-Key": "abc-1-retried-booking"})
        retry = post(api, "/bookings", data, **{"Idempotency-Key": "abc-1-retried-booking"})
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
        with_field = post(api, "/bookings", {**data, "idempotency_key": "body-key-of-the-booking"})

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
            **{"Idempotency-Key": "refused-booking-key"},
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
            **{"Idempotency-Key": "steal-their-vouchers"},
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


class TestOrders:
    def test_the_packages_say_which_may_be_ordered_and_one_is_ordered_once(self, client):
        participant = b.participant_with_plan("general")
        general, vocational = b.package("general"), b.package("vocational")
        api = api_as(client, participant)

        offered = {item["kind"]: item for item in api.get(f"{BASE}/packages").json()}
        made = post(api, "/orders", {"package_id": general.pk})
        again = post(api, "/orders", {"package_id": general.pk})
        listed = api.get(f"{BASE}/orders").json()
        after = {item["kind"]: item for item in api.get(f"{BASE}/packages").json()}

        assert offered["general"]["can_order"] is True
        assert offered["general"]["value"] == "2700.00"
        assert offered["vocational"]["can_order"] is False  # the plan does not include it
        assert made.status_code == 201
        order = VoucherOrder.objects.get()
        assert (order.participant, order.package, order.status) == (participant, general, OrderStatus.ORDERED)
        assert made.json()["id"] == order.pk
        assert made.json()["status"] == "ordered"
        assert again.status_code == 409
        assert polish("You have already ordered this package.") in again.json()["detail"]
        assert VoucherOrder.objects.count() == 1
        assert [item["id"] for item in listed] == [order.pk]
        assert after["general"]["ordered"] is True
        assert after["general"]["can_order"] is False
        assert vocational.pk == after["vocational"]["id"]

    def test_a_package_outside_the_plan_is_409_and_a_missing_one_404(self, client):
        api = api_as(client, b.participant_with_plan("general"))

        outside = post(api, "/orders", {"package_id": b.package("vocational").pk})
        missing = post(api, "/orders", {"package_id": 999999})
        no_package = post(api, "/orders", {})

        assert outside.status_code == 409
        assert (
            polish("Your signed development plan does not include this package. Talk to your advisor.")
            in outside.json()["detail"]
        )
        assert missing.status_code == 404
        assert no_package.status_code == 422
        assert not VoucherOrder.objects.exists()

    def test_other_roles_cannot_order_and_nothing_is_ordered(self, client):
        package = b.package("general")
        api = api_as(client, b.staff_of(b.book(b.issued_account())))
        before = VoucherOrder.objects.count()

        assert post(api, "/orders", {"package_id": package.pk}).status_code == 403
        assert api.get(f"{BASE}/orders").status_code == 403
        assert api.get(f"{BASE}/packages").status_code == 403
        assert VoucherOrder.objects.count() == before
        client.defaults.pop("HTTP_AUTHORIZATION")
        assert post(client, "/orders", {"package_id": package.pk}).status_code == 401
        assert VoucherOrder.objects.count() == before


class TestDispute:
    def test_a_completed_booking_is_frozen_with_the_note(self, client):
        booking = b.completed(b.book(b.issued_account()))
        api = api_as(client, booking.participant)

        shown = api.get(f"{BASE}/bookings/{booking.pk}/dispute")
        response = post(api, f"/bookings/{booking.pk}/dispute", {"note": "Nie byłam na drugim spotkaniu."})

        assert shown.json()["status"] == "completed"
        assert response.status_code == 200
        assert response.json()["status"] == "frozen"
        booking.refresh_from_db()
        assert (booking.status, booking.frozen_from) == ("frozen", "completed")
        assert BookingEvent.objects.filter(
            booking=booking, status_to="frozen", note="Nie byłam na drugim spotkaniu."
        ).exists()

    def test_an_empty_note_is_422_and_a_cancelled_booking_409_and_nothing_changes(self, client):
        completed = b.completed(b.book(b.issued_account()))
        api = api_as(client, completed.participant)
        cancelled = b.book(completed.voucher_account)
        services.booking_cancel(booking_id=cancelled.pk, actor=Actor.of(cancelled.participant))

        empty = post(api, f"/bookings/{completed.pk}/dispute", {"note": "   "})
        too_late = post(api, f"/bookings/{cancelled.pk}/dispute", {"note": "Nie było mnie."})

        assert empty.status_code == 422
        assert too_late.status_code == 409
        refusal = "A booking is disputed after the provider reports it completed; before, you can cancel it."
        assert polish(refusal) in too_late.json()["detail"]
        completed.refresh_from_db()
        cancelled.refresh_from_db()
        assert (completed.status, cancelled.status) == ("completed", "cancelled")

    def test_another_participant_gets_404_and_provider_staff_403(self, client):
        booking = b.completed(b.book(b.issued_account()))
        events = booking.events.count()

        intruder = api_as(client, b.issued_account().participant)
        assert post(intruder, f"/bookings/{booking.pk}/dispute", {"note": "x"}).status_code == 404
        assert intruder.get(f"{BASE}/bookings/{booking.pk}/dispute").status_code == 404
        staff = api_as(client, b.staff_of(booking))
        assert post(staff, f"/bookings/{booking.pk}/dispute", {"note": "x"}).status_code == 403

        booking.refresh_from_db()
        assert booking.status == "completed"
        assert booking.events.count() == events


class TestProviderSettlements:
    def test_settlements_list_the_settled_bookings_and_the_transfers(self, client):
        booking = b.confirmed_and_evaluated(b.book(b.issued_account()))
        b.settle(booking)
        batch = services.batch_build(
            programme_id=booking.voucher_account.programme_id,
            actor=Actor.of(b.operator()),
            idempotency_key=b.key(),
        )
        other = b.confirmed_and_evaluated(b.book(b.issued_account()))
        b.settle(other)
        api = api_as(client, b.staff_of(booking))

        body = api.get(f"{BASE}/provider/settlements").json()

        booking.refresh_from_db()
        assert batch is not None
        assert [(row["id"], row["status"], row["amount"]) for row in body["bookings"]] == [
            (booking.pk, "settled", "480.00")
        ]
        assert booking.amount == 48000
        line = batch.lines.get(provider=booking.provider)
        assert body["payments"] == [
            {
                "batch_reference": batch.reference,
                "batch_status": "draft",
                "batch_status_label": body["payments"][0]["batch_status_label"],
                "execution_date": f"{batch.execution_date:%Y-%m-%d}",
                "iban": line.iban,
                "amount": "480.00",
            }
        ]

    @pytest.mark.parametrize("path", ["/provider/ratings", "/provider/settlements"])
    def test_participants_and_other_staff_are_refused_and_staff_without_an_institution_get_404(
        self, client, path
    ):
        booking = b.book(b.issued_account())
        assert api_as(client, booking.participant).get(f"{BASE}{path}").status_code == 403
        operator = StaffUserFactory(role=Role.FINANCIAL_OPERATOR)
        assert api_as(client, operator).get(f"{BASE}{path}").status_code == 403
        alone = StaffUserFactory(role=Role.PROVIDER_STAFF)
        response = api_as(client, alone).get(f"{BASE}{path}")
        assert response.status_code == 404
        assert "Register your institution first." in response.json()["detail"]
