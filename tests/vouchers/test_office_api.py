"""The vouchers office API: operators list and issue orders (once per key), run the settlement and
read batches and their bank file; officers freeze payouts and claw back; everybody else gets a
4xx JSON body and nothing changes."""

from __future__ import annotations

import io

import pytest
import xmlschema
from django.test import Client

from kierunek.accounts.models import Role
from kierunek.vouchers import pain001, services
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import (
    LedgerTransaction,
    OrderStatus,
    PayoutFreeze,
    TransactionKind,
    VoucherAccount,
)
from tests.accounts.factories import ParticipantFactory
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db

API = "/api/v1/vouchers-office"
KEY = "a-key-of-the-client-0001"


@pytest.fixture
def client_for(login_staff):
    def _client(user) -> Client:
        client = Client()
        if user.role == Role.PARTICIPANT:
            client.force_login(user)
            return client
        return login_staff(client, user)

    return _client


def ordered():
    participant = b.participant_with_plan("general")
    return services.order_create(participant=participant, package_id=b.package("general").pk)


def settled_booking():
    booking = b.confirmed_and_evaluated(b.book(b.issued_account()))
    b.settle(booking)
    booking.refresh_from_db()
    return booking


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


def test_issuing_a_refused_order_is_a_409_with_a_message(client_for):
    order = ordered()
    operator = b.operator()
    services.order_refuse(order_id=order.pk, actor=operator, reason="Nie.")
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


def test_settlement_run_batches_and_the_bank_file(client_for):
    booking = b.confirmed_and_evaluated(b.book(b.issued_account()))
    waiting = b.completed(b.book(b.issued_account()))
    builder, second = b.operator(), b.operator()
    client = client_for(builder)

    preview = client.get(f"{API}/settlement-runs").json()
    assert preview["settleable"] == 1
    assert preview["skipped"] == {"not_confirmed": 1, "not_evaluated": 1}
    run = client.post(
        f"{API}/settlement-runs", {"idempotency_key": KEY}, content_type="application/json"
    ).json()
    assert run["settled"] == 1
    assert run["providers"] == 1
    assert run["amount"] == f"{booking.amount // 100}.{booking.amount % 100:02d}"
    assert run["skipped"] == {"not_confirmed": 1, "not_evaluated": 1}
    waiting.refresh_from_db()
    assert waiting.status == "completed"

    batch = services.batch_build(
        programme_id=booking.voucher_account.programme_id, actor=builder, idempotency_key=b.key("batch")
    )
    assert batch is not None
    [listed] = client.get(f"{API}/batches").json()
    assert (listed["reference"], listed["status"], listed["transfers"]) == (batch.reference, "draft", 1)

    early = client.get(f"{API}/batches/{batch.pk}/file")
    assert early.status_code == 409
    assert "zatwierdzi" in early.json()["detail"]  # Polish, as every page and answer

    services.batch_approve(batch_id=batch.pk, actor=second)
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
