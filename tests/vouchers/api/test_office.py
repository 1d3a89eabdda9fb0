"""The vouchers office API: operators list, issue (once per key) and refuse orders, run the
settlement, build batches (once per key) and take them through approval by a second person, sent
and paid (or cancel them), read their bank file and CSV and the reconciliation; officers approve
batches, void or restore frozen bookings, freeze payouts and lift freezes, and claw back;
everybody else gets a 4xx JSON body and nothing changes."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import xmlschema
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.money import Money
from kierunek.vouchers import pain001, services
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import (
    AccountKind,
    BatchStatus,
    Booking,
    LedgerAccount,
    LedgerTransaction,
    OrderStatus,
    PaymentBatch,
    PayoutFreeze,
    TransactionKind,
    VoucherAccount,
)
from tests.accounts.factories import ParticipantFactory
from tests.vouchers import builders as b
from tests.vouchers.builders import built_batch, ordered, settled_booking

pytestmark = pytest.mark.django_db

API = "/api/v1/vouchers-office"
KEY = "a-key-of-the-client-0001"


def frozen_booking() -> Booking:
    account = b.issued_account()
    created = services.booking_create(
        actor=Actor.of(account.participant),
        card_id=b.card().pk,
        voucher_account_id=account.pk,
        idempotency_key=b.key("book"),
    )
    assert created.not_me_token is not None
    return services.booking_not_me(token=created.not_me_token)


def polish(msgid: str) -> str:
    """A service's message as the API says it: Polish first."""
    with translation.override("pl"):
        return gettext(msgid)


def post(client: Client, path: str, data: dict | None = None, **headers: str):
    return client.post(f"{API}{path}", data or {}, content_type="application/json", headers=headers)


def receivable(provider_id: int) -> int:
    return LedgerAccount.objects.get(kind=AccountKind.RECEIVABLE, provider_id=provider_id).balance


def test_anonymous_callers_are_refused(client):
    assert client.get(f"{API}/orders").status_code == 401
    assert (
        client.post(
            f"{API}/settlement-runs", {"idempotency_key": KEY}, content_type="application/json"
        ).status_code
        == 401
    )


def test_operator_lists_orders_and_issues_one_once(client_for):
    order = ordered()
    client = client_for(b.operator())

    listed = client.get(f"{API}/orders").json()
    assert [(o["id"], o["vouchers"], o["value"]) for o in listed] == [(order.pk, 180, "2700.00")]

    first = client.post(
        f"{API}/orders/{order.pk}/voucher-account", {"idempotency_key": KEY}, content_type="application/json"
    )
    again = client.post(
        f"{API}/orders/{order.pk}/voucher-account", {"idempotency_key": KEY}, content_type="application/json"
    )

    assert first.status_code == 201
    assert again.status_code == 201
    assert first.json()["voucher_account_id"] == again.json()["voucher_account_id"]
    assert first.json()["value"] == "2700.00"
    assert LedgerTransaction.objects.filter(kind=TransactionKind.ISSUE).count() == 1
    assert client.get(f"{API}/orders").json() == []
    issued = client.get(f"{API}/orders/{order.pk}/voucher-account")
    assert issued.json()["voucher_account_id"] == first.json()["voucher_account_id"]


def test_the_key_may_come_in_the_header_as_for_every_write_and_neither_is_422(client_for):
    order = ordered()
    client = client_for(b.operator())
    url = f"{API}/orders/{order.pk}/voucher-account"

    missing = client.post(url, {}, content_type="application/json")
    first = client.post(url, {}, content_type="application/json", headers={"Idempotency-Key": KEY})
    again = client.post(url, {"idempotency_key": KEY}, content_type="application/json")

    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "idempotency_key"]
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()["voucher_account_id"] == again.json()["voucher_account_id"]
    assert LedgerTransaction.objects.filter(kind=TransactionKind.ISSUE).count() == 1


