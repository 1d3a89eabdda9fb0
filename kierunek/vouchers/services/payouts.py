"""Payouts: payment batches of the providers' receivables, built by a financial operator,
approved by a second person, given out as a pain.001 bank file (or CSV) and sent; a batch is paid
when the bank's statement confirms every transfer (:mod:`.statements`)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.providers.models import BankAccount, BankAccountStatus, Provider

from .. import ledger, pain001
from ..audit_actions import (
    VOUCHERS_BATCH_BUILT,
    VOUCHERS_BATCH_CSV_DOWNLOADED,
    VOUCHERS_BATCH_FILE_DOWNLOADED,
)
from ..ledger import Leg
from ..models import AccountKind, BatchStatus, LedgerAccount, PaymentBatch, PaymentLine, TransactionKind
from ..workflows import BATCH
from .base import (
    OPERATOR_ROLES,
    _key_required,
    _lock_programme,
    frozen_provider_ids,
    held_provider_ids,
    today,
)


def _active_bank_accounts(provider_ids: Iterable[int]) -> dict[int, BankAccount]:
    accounts = BankAccount.objects.filter(
        provider_id__in=list(provider_ids), status=BankAccountStatus.ACTIVE
    ).order_by("provider_id", "-decided_at")
    chosen: dict[int, BankAccount] = {}
    for account in accounts:
        chosen.setdefault(account.provider_id, account)
    return chosen


def batch_build(
    *,
    programme_id: int,
    actor: Actor,
    idempotency_key: str,
    execution_date: date | None = None,
    on: date | None = None,
) -> PaymentBatch | None:
    """Build a payment batch of every provider's positive receivable (providers not frozen, not on
    hold, with an approved bank account). The amounts move to ``in_payment`` so the same money is
    never in two batches. None when nothing is due."""
    require_role(actor.user, *OPERATOR_ROLES)
    _key_required(idempotency_key)
    day = on or today()
    execution_date_check(execution_date, day=day)
    with transaction.atomic():
        _lock_programme(programme_id)
        done = ledger.existing(idempotency_key)
        if done is not None:
            if done.kind != TransactionKind.BATCH:
                raise ValidationError(_("This request key was already used for another operation."))
            return done.batch
        excluded = frozen_provider_ids() | held_provider_ids(day=day)
        receivables = list(
            LedgerAccount.objects.select_for_update()
            .filter(programme_id=programme_id, kind=AccountKind.RECEIVABLE, balance__gt=0)
            .exclude(provider_id__in=excluded)
            .order_by("pk")
        )
        banks = _active_bank_accounts(a.provider_id for a in receivables if a.provider_id)
        receivables = [a for a in receivables if a.provider_id in banks]
        if not receivables:
            return None
        total = sum(a.balance for a in receivables)
        count = PaymentBatch.objects.filter(built_at__date=day).count() + 1
        reference = f"KRN-{day:%Y%m%d}-{count:03d}-{secrets.token_hex(3).upper()}"
        batch = PaymentBatch.objects.create(
            programme_id=programme_id,
            reference=reference,
            total=total,
            execution_date=execution_date or day + timedelta(days=1),
            built_by=actor.user,
        )
        lines = []
        for number, account in enumerate(receivables, start=1):
            bank = banks[account.provider_id]  # type: ignore[index]
            lines.append(
                PaymentLine(
                    batch=batch,
                    provider_id=bank.provider_id,
                    bank_account=bank,
                    creditor_name=bank.holder_name,
                    iban=bank.iban.replace(" ", "").upper(),
                    amount=account.balance,
                    end_to_end_id=f"{reference}-{number}"[:35],
                )
            )
        PaymentLine.objects.bulk_create(lines, batch_size=2000)
        in_payment = ledger.programme_account(programme_id=programme_id, kind=AccountKind.IN_PAYMENT)
        ledger.post(
            kind=TransactionKind.BATCH,
            programme_id=programme_id,
            idempotency_key=idempotency_key,
            legs=[*(Leg(a, -a.balance) for a in receivables), Leg(in_payment, total)],
            batch=batch,
            actor=actor.user,
            memo=reference,
        )
        audit_record(action=VOUCHERS_BATCH_BUILT, actor=actor, obj=batch, details={"grosze": total})
    return batch


def batch_built_under(idempotency_key: str) -> PaymentBatch | None:
    """The batch already built under this request key (a form sent twice), if any."""
    done = ledger.existing(idempotency_key)
    return done.batch if done is not None and done.kind == TransactionKind.BATCH else None


def execution_date_check(execution_date: date | None, *, day: date) -> None:
    """Refuse a batch's execution date in the past (empty: the next day)."""
    if execution_date is not None and execution_date < day:
        raise ValidationError({"execution_date": _("The execution date cannot be in the past.")})


def _refuse_frozen_lines(batch: PaymentBatch) -> None:
    """A freeze stops money already in a batch too: a batch with a line of a provider frozen since
    it was built is not approved or sent; cancelling it returns the amounts to the receivables and
    a new batch leaves the frozen provider out."""
    frozen = frozen_provider_ids() & set(batch.lines.values_list("provider_id", flat=True))
    if frozen:
        names = ", ".join(sorted(Provider.objects.filter(pk__in=frozen).values_list("legal_name", flat=True)))
        raise ValidationError(
            _(
                "Payouts to %(names)s were frozen after this batch was built: cancel the batch and"
                " build a new one."
            )
            % {"names": names}
        )


