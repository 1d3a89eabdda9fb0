"""The reconciliation of the ledger with the bank as CSV, for pages and the API alike: one row
per payment batch (what the ledger moved and paid out, what the bank's entries confirmed, the
difference), then the entries waiting for a person. Semicolons, comma decimals, a byte-order
mark, and no cell read as a formula (:class:`kierunek.core.csvsafe.SafeWriter`)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from kierunek.core.csvsafe import SafeWriter

from .pain001 import amount_csv
from .selectors.statements import BankReconciliation


def _signed(grosze: int) -> str:
    return ("-" if grosze < 0 else "") + amount_csv(abs(grosze))


def bank_reconciliation_csv(result: BankReconciliation) -> bytes:
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    writer.start()
    writer.writerow(
        [
            _("Batch"),
            _("Status"),
            _("Transfers"),
            _("Confirmed by the bank"),
            _("Moved into payment (PLN)"),
            _("Paid out in the ledger (PLN)"),
            _("Booked by the bank (PLN)"),
            _("Difference (PLN)"),
        ]
    )
    for row in result.batches:
        writer.writerow(
            [
                row.batch.reference,
                row.batch.get_status_display(),
                row.transfers,
                row.confirmed,
                _signed(row.ledger_amount),
                _signed(row.ledger_paid),
                _signed(row.bank_amount),
                _signed(row.difference),
            ]
        )
    writer.writerow(
        [
            _("Entries to resolve"),
            result.unmatched_count,
            "",
            "",
            "",
            _signed(result.unmatched_debits),
            _signed(result.unmatched_credits),
            "",
        ]
    )
    return buffer.getvalue().encode()