def test_issuing_a_refused_order_is_a_409_with_a_message(client_for):
    order = ordered()
    operator = b.operator()
    services.order_refuse(order_id=order.pk, actor=Actor.of(operator), reason="Nie.")
    response = client_for(operator).post(
        f"{API}/orders/{order.pk}/voucher-account", {"idempotency_key": KEY}, content_type="application/json"
    )
    assert response.status_code == 409
    assert response.json()["detail"]
    assert not VoucherAccount.objects.exists()


def test_a_missing_order_is_404_and_a_short_key_is_422(client_for):
    client = client_for(b.operator())
    assert (
        client.post(
            f"{API}/orders/999999/voucher-account", {"idempotency_key": KEY}, content_type="application/json"
        ).status_code
        == 404
    )
    order = ordered()
    response = client.post(
        f"{API}/orders/{order.pk}/voucher-account",
        {"idempotency_key": "short"},
        content_type="application/json",
    )
    assert response.status_code == 422
    order.refresh_from_db()
    assert order.status == OrderStatus.ORDERED


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.OFFICER, Role.PROVIDER_STAFF])
def test_other_roles_cannot_issue_and_nothing_changes(client_for, role):
    from tests.accounts.factories import StaffUserFactory

    order = ordered()
    user = ParticipantFactory() if role == Role.PARTICIPANT else StaffUserFactory(role=role)
    response = client_for(user).post(
        f"{API}/orders/{order.pk}/voucher-account", {"idempotency_key": KEY}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "You may not use this operation." in response.json()["detail"]
    order.refresh_from_db()
    assert order.status == OrderStatus.ORDERED
    assert not VoucherAccount.objects.exists()


def test_settlement_run_batches_and_the_bank_file(client_for, django_capture_on_commit_callbacks):
    booking = b.confirmed_and_evaluated(b.book(b.issued_account()))
    waiting = b.completed(b.book(b.issued_account()))
    builder, second = b.operator(), b.operator()
    client = client_for(builder)

    preview = client.get(f"{API}/settlement-runs").json()
    assert preview["settleable"] == 1
    assert preview["skipped"] == {"not_confirmed": 1, "not_evaluated": 1}
    # The task runs once the run is recorded: here, in the test's transaction, after the answer
    # (202) is built; a worker with a separate connection runs it when the request commits.
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            f"{API}/settlement-runs", {"idempotency_key": KEY}, content_type="application/json"
        )
    assert started.status_code == 202
    response = client.post(
        f"{API}/settlement-runs", {"idempotency_key": KEY}, content_type="application/json"
    )
    assert response.status_code == 200  # the same key: the finished run's result
    run = response.json()
    assert run["status"] == "done"
    assert run["settled"] == 1
    assert run["providers"] == 1
    assert run["amount"] == f"{booking.amount // 100}.{booking.amount % 100:02d}"
    assert run["skipped"] == {"not_confirmed": 1, "not_evaluated": 1}
    waiting.refresh_from_db()
    assert waiting.status == "completed"

    batch = b.batch_for(booking, builder)
    [listed] = client.get(f"{API}/batches").json()
    assert (listed["reference"], listed["status"], listed["transfers"]) == (batch.reference, "draft", 1)

    early = client.get(f"{API}/batches/{batch.pk}/file")
    assert early.status_code == 409
    assert "zatwierdzi" in early.json()["detail"]  # Polish, as every page and answer

    services.batch_approve(batch_id=batch.pk, actor=Actor.of(second))
    response = client.get(f"{API}/batches/{batch.pk}/file")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    content = b"".join(response.streaming_content)
    xmlschema.XMLSchema(str(pain001.XSD_PATH)).validate(io.BytesIO(content))
    assert f"<CtrlSum>{listed['total']}</CtrlSum>".encode() in content
    assert ledger_violations() == []