def batch_file_check(*, batch: PaymentBatch) -> None:
    """The bank file is given out once a second person approved the batch, and, until it is sent,
    only while none of its providers is frozen."""
    if batch.status not in (BatchStatus.APPROVED, BatchStatus.SENT, BatchStatus.PAID):
        raise ValidationError(
            _("The bank file can be downloaded once a second person has approved the batch.")
        )
    if batch.status == BatchStatus.APPROVED:
        _refuse_frozen_lines(batch)


def batch_approve(*, batch_id: int, actor: Actor) -> PaymentBatch:
    """A second person approves a built batch: not its builder, and not the officer who approved
    any of its providers (segregation of duties)."""
    require_role(actor.user, Role.FINANCIAL_OPERATOR, Role.OFFICER)
    with transaction.atomic():
        batch = PaymentBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status != BatchStatus.DRAFT:
            raise ValidationError(_("Only a batch waiting for approval can be approved."))
        if batch.built_by_id == actor.user.pk:
            raise PermissionDenied(_("The person who built a batch cannot approve it."))
        approved_providers = Provider.objects.filter(
            pk__in=batch.lines.values("provider_id"), decided_by=actor.user
        )
        if approved_providers.exists():
            raise PermissionDenied(
                _("You approved a provider in this batch, so you cannot approve its settlement.")
            )
        _refuse_frozen_lines(batch)
        batch.approved_by = actor.user
        batch.approved_at = timezone.now()
        BATCH.apply(batch, "approve", actor=actor, fields=["approved_by", "approved_at"], details={})
    return batch


def batch_cancel(*, batch_id: int, actor: Actor) -> PaymentBatch:
    """Cancel a batch not yet sent: the amounts return to the providers' receivables."""
    require_role(actor.user, *OPERATOR_ROLES)
    with transaction.atomic():
        batch = PaymentBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status not in (BatchStatus.DRAFT, BatchStatus.APPROVED):
            raise ValidationError(_("A batch sent to the bank cannot be cancelled."))
        in_payment = ledger.programme_account(programme_id=batch.programme_id, kind=AccountKind.IN_PAYMENT)
        # The lines were taken from these receivables when the batch was built: one query.
        receivables = dict(
            LedgerAccount.objects.filter(
                programme_id=batch.programme_id,
                kind=AccountKind.RECEIVABLE,
                provider_id__in=batch.lines.values("provider_id"),
            ).values_list("provider_id", "pk")
        )
        legs = [Leg(in_payment, -batch.total)]
        legs += [
            Leg(receivables[provider_id], amount)
            for provider_id, amount in batch.lines.values_list("provider_id", "amount")
        ]
        ledger.post(
            kind=TransactionKind.BATCH_CANCEL,
            programme_id=batch.programme_id,
            idempotency_key=f"batch-cancel:{batch.pk}",
            legs=legs,
            batch=batch,
            actor=actor.user,
            memo=batch.reference,
        )
        batch.cancelled_at = timezone.now()
        BATCH.apply(batch, "cancel", actor=actor, fields=["cancelled_at"], details={})
    return batch


def batch_mark_sent(*, batch_id: int, actor: Actor) -> PaymentBatch:
    require_role(actor.user, *OPERATOR_ROLES)
    with transaction.atomic():
        batch = PaymentBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status == BatchStatus.SENT:
            return batch
        if batch.status != BatchStatus.APPROVED:
            raise ValidationError(_("A batch is sent to the bank after it is approved."))
        _refuse_frozen_lines(batch)
        batch.sent_at = timezone.now()
        BATCH.apply(batch, "send", actor=actor, fields=["sent_at"], details={})
    return batch


@dataclass(frozen=True)
class BatchFile:
    """A batch's transfers as a file to stream: its bytes in chunks, its name and its media type."""

    chunks: Iterator[bytes]
    filename: str
    content_type: str


def batch_download(*, batch: PaymentBatch, kind: str, actor: Actor) -> BatchFile:
    """The batch as the pain.001 bank file (``kind="xml"``: only once a second person approved it,
    see :func:`batch_file_check`) or as CSV (``kind="csv"``), for pages and the API alike. The
    first chunk is made before anything is sent (it checks the batch), then the download is
    audited; the rest streams."""
    if kind == "xml":
        batch_file_check(batch=batch)
        chunks = pain001.pain001_chunks(batch)
        filename, content_type = pain001.pain001_filename(batch), "application/xml; charset=utf-8"
        action = VOUCHERS_BATCH_FILE_DOWNLOADED
    elif kind == "csv":
        chunks = pain001.csv_chunks(batch)
        filename, content_type = pain001.csv_filename(batch), "text/csv; charset=utf-8"
        action = VOUCHERS_BATCH_CSV_DOWNLOADED
    else:
        raise ValueError(f"no batch file of kind {kind!r}")
    first = next(chunks)
    audit_record(action=action, actor=actor, obj=batch)
    return BatchFile(chunks=_prepend(first, chunks), filename=filename, content_type=content_type)


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest
