"""Bank statements through the services: entries matched to the transfers of payment batches by
end-to-end id, a batch paid only when the bank confirmed every transfer (matched or resolved by a
person), the same statement uploaded twice changing nothing, what is left for a person (and their
decisions, audited), the matcher registry, and who may do it."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.vouchers import services, statement_matchers
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import (
    AccountKind,
    BankStatement,
    BatchStatus,
    EntryState,
    LedgerAccount,
    LedgerTransaction,
    StatementEntry,
    TransactionKind,
)
from kierunek.vouchers.statement_samples import SampleEntry
from tests.accounts.factories import ParticipantFactory
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db


def sent_batch(providers: int = 1):
    """A batch of ``providers`` transfers, approved and sent to the bank."""
    builder = b.operator()
    for _ in range(providers):
        b.settled_booking()
    batch = services.batch_build(
        programme_id=b.package().programme_id,
        actor=Actor.of(builder),
        idempotency_key=b.key("batch"),
        execution_date=timezone.localdate(),
    )
    assert batch is not None
    assert batch.lines.count() == providers
    services.batch_approve(batch_id=batch.pk, actor=Actor.of(b.operator()))
    services.batch_mark_sent(batch_id=batch.pk, actor=Actor.of(builder))
    batch.refresh_from_db()
    return batch


def upload(content: bytes, operator=None):
    return services.statement_upload(
        actor=Actor.of(operator or b.operator()), content=content, filename="w.xml"
    )


def paid_out(batch) -> int:
    account = LedgerAccount.objects.filter(programme_id=batch.programme_id, kind=AccountKind.PAID_OUT).first()
    return account.balance if account is not None else 0


def test_a_statement_with_every_transfer_matches_them_by_end_to_end_id_and_pays_the_batch():
    batch = sent_batch(providers=2)
    operator = b.operator()

    result = upload(b.statement_of(b.bank_entries(batch)), operator)

    batch.refresh_from_db()
    assert (result.created, result.matched, result.unmatched) == (True, 2, 0)
    assert result.batches_paid == (batch.reference,)
    assert batch.status == BatchStatus.PAID
    lines = set(batch.lines.values_list("pk", flat=True))
    assert set(StatementEntry.objects.values_list("payment_line_id", flat=True)) == lines
    assert set(StatementEntry.objects.values_list("state", flat=True)) == {EntryState.MATCHED}
    assert paid_out(batch) == batch.total
    paid = AuditEvent.objects.get(action="vouchers.batch_paid")
    assert paid.actor is None  # the matching took the step, not a person
    assert paid.details["statement"] == result.statement.statement_id
    uploaded = AuditEvent.objects.get(action="vouchers.statement_uploaded")
    assert (uploaded.actor, uploaded.details["matched"]) == (operator, 2)
    assert ledger_violations() == []


def test_a_batch_partly_confirmed_stays_sent_until_the_rest_is_resolved_by_a_person():
    batch = sent_batch(providers=2)
    missing = batch.lines.order_by("pk").last()
    fee = SampleEntry(
        direction="debit", amount=500, booked_on=timezone.localdate(), title="Opłata za przelewy"
    )
    bank_says = [*b.bank_entries(batch, skip=1), fee]
    # The bank booked the last transfer without our reference, 1 grosz short (a bank error).
    other = SampleEntry(
        direction="debit",
        amount=missing.amount - 1,
        booked_on=timezone.localdate(),
        title="Przelew",
        name="?",
    )

    result = upload(b.statement_of([*bank_says, other]))

    batch.refresh_from_db()
    assert (result.matched, result.unmatched, result.batches_paid) == (1, 2, ())
    assert batch.status == BatchStatus.SENT
    assert paid_out(batch) == 0
    waiting = StatementEntry.objects.filter(state=EntryState.UNMATCHED).order_by("position")
    assert [e.amount for e in waiting] == [500, missing.amount - 1]

    operator = b.operator()
    services.statement_entry_ignore(
        entry_id=waiting[0].pk, actor=Actor.of(operator), reason="Opłata bankowa."
    )
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SENT
    services.statement_entry_resolve(
        entry_id=waiting[1].pk,
        actor=Actor.of(operator),
        note="Bank potwierdził telefonicznie, brak 1 gr wyjaśniany.",
        end_to_end_id=missing.end_to_end_id,
    )

    batch.refresh_from_db()
    assert batch.status == BatchStatus.PAID
    assert paid_out(batch) == batch.total  # the ledger pays what it owes; the report shows the grosz
    resolved = StatementEntry.objects.get(pk=waiting[1].pk)
    assert (resolved.state, resolved.payment_line, resolved.decided_by) == (
        EntryState.RESOLVED,
        missing,
        operator,
    )
    assert AuditEvent.objects.filter(action="vouchers.statement_entry_resolved", actor=operator).count() == 1
    assert AuditEvent.objects.filter(action="vouchers.statement_entry_ignored", actor=operator).count() == 1
    assert ledger_violations() == []


def test_a_transfer_booked_for_another_amount_waits_for_a_person_with_the_reason():
    batch = sent_batch()
    line = batch.lines.get()
    wrong = SampleEntry(
        direction="debit",
        amount=line.amount + 100,
        booked_on=timezone.localdate(),
        end_to_end_id=line.end_to_end_id,
    )

    result = upload(b.statement_of([wrong]))

    entry = StatementEntry.objects.get()
    assert (result.matched, entry.state, entry.payment_line) == (0, EntryState.UNMATCHED, None)
    assert line.end_to_end_id in entry.unmatched_reason
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SENT


def test_the_same_statement_uploaded_twice_changes_nothing():
    batch = sent_batch()
    content = b.statement_of(b.bank_entries(batch))
    first = upload(content)
    counts = (
        BankStatement.objects.count(),
        StatementEntry.objects.count(),
        LedgerTransaction.objects.count(),
        AuditEvent.objects.count(),
    )

    again = upload(content)

    assert (again.created, again.statement) == (False, first.statement)
    assert counts == (
        BankStatement.objects.count(),
        StatementEntry.objects.count(),
        LedgerTransaction.objects.count(),
        AuditEvent.objects.count(),
    )


def test_another_file_under_the_same_statement_id_is_refused_and_changes_nothing():
    batch = sent_batch()
    upload(b.statement_of(b.bank_entries(batch), statement_id="2026/1"))
    changed = b.statement_of(
        [*b.bank_entries(batch), SampleEntry("credit", 1, timezone.localdate())], statement_id="2026/1"
    )

    with pytest.raises(ValidationError, match="2026/1"):
        upload(changed)

    assert StatementEntry.objects.count() == 1


def test_a_transfer_already_confirmed_is_not_confirmed_twice():
    batch = sent_batch()
    upload(b.statement_of(b.bank_entries(batch)))

    second = upload(b.statement_of(b.bank_entries(batch)))  # another statement id, the same transfer

    entry = second.statement.entries.get()
    assert entry.state == EntryState.UNMATCHED
    assert entry.unmatched_reason  # the batch is paid already, or the transfer confirmed
    assert LedgerTransaction.objects.filter(kind=TransactionKind.PAY, batch=batch).count() == 1


def test_a_draft_batch_is_not_paid_by_a_statement():
    batch = b.built_batch(b.operator())

    upload(b.statement_of(b.bank_entries(batch)))

    batch.refresh_from_db()
    assert batch.status == BatchStatus.DRAFT
    assert StatementEntry.objects.get().state == EntryState.UNMATCHED


def test_an_approved_batch_booked_by_the_bank_is_paid_and_recorded_as_sent():
    builder = b.operator()
    batch = b.built_batch(builder)
    services.batch_approve(batch_id=batch.pk, actor=Actor.of(b.operator()))

    upload(b.statement_of(b.bank_entries(batch)))

    batch.refresh_from_db()
    assert batch.status == BatchStatus.PAID
    assert batch.sent_at is not None


def test_a_failure_while_matching_leaves_nothing_half_written(monkeypatch):
    batch = sent_batch()

    def broken(entry):
        raise RuntimeError("a matcher broke")

    monkeypatch.setattr(statement_matchers, "STATEMENT_MATCHERS", [*statement_matchers.STATEMENT_MATCHERS])
    statement_matchers.statement_matcher_register("test.broken", "credit", broken)
    content = b.statement_of([*b.bank_entries(batch), SampleEntry("credit", 100, timezone.localdate())])

    with pytest.raises(RuntimeError):
        upload(content)

    batch.refresh_from_db()
    assert batch.status == BatchStatus.SENT
    assert not BankStatement.objects.exists()
    assert not StatementEntry.objects.exists()


def test_a_registered_credit_matcher_is_tried_after_the_transfers_and_its_confirm_runs(monkeypatch):
    """The registry the own contribution plugs into: ``(entry) -> object | None`` in order."""
    monkeypatch.setattr(statement_matchers, "STATEMENT_MATCHERS", [*statement_matchers.STATEMENT_MATCHERS])
    participant = ParticipantFactory()
    confirmed = []

    def contribution_match(*, title, amount, booked_on, bank_reference):
        return participant if title.startswith("KRN-WKL-") and amount == 10_450 else None

    statement_matchers.statement_matcher_register(
        "test.contribution",
        statement_matchers.CREDIT,
        statement_matchers.by_title_and_amount(contribution_match),
        confirm=lambda entry, obj, actor: confirmed.append((entry.pk, obj.pk)),
        describe=lambda obj: "wkład własny",
    )
    assert statement_matchers.STATEMENT_MATCHERS[0].key == "vouchers.payment_line"
    batch = sent_batch()
    day = timezone.localdate()
    content = b.statement_of(
        [
            *b.bank_entries(batch),
            SampleEntry("credit", 10_450, day, title="KRN-WKL-000123 wklad wlasny"),
            SampleEntry("credit", 10_451, day, title="KRN-WKL-000123 wklad wlasny"),
        ]
    )

    result = upload(content)

    matched = StatementEntry.objects.get(amount=10_450)
    assert (result.matched, result.unmatched) == (2, 1)
    assert (matched.state, matched.matched_kind, matched.matched_id) == (
        EntryState.MATCHED,
        "test.contribution",
        participant.pk,
    )
    assert matched.matched_label == "wkład własny"
    assert confirmed == [(matched.pk, participant.pk)]


def test_matching_again_matches_an_entry_whose_transfer_was_sent_later():
    builder = b.operator()
    batch = b.built_batch(builder)
    upload(b.statement_of(b.bank_entries(batch)))  # the bank booked it before the batch was approved
    services.batch_approve(batch_id=batch.pk, actor=Actor.of(b.operator()))

    assert services.statement_entries_rematch(actor=Actor.of(b.operator())) == 1

    batch.refresh_from_db()
    assert batch.status == BatchStatus.PAID
    assert AuditEvent.objects.filter(action="vouchers.statement_entry_matched").count() == 1


def test_a_decision_needs_a_reason_and_only_one_target():
    batch = sent_batch()
    upload(b.statement_of([SampleEntry("debit", 7, timezone.localdate(), title="?")]))
    entry = StatementEntry.objects.get()
    actor = Actor.of(b.operator())

    with pytest.raises(ValidationError):
        services.statement_entry_ignore(entry_id=entry.pk, actor=actor, reason=" ")
    with pytest.raises(ValidationError):
        services.statement_entry_resolve(entry_id=entry.pk, actor=actor, note="x", end_to_end_id="", other="")
    with pytest.raises(ValidationError):
        services.statement_entry_resolve(entry_id=entry.pk, actor=actor, note="x", end_to_end_id="NOPE")
    line = batch.lines.get()
    with pytest.raises(ValidationError):
        services.statement_entry_resolve(
            entry_id=entry.pk, actor=actor, note="x", end_to_end_id=line.end_to_end_id, other="both"
        )
    entry.refresh_from_db()
    assert entry.state == EntryState.UNMATCHED
    services.statement_entry_resolve(entry_id=entry.pk, actor=actor, note="Zwrot nadpłaty.", other="Zwrot")
    with pytest.raises(ValidationError):
        services.statement_entry_ignore(entry_id=entry.pk, actor=actor, reason="Znowu.")


@pytest.mark.parametrize("role_user", ["officer", "participant"])
def test_only_a_financial_operator_uploads_and_decides(role_user):
    batch = sent_batch()
    user = b.officer() if role_user == "officer" else ParticipantFactory()
    content = b.statement_of(b.bank_entries(batch))

    with pytest.raises(PermissionDenied):
        services.statement_upload(actor=Actor.of(user), content=content, filename="w.xml")
    assert not BankStatement.objects.exists()
    upload(b.statement_of([SampleEntry("debit", 7, timezone.localdate() - timedelta(days=1))]))
    entry = StatementEntry.objects.get()
    with pytest.raises(PermissionDenied):
        services.statement_entry_ignore(entry_id=entry.pk, actor=Actor.of(user), reason="x")
    with pytest.raises(PermissionDenied):
        services.statement_entry_resolve(entry_id=entry.pk, actor=Actor.of(user), note="x", other="y")
    entry.refresh_from_db()
    assert entry.state == EntryState.UNMATCHED