def test_an_officer_cannot_run_the_settlement(client_for):
    booking = b.confirmed_and_evaluated(b.book(b.issued_account()))
    response = client_for(b.officer()).post(
        f"{API}/settlement-runs", {"idempotency_key": KEY}, content_type="application/json"
    )
    assert response.status_code == 403
    booking.refresh_from_db()
    assert booking.status == "completed"


def test_a_settlement_run_answers_202_while_it_runs_and_its_result_when_done(
    client_for, django_capture_on_commit_callbacks
):
    booking = b.confirmed_and_evaluated(b.book(b.issued_account()))
    client = client_for(b.operator())

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            f"{API}/settlement-runs", {"idempotency_key": KEY}, content_type="application/json"
        )
    assert response.status_code == 202
    running = response.json()
    assert (running["status"], running["settled"]) == ("running", 0)
    assert running["url"] == f"{API}/settlement-runs/{running['id']}"
    assert client.get(running["url"]).json()["status"] == "running"

    queued[0]()  # the worker runs the task
    done = client.get(running["url"]).json()
    assert (done["status"], done["settled"], done["providers_done"], done["providers_total"]) == (
        "done",
        1,
        1,
        1,
    )
    assert done["amount"] == f"{booking.amount // 100}.{booking.amount % 100:02d}"
    again = client.post(f"{API}/settlement-runs", {"idempotency_key": KEY}, content_type="application/json")
    assert (again.status_code, again.json()) == (200, done)  # the same run, nothing settled twice
    assert LedgerTransaction.objects.filter(kind=TransactionKind.SETTLE).count() == 1
    assert client.get(f"{API}/settlement-runs/{running['id'] + 1}").status_code == 404


def test_officer_freezes_payouts_and_an_operator_cannot(client_for):
    provider = b.quality_provider()
    refused = client_for(b.operator()).post(
        f"{API}/freezes", {"provider_id": provider.pk, "reason": "Kontrola."}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert not PayoutFreeze.objects.exists()

    client = client_for(b.officer())
    response = client.post(
        f"{API}/freezes", {"provider_id": provider.pk, "reason": "Kontrola."}, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["provider_id"] == provider.pk
    assert PayoutFreeze.objects.get().reason == "Kontrola."
    assert [f["provider_id"] for f in client.get(f"{API}/freezes").json()] == [provider.pk]
    missing = client.post(
        f"{API}/freezes", {"provider_id": 999999, "reason": "X"}, content_type="application/json"
    )
    assert missing.status_code == 404


def test_officer_claws_back_once_and_an_operator_cannot(client_for):
    booking = settled_booking()
    url = f"{API}/clawbacks"
    payload = {"booking_id": booking.pk, "reason": "Szkolenie się nie odbyło.", "idempotency_key": KEY}

    assert client_for(b.operator()).post(url, payload, content_type="application/json").status_code == 403
    booking.refresh_from_db()
    assert booking.status == "settled"

    client = client_for(b.officer())
    first = client.post(url, payload, content_type="application/json")
    again = client.post(url, payload, content_type="application/json")
    assert first.status_code == 200
    assert first.json()["status"] == "clawed_back"
    assert again.status_code == 200
    assert LedgerTransaction.objects.filter(kind=TransactionKind.CLAWBACK).count() == 1
    assert [c["booking_id"] for c in client.get(f"{API}/clawbacks").json()] == [booking.pk]

    other = client.post(
        url, {**payload, "idempotency_key": "another-key-0000002"}, content_type="application/json"
    )
    assert other.status_code == 409
    assert ledger_violations() == []


# --- financial operator: refusing an order ------------------------------------------------------


def test_operator_refuses_an_order_with_the_reason_once(client_for):
    order = ordered()
    operator = b.operator()
    client = client_for(operator)

    before = client.get(f"{API}/orders/{order.pk}/refusal").json()
    refused = post(client, f"/orders/{order.pk}/refusal", {"reason": "Brak środków w budżecie."})
    again = post(client, f"/orders/{order.pk}/refusal", {"reason": "Jeszcze raz."})

    assert before["status"] == "ordered"
    assert refused.status_code == 200
    assert refused.json()["status"] == "refused"
    order.refresh_from_db()
    assert (order.status, order.refusal_reason, order.decided_by) == (
        OrderStatus.REFUSED,
        "Brak środków w budżecie.",
        operator,
    )
    assert again.status_code == 409
    assert polish("Only an order waiting to be issued can be refused.") in again.json()["detail"]
    order.refresh_from_db()
    assert order.refusal_reason == "Brak środków w budżecie."
    assert client.get(f"{API}/orders").json() == []


def test_refusing_needs_a_reason_and_an_order_that_exists(client_for):
    order = ordered()
    client = client_for(b.operator())
    assert post(client, f"/orders/{order.pk}/refusal", {"reason": ""}).status_code == 422
    blank = post(client, f"/orders/{order.pk}/refusal", {"reason": "   "})
    assert blank.status_code == 409
    assert post(client, "/orders/999999/refusal", {"reason": "Nie."}).status_code == 404
    assert client.get(f"{API}/orders/999999/refusal").status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.ORDERED


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.OFFICER])
def test_other_roles_cannot_refuse_and_the_order_waits(client_for, role):
    order = ordered()
    user = ParticipantFactory() if role == Role.PARTICIPANT else b.officer()
    response = post(client_for(user), f"/orders/{order.pk}/refusal", {"reason": "Nie."})
    assert response.status_code == 403
    order.refresh_from_db()
    assert (order.status, order.refusal_reason) == (OrderStatus.ORDERED, "")


