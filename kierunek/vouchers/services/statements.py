"""Bank statements: the financial operator uploads the bank's statement of the operator's account
(camt.053 or MT940, read by :mod:`..bank_files`); every entry is stored and tried against the
registered matchers (:mod:`..statement_matchers`: the transfers of payment batches by end-to-end
id, registered here, and whatever other contexts register, such as own contributions); what none
matches waits for a person, who resolves it (to a transfer, or to something else, with a note) or
ignores it (with the reason). A payment batch becomes paid when, and only when, every one of its
transfers is confirmed by an entry of the bank (matched or resolved): the ``pay`` transition is
the matching's, not a button's.

The same file uploaded again changes nothing (the bank's statement id and the account are
unique; the same hash returns the stored statement); a different file under the same id is
refused. An upload is one transaction: the statement, its entries, their matches, the batches it
pays and their ledger postings appear together or not at all."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.audit import audit_record
from kierunek.core.money import Money
from kierunek.core.permissions import require_role

from .. import bank_files, ledger
from ..audit_actions import VOUCHERS_STATEMENT_UPLOADED
from ..ledger import Leg
from ..models import (
    AccountKind,
    BankStatement,
    BatchStatus,
    EntryState,
    PaymentBatch,
    PaymentLine,
    StatementEntry,
    TransactionKind,
)
from ..payment_days import payment_days_after_paid
from ..statement_matchers import (
    DEBIT,
    EntryFacts,
    Found,
    NotMatched,
    statement_match,
    statement_matcher,
    statement_matcher_register,
)
from ..workflows import BATCH, STATEMENT_ENTRY

PAYMENT_LINE = "vouchers.payment_line"
OTHER = "other"
CONFIRMING = (EntryState.MATCHED, EntryState.RESOLVED)
PAYABLE_BATCH = (BatchStatus.APPROVED, BatchStatus.SENT)


# --- the transfers of payment batches ---------------------------------------------------------


def _line_refusal(line: PaymentLine, amount: int, *, entry_id: int | None = None) -> str | None:
    """Why this transfer cannot be confirmed by an entry of ``amount`` (None: it can)."""
    if line.batch.status not in PAYABLE_BATCH:
        return _("The transfer is in batch %(reference)s, which is %(status)s.") % {
            "reference": line.batch.reference,
            "status": line.batch.get_status_display(),
        }
    if line.amount != amount:
        return _("The transfer %(id)s was for %(expected)s, the bank booked %(booked)s.") % {
            "id": line.end_to_end_id,
            "expected": line.amount_money.format(),
            "booked": Money(amount).format(),
        }
    confirmed = StatementEntry.objects.filter(payment_line=line, state__in=CONFIRMING)
    if entry_id is not None:
        confirmed = confirmed.exclude(pk=entry_id)
    if confirmed.exists():
        return _("The transfer %(id)s is already confirmed by another entry of the bank.") % {
            "id": line.end_to_end_id
        }
    return None


def payment_line_find(entry: EntryFacts) -> PaymentLine | NotMatched | None:
    """A debit is the transfer whose end-to-end id it carries, for the same amount, of a batch
    the bank may have paid (approved or sent), not yet confirmed by another entry."""
    if not entry.end_to_end_id:
        return None
    line = PaymentLine.objects.select_related("batch").filter(end_to_end_id=entry.end_to_end_id).first()
    if line is None:
        return None
    refusal = _line_refusal(line, entry.amount)
    return NotMatched(refusal) if refusal else line


def _describe_line(line: PaymentLine) -> str:
    return f"{line.end_to_end_id} ({line.creditor_name})"


def statement_matchers_register() -> None:
    """Called from ``VouchersConfig.ready()``: the batches' transfers are tried first."""
    statement_matcher_register(PAYMENT_LINE, DEBIT, payment_line_find, describe=_describe_line)


# --- a batch paid -----------------------------------------------------------------------------


def _batch_pay_if_confirmed(batch_id: int, *, statement: BankStatement | None) -> bool:
    """Move the batch to paid (its total from ``in_payment`` to paid out) if every transfer of it
    is confirmed by the bank. True if it was paid now."""
    batch = PaymentBatch.objects.select_for_update().get(pk=batch_id)
    if batch.status not in PAYABLE_BATCH:
        return False
    confirmed = StatementEntry.objects.filter(payment_line=OuterRef("pk"), state__in=CONFIRMING)
    if batch.lines.filter(~Exists(confirmed)).exists():
        return False
    in_payment = ledger.programme_account(programme_id=batch.programme_id, kind=AccountKind.IN_PAYMENT)
    paid_out = ledger.programme_account(programme_id=batch.programme_id, kind=AccountKind.PAID_OUT)
    ledger.post(
        kind=TransactionKind.PAY,
        programme_id=batch.programme_id,
        idempotency_key=f"batch-paid:{batch.pk}",
        legs=[Leg(in_payment, -batch.total), Leg(paid_out, batch.total)],
        batch=batch,
        actor=None,
        memo=batch.reference,
    )
    now = timezone.now()
    batch.paid_at = now
    fields = ["paid_at"]
    if batch.sent_at is None:
        batch.sent_at = now
        fields.append("sent_at")
    BATCH.apply(
        batch,
        "pay",
        actor=SYSTEM,
        fields=fields,
        details={"statement": statement.statement_id if statement else None, "grosze": batch.total},
    )
    payment_days_after_paid(batch)
    return True


