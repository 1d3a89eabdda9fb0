"""The bank statements' API: an operator uploads with a bearer token (no CSRF) or a session
(CSRF checked), reads the statements and the queue, resolves and ignores entries, and reads the
reconciliation with the bank; other roles are refused and nothing changes."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from kierunek.accounts.services import api_token_create
from kierunek.core.actor import Actor
from kierunek.vouchers import services
from kierunek.vouchers.models import BankStatement, BatchStatus, EntryState, StatementEntry
from kierunek.vouchers.statement_samples import SampleEntry
from tests.accounts.factories import ParticipantFactory
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db
API = "/api/v1/vouchers-office"


def sent_batch():
    builder = b.operator()
    batch = b.built_batch(builder)
    services.batch_approve(batch_id=batch.pk, actor=Actor.of(b.operator()))
    services.batch_mark_sent(batch_id=batch.pk, actor=Actor.of(builder))
    return batch


def test_an_operator_with_a_token_uploads_and_the_queue_is_resolved_over_the_api():
    batch = sent_batch()
    operator = b.operator()
    token = api_token_create(user=operator, name="bank").secret
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})
    fee = SampleEntry("debit", 250, timezone.localdate(), title="Opłata")
    content = b.statement_of([*b.bank_entries(batch), fee])

    uploaded = client.post(f"{API}/statements", {"file": SimpleUploadedFile("w.xml", content)})
    waiting = client.get(f"{API}/statement-entries").json()
    ignored = client.post(
        f"{API}/statement-entries/{waiting[0]['id']}/ignoring",
        {"reason": "Opłata bankowa."},
        content_type="application/json",
    )
    detail = client.get(f"{API}/statements/{uploaded.json()['statement']['id']}").json()
    report = client.get(f"{API}/bank-reconciliation").json()

    assert uploaded.status_code == 200, uploaded.content
    assert uploaded.json()["batches_paid"] == [batch.reference]
    assert [(e["amount"], e["state"]) for e in waiting] == [("2.50", "unmatched")]
    assert (ignored.status_code, ignored.json()["state"]) == (200, "ignored")
    assert [e["state"] for e in detail["items"]] == ["matched", "ignored"]
    assert report["balanced"] is True
    assert report["batches"][0]["difference"] == "0.00"
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PAID


def test_a_resolution_over_the_api_pays_the_batch_and_a_refusal_is_409(client_for):
    batch = sent_batch()
    line = batch.lines.get()
    services.statement_upload(
        actor=Actor.of(b.operator()),
        content=b.statement_of([SampleEntry("debit", line.amount, timezone.localdate(), title="?")]),
        filename="w.xml",
    )
    entry = StatementEntry.objects.get()
    client = client_for(b.operator())
    url = f"{API}/statement-entries/{entry.pk}/resolution"

    wrong = client.post(url, {"note": "x", "end_to_end_id": "NOPE"}, content_type="application/json")
    done = client.post(
        url, {"note": "Bez referencji.", "end_to_end_id": line.end_to_end_id}, content_type="application/json"
    )
    again = client.post(url, {"note": "x", "other": "y"}, content_type="application/json")

    assert wrong.status_code == 409
    assert (done.status_code, done.json()["state"]) == (200, "resolved")
    assert client.get(url).json()["note"] == "Bez referencji."
    assert client.get(f"{API}/statement-entries/999999/resolution").status_code == 404
    assert again.status_code == 409
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PAID


def test_an_invalid_file_is_409_with_the_reason_and_nothing_is_stored(client_for):
    response = client_for(b.operator()).post(
        f"{API}/statements", {"file": SimpleUploadedFile("w.xml", b"<x/>")}
    )
    assert response.status_code == 409
    assert "camt.053" in response.json()["detail"]
    assert not BankStatement.objects.exists()


@pytest.mark.parametrize("who", ["officer", "participant"])
def test_other_roles_are_refused_and_nothing_changes(client_for, who):
    services.statement_upload(
        actor=Actor.of(b.operator()),
        content=b.statement_of([SampleEntry("debit", 250, timezone.localdate(), title="?")]),
        filename="w.xml",
    )
    entry = StatementEntry.objects.get()
    client = client_for(b.officer() if who == "officer" else ParticipantFactory())

    reads = [
        client.get(f"{API}/{path}").status_code
        for path in ("statements", "statement-entries", "bank-reconciliation")
    ]
    ignore = client.post(
        f"{API}/statement-entries/{entry.pk}/ignoring", {"reason": "x"}, content_type="application/json"
    )
    upload = client.post(f"{API}/statements", {"file": SimpleUploadedFile("w.xml", b.statement_of([]))})

    assert reads == [403, 403, 403]
    assert (ignore.status_code, upload.status_code) == (403, 403)
    entry.refresh_from_db()
    assert entry.state == EntryState.UNMATCHED
    assert BankStatement.objects.count() == 1