# --- financial operator: building and handling batches ------------------------------------------


def test_building_a_batch_once_per_idempotency_key(client_for):
    booking = settled_booking()
    client = client_for(b.operator())
    tomorrow = services.today() + timedelta(days=3)

    first = post(client, "/batches", {"execution_date": f"{tomorrow:%Y-%m-%d}"}, **{"Idempotency-Key": KEY})
    again = post(client, "/batches", {"execution_date": f"{tomorrow:%Y-%m-%d}"}, **{"Idempotency-Key": KEY})

    assert (first.status_code, again.status_code) == (201, 200)
    batch = PaymentBatch.objects.get()
    assert again.json()["id"] == first.json()["id"] == batch.pk
    assert (batch.status, batch.total, batch.execution_date) == (BatchStatus.DRAFT, booking.amount, tomorrow)
    assert first.json()["total"] == Money(booking.amount).api_str()
    assert [line["provider_id"] for line in first.json()["lines"]] == [booking.provider_id]
    assert first.json()["approval_conflict"] == "builder"
    assert LedgerTransaction.objects.filter(kind=TransactionKind.BATCH).count() == 1
    assert receivable(booking.provider_id) == 0
    assert ledger_violations() == []


def test_building_needs_a_key_and_a_date_not_past_and_something_due(client_for):
    booking = settled_booking()
    client = client_for(b.operator())
    yesterday = services.today() - timedelta(days=1)

    no_key = post(client, "/batches")
    bad_key = post(client, "/batches", {"idempotency_key": "short"})
    past = post(client, "/batches", {"idempotency_key": KEY, "execution_date": f"{yesterday:%Y-%m-%d}"})
    missing_programme = post(client, "/batches", {"idempotency_key": KEY, "programme_id": 999999})

    assert (no_key.status_code, bad_key.status_code, past.status_code) == (422, 422, 422)
    assert "Idempotency-Key" in no_key.json()["detail"][0]["msg"]
    assert "The execution date cannot be in the past." in past.json()["detail"][0]["msg"]
    assert missing_programme.status_code == 404
    assert not PaymentBatch.objects.exists()
    assert receivable(booking.provider_id) == booking.amount

    # The key in the body works as well as the header; then nothing is left to pay.
    assert post(client, "/batches", {"idempotency_key": KEY}).status_code == 201
    nothing = post(client, "/batches", {"idempotency_key": "another-key-of-the-client"})
    assert nothing.status_code == 409
    assert "Nothing is due" in nothing.json()["detail"]
    assert PaymentBatch.objects.count() == 1


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.OFFICER])
def test_other_roles_cannot_build_a_batch_and_nothing_moves(client_for, role):
    booking = settled_booking()
    user = ParticipantFactory() if role == Role.PARTICIPANT else b.officer()
    response = post(client_for(user), "/batches", {"idempotency_key": KEY})
    assert response.status_code == 403
    assert not PaymentBatch.objects.exists()
    assert receivable(booking.provider_id) == booking.amount


