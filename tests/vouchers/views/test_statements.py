"""The operator's bank statement pages: upload (a valid statement, an invalid one shown on the
form, the same one again), the statement, the queue with resolve and ignore (asked first), the
reconciliation with the bank (page and CSV, audited), and access by role and by object."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.vouchers import services
from kierunek.vouchers.models import BankStatement, BatchStatus, EntryState, StatementEntry
from kierunek.vouchers.statement_samples import SampleEntry
from tests.accounts.factories import ParticipantFactory
from tests.pages import shows, text
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db


def sent_batch():
    builder = b.operator()
    batch = b.built_batch(builder)
    services.batch_approve(batch_id=batch.pk, actor=Actor.of(b.operator()))
    services.batch_mark_sent(batch_id=batch.pk, actor=Actor.of(builder))
    batch.refresh_from_db()
    return batch


def file_of(content: bytes, name: str = "wyciag.xml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/xml")


def test_an_operator_uploads_a_statement_and_the_batch_becomes_paid(client_for):
    batch = sent_batch()
    client = client_for(b.operator())
    content = b.statement_of(b.bank_entries(batch))

    response = client.post(reverse("vouchers:operator_statements"), {"file": file_of(content)}, follow=True)

    statement = BankStatement.objects.get()
    assert response.redirect_chain[-1][0] == reverse("vouchers:operator_statement", args=[statement.pk])
    assert shows(
        response,
        "Statement %(id)s is read: %(matched)s entries matched, %(waiting)s to resolve.",
        id=statement.statement_id,
        matched=1,
        waiting=0,
    )
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PAID
    assert batch.lines.get().end_to_end_id in text(response)

    again = client.post(reverse("vouchers:operator_statements"), {"file": file_of(content)}, follow=True)
    assert shows(again, "Statement %(id)s was uploaded before: nothing changed.", id=statement.statement_id)
    assert StatementEntry.objects.count() == 1


def test_an_invalid_statement_is_explained_on_the_form_and_nothing_is_stored(client_for):
    client = client_for(b.operator())
    content = b.statement_of([]).replace(b"<Ccy>PLN</Ccy>", b"<Ccy>PLNX</Ccy>")

    response = client.post(reverse("vouchers:operator_statements"), {"file": file_of(content)})

    assert response.status_code == 400
    assert "camt.053" in text(response)
    assert not BankStatement.objects.exists()


def test_an_unmatched_entry_is_resolved_after_the_operator_confirms(client_for):
    batch = sent_batch()
    line = batch.lines.get()
    bank = SampleEntry("debit", line.amount, timezone.localdate(), title="Przelew bez referencji", name="?")
    services.statement_upload(actor=Actor.of(b.operator()), content=b.statement_of([bank]), filename="w.xml")
    entry = StatementEntry.objects.get()
    client = client_for(b.operator())

    queue = client.get(reverse("vouchers:operator_statement_queue"))
    assert reverse("vouchers:operator_statement_entry", args=[entry.pk]) in text(queue)
    page = client.get(reverse("vouchers:operator_statement_entry", args=[entry.pk]))
    assert page.status_code == 200
    url = reverse("vouchers:operator_statement_entry_resolve", args=[entry.pk])
    posted = {"end_to_end_id": line.end_to_end_id, "other": "", "note": "Bank zgubił referencję."}
    asked = client.post(url, posted)
    assert 'name="confirmed"' in text(asked)
    entry.refresh_from_db()
    assert entry.state == EntryState.UNMATCHED

    done = client.post(url, {**posted, "confirmed": "yes"}, follow=True)

    assert shows(done, "The entry is resolved.")
    entry.refresh_from_db()
    batch.refresh_from_db()
    assert (entry.state, entry.payment_line, batch.status) == (EntryState.RESOLVED, line, BatchStatus.PAID)


def test_ignoring_needs_a_reason_shown_on_the_form(client_for):
    services.statement_upload(
        actor=Actor.of(b.operator()),
        content=b.statement_of([SampleEntry("debit", 500, timezone.localdate(), title="Opłata")]),
        filename="w.xml",
    )
    entry = StatementEntry.objects.get()
    client = client_for(b.operator())
    url = reverse("vouchers:operator_statement_entry_ignore", args=[entry.pk])

    empty = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "Opłata bankowa."}, follow=True)

    assert empty.status_code == 400
    assert shows(done, "The entry is ignored.")
    entry.refresh_from_db()
    assert (entry.state, entry.note) == (EntryState.IGNORED, "Opłata bankowa.")


def test_the_reconciliation_with_the_bank_shows_each_batch_and_gives_an_audited_csv(client_for):
    batch = sent_batch()
    operator = b.operator()
    b.bank_confirms(batch, operator)
    client = client_for(operator)
    url = reverse("vouchers:operator_bank_reconciliation")

    page = client.get(url)
    csv = client.get(url, {"format": "csv"})

    assert page.context["result"].balanced
    [row] = page.context["result"].batches
    assert (row.ledger_paid, row.bank_amount, row.difference) == (batch.total, batch.total, 0)
    assert csv["Content-Type"].startswith("text/csv")
    assert batch.reference in csv.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action="vouchers.statement_report_downloaded", actor=operator).exists()


def test_the_operator_dashboard_counts_the_entries_to_resolve(client_for):
    services.statement_upload(
        actor=Actor.of(b.operator()),
        content=b.statement_of([SampleEntry("credit", 99, timezone.localdate(), title="?")]),
        filename="w.xml",
    )
    response = client_for(b.operator()).get(reverse("portal:dashboard"), follow=True)
    assert '<span id="work-statement-entries">1</span>' in text(response)


@pytest.mark.parametrize("who", ["officer", "participant"])
def test_other_roles_cannot_see_or_use_the_statement_pages(client_for, who):
    services.statement_upload(
        actor=Actor.of(b.operator()),
        content=b.statement_of([SampleEntry("debit", 500, timezone.localdate(), title="Opłata")]),
        filename="w.xml",
    )
    entry = StatementEntry.objects.get()
    client = client_for(b.officer() if who == "officer" else ParticipantFactory())

    for url in [
        reverse("vouchers:operator_statements"),
        reverse("vouchers:operator_statement", args=[entry.statement_id]),
        reverse("vouchers:operator_statement_queue"),
        reverse("vouchers:operator_statement_entry", args=[entry.pk]),
        reverse("vouchers:operator_bank_reconciliation"),
    ]:
        assert client.get(url).status_code == 403, url
    assert (
        client.post(
            reverse("vouchers:operator_statement_entry_ignore", args=[entry.pk]), {"reason": "x"}
        ).status_code
        == 403
    )
    assert client.post(reverse("vouchers:operator_statements"), {"file": file_of(b"x")}).status_code == 403
    entry.refresh_from_db()
    assert entry.state == EntryState.UNMATCHED


def test_a_missing_statement_or_entry_is_404(client_for):
    client = client_for(b.operator())
    assert client.get(reverse("vouchers:operator_statement", args=[999999])).status_code == 404
    assert client.get(reverse("vouchers:operator_statement_entry", args=[999999])).status_code == 404
    assert (
        client.post(
            reverse("vouchers:operator_statement_entry_ignore", args=[999999]), {"reason": "x"}
        ).status_code
        == 404
    )


def test_a_file_over_the_limit_is_refused_on_the_form(client_for):
    client = client_for(b.operator())
    content = b"<" + b" " * (5 * 1024 * 1024)

    response = client.post(reverse("vouchers:operator_statements"), {"file": file_of(content)})

    assert response.status_code == 400
    assert shows(response, "The file is too large. The limit is 5 MB.")
    assert not BankStatement.objects.exists()