# --- upload -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementUploaded:
    statement: BankStatement
    created: bool  # False: the same file was uploaded before; nothing changed
    matched: int = 0
    unmatched: int = 0
    batches_paid: tuple[str, ...] = ()


def _apply_match(entry: StatementEntry, found: Found) -> None:
    if found.matcher.key == PAYMENT_LINE:
        entry.payment_line = found.obj
    else:
        entry.matched_kind = found.matcher.key
        entry.matched_id = getattr(found.obj, "pk", None)
    entry.matched_label = found.matcher.describe(found.obj)[:300]


def statement_upload(*, actor: Actor, content: bytes, filename: str) -> StatementUploaded:
    """Read, store and match one statement (see the module's docstring)."""
    require_role(actor.user, Role.FINANCIAL_OPERATOR)
    parsed = bank_files.statement_read(content, filename=filename)
    if not parsed.statement_id or not parsed.account:
        raise ValidationError(_("The statement has no id or no account number."))
    with transaction.atomic():
        existing = (
            BankStatement.objects.select_for_update()
            .filter(account=parsed.account, statement_id=parsed.statement_id)
            .first()
        )
        if existing is not None:
            if existing.sha256 != parsed.sha256:
                raise ValidationError(
                    _(
                        "Statement %(id)s of account %(account)s was already uploaded from a different file."
                        " A statement the bank corrected needs a person to check it: nothing was changed."
                    )
                    % {"id": parsed.statement_id, "account": parsed.account}
                )
            return StatementUploaded(statement=existing, created=False)
        statement = BankStatement.objects.create(
            statement_id=parsed.statement_id,
            account=parsed.account,
            file_format=parsed.file_format,
            file_name=(filename or "")[:200],
            sha256=parsed.sha256,
            created_on_bank=parsed.created if parsed.created and parsed.created.tzinfo else None,
            period_from=parsed.period_from,
            period_to=parsed.period_to,
            opening_balance=parsed.opening_balance,
            closing_balance=parsed.closing_balance,
            uploaded_by=actor.user,
        )
        matched = unmatched = 0
        batch_ids: set[int] = set()
        for position, facts in enumerate(parsed.entries, start=1):
            result = statement_match(facts)
            entry = StatementEntry(
                statement=statement,
                position=position,
                direction=facts.direction,
                amount=facts.amount,
                booked_on=facts.booked_on,
                end_to_end_id=facts.end_to_end_id,
                bank_reference=facts.bank_reference,
                title=facts.title,
                counterparty_name=facts.counterparty_name,
                counterparty_account=facts.counterparty_account,
                # Created in the state the matching found; later moves go through the workflow.
                state=EntryState.MATCHED if isinstance(result, Found) else EntryState.UNMATCHED,
                unmatched_reason=result.reason[:300] if isinstance(result, NotMatched) else "",
            )
            if isinstance(result, Found):
                _apply_match(entry, result)
            entry.save()
            if isinstance(result, Found):
                matched += 1
                if result.matcher.confirm is not None:
                    result.matcher.confirm(entry, result.obj, actor)
                if entry.payment_line_id is not None:
                    batch_ids.add(result.obj.batch_id)
            else:
                unmatched += 1
        paid = tuple(
            PaymentBatch.objects.get(pk=batch_id).reference
            for batch_id in sorted(batch_ids)
            if _batch_pay_if_confirmed(batch_id, statement=statement)
        )
        audit_record(
            action=VOUCHERS_STATEMENT_UPLOADED,
            actor=actor,
            obj=statement,
            details={
                "format": statement.file_format,
                "entries": matched + unmatched,
                "matched": matched,
                "unmatched": unmatched,
                "batches_paid": list(paid),
            },
        )
    return StatementUploaded(
        statement=statement, created=True, matched=matched, unmatched=unmatched, batches_paid=paid
    )


# --- a person's decisions -----------------------------------------------------------------------


def _locked_entry(entry_id: int) -> StatementEntry:
    return StatementEntry.objects.select_for_update().select_related("statement").get(pk=entry_id)