def test_a_batch_from_approval_by_a_second_person_to_paid(client_for):
    builder, second = b.operator(), b.operator()
    batch = built_batch(builder)
    mine = client_for(builder)

    own = post(mine, f"/batches/{batch.pk}/approval")
    assert own.status_code == 403
    assert polish("The person who built a batch cannot approve it.") in own.json()["detail"]
    assert mine.get(f"{API}/batches/{batch.pk}/approval").json()["approval_conflict"] == "builder"
    batch.refresh_from_db()
    assert (batch.status, batch.approved_by) == (BatchStatus.DRAFT, None)

    client = client_for(second)
    shown = client.get(f"{API}/batches/{batch.pk}").json()
    approved = post(client, f"/batches/{batch.pk}/approval")
    twice = post(client, f"/batches/{batch.pk}/approval")
    batch.refresh_from_db()
    assert shown["approval_conflict"] is None
    assert [line["amount"] for line in shown["lines"]] == [Money(batch.total).api_str()]
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert (batch.status, batch.approved_by) == (BatchStatus.APPROVED, second)
    assert twice.status_code == 409
    assert polish("Only a batch waiting for approval can be approved.") in twice.json()["detail"]

    # No call marks a batch paid: the bank's statement does.
    assert post(client, f"/batches/{batch.pk}/payment").status_code == 405
    sent = post(client, f"/batches/{batch.pk}/dispatch")
    batch.refresh_from_db()
    assert sent.json()["sent_at"] is not None
    assert batch.status == BatchStatus.SENT
    statement = b.statement_of(b.bank_entries(batch))
    paid = client.post(f"{API}/statements", {"file": SimpleUploadedFile("w.xml", statement)})
    paid_again = client.post(f"{API}/statements", {"file": SimpleUploadedFile("w.xml", statement)})
    batch.refresh_from_db()
    assert paid.json()["batches_paid"] == [batch.reference]
    assert (paid.json()["created"], paid_again.json()["created"]) == (True, False)
    assert client.get(f"{API}/batches/{batch.pk}/payment").json()["status"] == "paid"
    assert batch.status == BatchStatus.PAID
    assert LedgerTransaction.objects.filter(kind=TransactionKind.PAY, batch=batch).count() == 1
    cancel = post(client, f"/batches/{batch.pk}/cancellation")
    assert cancel.status_code == 409
    assert polish("A batch sent to the bank cannot be cancelled.") in cancel.json()["detail"]
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PAID
    assert ledger_violations() == []


def test_an_officer_may_approve_a_batch_but_not_send_pay_or_cancel_it(client_for):
    batch = built_batch(b.operator())
    officer = b.officer()
    client = client_for(officer)

    assert client.get(f"{API}/batches/{batch.pk}").status_code == 403
    approved = post(client, f"/batches/{batch.pk}/approval")
    refused = [post(client, f"/batches/{batch.pk}/{action}") for action in ("dispatch", "cancellation")]
    upload = client.post(f"{API}/statements", {"file": SimpleUploadedFile("w.xml", b.statement_of([]))})

    assert approved.status_code == 200
    assert [r.status_code for r in refused] == [403, 403]
    assert upload.status_code == 403
    batch.refresh_from_db()
    assert (batch.status, batch.approved_by, batch.sent_at) == (BatchStatus.APPROVED, officer, None)


def test_a_participant_cannot_approve_and_the_batch_waits(client_for):
    batch = built_batch(b.operator())
    response = post(client_for(ParticipantFactory()), f"/batches/{batch.pk}/approval")
    assert response.status_code == 403
    batch.refresh_from_db()
    assert (batch.status, batch.approved_by) == (BatchStatus.DRAFT, None)


def test_cancelling_a_batch_returns_the_receivables_once(client_for):
    batch = built_batch(b.operator())
    line = batch.lines.get()
    client = client_for(b.operator())

    cancelled = post(client, f"/batches/{batch.pk}/cancellation")
    again = post(client, f"/batches/{batch.pk}/cancellation")

    assert cancelled.status_code == 200
    assert cancelled.json()["cancelled_at"] is not None
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED
    assert receivable(line.provider_id) == line.amount
    assert again.status_code == 409
    assert LedgerTransaction.objects.filter(kind=TransactionKind.BATCH_CANCEL).count() == 1
    assert ledger_violations() == []


@pytest.mark.parametrize("action", ["approval", "dispatch", "payment", "cancellation"])
def test_an_action_on_a_missing_batch_is_404(client_for, action):
    client = client_for(b.operator())
    if action != "payment":  # paid is the bank statement's to say: no POST
        assert post(client, f"/batches/999999/{action}").status_code == 404
    assert client.get(f"{API}/batches/999999/{action}").status_code == 404


def test_the_csv_of_a_batch_is_audited_and_only_for_operators(client_for):
    batch = built_batch(b.operator())
    line = batch.lines.get()
    operator = b.operator()

    assert client_for(b.officer()).get(f"{API}/batches/{batch.pk}/csv").status_code == 403
    assert not AuditEvent.objects.filter(action="vouchers.batch_csv_downloaded").exists()
    client = client_for(operator)
    response = client.get(f"{API}/batches/{batch.pk}/csv")
    missing = client.get(f"{API}/batches/999999/csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="{batch.reference}.csv"'
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    cells = rows[1].split(";")
    assert (cells[2], cells[3]) == (line.iban, pain001.amount_csv(line.amount))
    event = AuditEvent.objects.get(action="vouchers.batch_csv_downloaded")
    assert (event.actor, event.object_id) == (operator, str(batch.pk))
    assert missing.status_code == 404


# --- financial operator: reconciliation ---------------------------------------------------------


def test_the_reconciliation_agrees_after_a_payment_round(client_for):
    builder, second = b.operator(), b.operator()
    batch = built_batch(builder)
    services.batch_approve(batch_id=batch.pk, actor=Actor.of(second))
    services.batch_mark_sent(batch_id=batch.pk, actor=Actor.of(builder))
    b.bank_confirms(batch, builder)
    client = client_for(builder)

    body = client.get(f"{API}/reconciliation").json()

    assert body["balanced"] is True
    assert body["programme_id"] == batch.programme_id
    assert body["totals"]["paid_out"] == Money(batch.total).api_str()
    assert body["totals"]["issued"] == Money(180 * 1500).api_str()
    assert {check["difference"] for check in body["checks"]} == {"0.00"}
    assert len(body["checks"]) == 6
    assert [(row["reference"], row["status"], row["difference"]) for row in body["batches"]] == [
        (batch.reference, "paid", "0.00")
    ]
    assert body["violations"] == []


def test_the_reconciliation_is_for_operators_of_a_programme_that_exists(client_for):
    assert client_for(b.officer()).get(f"{API}/reconciliation").status_code == 403
    assert client_for(b.operator()).get(f"{API}/reconciliation", {"programme_id": 999999}).status_code == 404


# --- officer: frozen bookings -------------------------------------------------------------------


def test_officer_lists_frozen_bookings_and_voids_one_with_a_reason(client_for):
    booking = frozen_booking()
    client = client_for(b.officer())

    [listed] = client.get(f"{API}/frozen-bookings").json()
    blank = post(client, f"/bookings/{booking.pk}/void", {"reason": ""})
    voided = post(client, f"/bookings/{booking.pk}/void", {"reason": "Zgłoszenie potwierdzone."})
    again = post(client, f"/bookings/{booking.pk}/void", {"reason": "Jeszcze raz."})

    assert (listed["booking_id"], listed["frozen_from"], listed["last_note"]) == (
        booking.pk,
        "requested",
        "not me",
    )
    assert blank.status_code == 422
    assert voided.status_code == 200
    assert voided.json()["status"] == "cancelled"
    assert voided.json()["last_note"] == "Zgłoszenie potwierdzone."
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    account = booking.voucher_account
    account.account.refresh_from_db()
    assert account.account.balance == account.issued_value
    assert again.status_code == 409
    assert client.get(f"{API}/frozen-bookings").json() == []
    assert ledger_violations() == []


def test_officer_restores_a_frozen_booking_once(client_for):
    booking = frozen_booking()
    client = client_for(b.officer())

    restored = post(client, f"/bookings/{booking.pk}/restoration", {"note": "W porządku."})
    again = post(client, f"/bookings/{booking.pk}/restoration", {})

    assert restored.status_code == 200
    booking.refresh_from_db()
    assert (booking.status, booking.frozen_from) == ("requested", "")
    assert booking.events.last().note == "W porządku."
    assert again.status_code == 409
    assert polish("Only a frozen booking can be restored.") in again.json()["detail"]
    assert client.get(f"{API}/bookings/{booking.pk}/restoration").json()["status"] == "requested"


def test_a_missing_booking_is_404_for_the_officer(client_for):
    client = client_for(b.officer())
    assert post(client, "/bookings/999999/void", {"reason": "Nie."}).status_code == 404
    assert post(client, "/bookings/999999/restoration", {}).status_code == 404
    assert client.get(f"{API}/bookings/999999/void").status_code == 404


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.FINANCIAL_OPERATOR])
def test_other_roles_cannot_void_or_restore_and_the_booking_stays_frozen(client_for, role):
    booking = frozen_booking()
    user = ParticipantFactory() if role == Role.PARTICIPANT else b.operator()
    client = client_for(user)
    assert client.get(f"{API}/frozen-bookings").status_code == 403
    assert post(client, f"/bookings/{booking.pk}/void", {"reason": "Nie."}).status_code == 403
    assert post(client, f"/bookings/{booking.pk}/restoration", {}).status_code == 403
    booking.refresh_from_db()
    assert (booking.status, booking.frozen_from) == ("frozen", "requested")


# --- officer: lifting a payout freeze -----------------------------------------------------------


def test_officer_lifts_a_freeze_and_an_operator_cannot(client_for):
    provider = b.quality_provider()
    officer = b.officer()
    services.payout_freeze(provider_id=provider.pk, actor=Actor.of(officer), reason="Kontrola.")
    url = f"{API}/freezes/{provider.pk}"

    assert client_for(b.operator()).delete(url).status_code == 403
    freeze = PayoutFreeze.objects.get()
    assert freeze.lifted_at is None

    client = client_for(officer)
    assert client.get(url).json()["reason"] == "Kontrola."
    lifted = client.delete(url)
    again = client.delete(url)

    assert lifted.status_code == 204
    freeze.refresh_from_db()
    assert (freeze.lifted_at is not None, freeze.lifted_by) == (True, officer)
    assert again.status_code == 204
    assert client.get(url).status_code == 404
    assert client.get(f"{API}/freezes").json() == []
    assert client.delete(f"{API}/freezes/999999").status_code == 404