def _note_required(note: str, field: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ValidationError({field: _("Say why: the note is kept with the entry.")})
    return note


def statement_entry_resolve(
    *,
    entry_id: int,
    actor: Actor,
    note: str,
    end_to_end_id: str = "",
    other: str = "",
) -> StatementEntry:
    """A person matches an entry the matching left: to a transfer of a batch (by its end-to-end
    id; a different amount is allowed, the note says why, and the reconciliation shows the
    difference) or to something else (``other``: what it is). A transfer confirmed this way
    counts for its batch like a matched one."""
    require_role(actor.user, Role.FINANCIAL_OPERATOR)
    note = _note_required(note, "note")
    end_to_end_id, other = end_to_end_id.strip(), other.strip()
    if bool(end_to_end_id) == bool(other):
        raise ValidationError(
            _("Give either the transfer's reference or what else the entry is, one of them.")
        )
    with transaction.atomic():
        entry = _locked_entry(entry_id)
        if entry.state != EntryState.UNMATCHED:
            raise ValidationError(_("This entry is no longer waiting to be resolved."))
        if end_to_end_id:
            if entry.direction != DEBIT:
                raise ValidationError(
                    _("Only money that left the account can be a transfer of a payment batch.")
                )
            line = PaymentLine.objects.select_related("batch").filter(end_to_end_id=end_to_end_id).first()
            if line is None:
                raise ValidationError(
                    {"end_to_end_id": _("No transfer of a payment batch has this reference.")}
                )
            refusal = _line_refusal(line, line.amount, entry_id=entry.pk)  # the amount may differ
            if refusal:
                raise ValidationError({"end_to_end_id": refusal})
            entry.payment_line = line
            entry.matched_label = _describe_line(line)
        else:
            entry.matched_kind = OTHER
            entry.matched_label = other[:300]
        entry.note = note
        entry.decided_by = actor.user
        entry.decided_at = timezone.now()
        STATEMENT_ENTRY.apply(
            entry,
            "resolve",
            actor=actor,
            fields=["payment_line", "matched_kind", "matched_label", "note", "decided_by", "decided_at"],
            details={"matched": entry.matched_label, "note": note},
        )
        if entry.payment_line_id is not None:
            _batch_pay_if_confirmed(entry.payment_line.batch_id, statement=entry.statement)  # type: ignore[union-attr]
    return entry


def statement_entry_ignore(*, entry_id: int, actor: Actor, reason: str) -> StatementEntry:
    """A person sets aside an entry that concerns nothing Kierunek pays or receives (bank fees,
    interest): the reason is kept."""
    require_role(actor.user, Role.FINANCIAL_OPERATOR)
    reason = _note_required(reason, "reason")
    with transaction.atomic():
        entry = _locked_entry(entry_id)
        if entry.state != EntryState.UNMATCHED:
            raise ValidationError(_("This entry is no longer waiting to be resolved."))
        entry.note = reason
        entry.decided_by = actor.user
        entry.decided_at = timezone.now()
        STATEMENT_ENTRY.apply(
            entry,
            "ignore",
            actor=actor,
            fields=["note", "decided_by", "decided_at"],
            details={"reason": reason},
        )
    return entry


def statement_entries_rematch(*, actor: Actor) -> int:
    """Try the matchers again on every entry waiting for a person (a transfer sent or a
    contribution registered after the statement came): how many were matched now."""
    require_role(actor.user, Role.FINANCIAL_OPERATOR)
    done = 0
    with transaction.atomic():
        waiting = list(
            StatementEntry.objects.select_for_update()
            .select_related("statement")
            .filter(state=EntryState.UNMATCHED)
            .order_by("pk")
        )
        for entry in waiting:
            result = statement_match(entry)
            if not isinstance(result, Found):
                reason = result.reason[:300] if isinstance(result, NotMatched) else ""
                if reason != entry.unmatched_reason:
                    entry.unmatched_reason = reason
                    entry.save(update_fields=["unmatched_reason"])
                continue
            _apply_match(entry, result)
            entry.unmatched_reason = ""
            STATEMENT_ENTRY.apply(
                entry,
                "match",
                actor=actor,
                fields=["payment_line", "matched_kind", "matched_id", "matched_label", "unmatched_reason"],
                details={"matched": entry.matched_label},
            )
            if result.matcher.confirm is not None:
                result.matcher.confirm(entry, result.obj, actor)
            if entry.payment_line_id is not None:
                _batch_pay_if_confirmed(result.obj.batch_id, statement=entry.statement)
            done += 1
    return done


def matcher_of(entry: StatementEntry) -> str:
    """The key of what the entry was matched to (the transfers', a registered matcher's, other)."""
    if entry.payment_line_id is not None:
        return PAYMENT_LINE
    matcher = statement_matcher(entry.matched_kind)
    return matcher.key if matcher is not None else entry.matched_kind
