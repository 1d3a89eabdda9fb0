"""The bank file of a payment batch: ISO 20022 pain.001.001.09 (CustomerCreditTransferInitiationV09)
for domestic PLN transfers, and the same transfers as a CSV for people (semicolons, comma
decimals, UTF-8 with a byte-order mark so that a spreadsheet opens Polish names right).

Both are streamed: lines are read from the database in chunks and written as they come, so a batch
of 100 000 transfers never sits in memory. Amounts come from integer grosze and are written as
text with exactly two decimals; no float is involved. The file states what it carries twice (the
group header's ``NbOfTxs``/``CtrlSum`` and the payment's), read from the database before the first
line is written; the writer refuses a batch whose lines do not add up to its total, so a file
either matches the ledger or is not written at all.

The debtor (the programme operator paying the providers) comes from the settings
``KIERUNEK_PAYER_NAME``, ``KIERUNEK_PAYER_IBAN`` and ``KIERUNEK_PAYER_BIC`` (demo values in
the base settings, from the environment in production). The schema is vendored in
``xsd/pain.001.001.09.xsd`` (see the README there)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.csvsafe import SafeWriter
from kierunek.core.money import Money

from .models import PaymentBatch, PaymentLine

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
XSD_PATH = Path(__file__).resolve().parent / "xsd" / "pain.001.001.09.xsd"
CURRENCY = "PLN"
CHUNK_LINES = 2000

# XML 1.0 allows neither these control characters nor unpaired surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")


class BatchFileError(Exception):
    """The batch cannot be written as a bank file (its lines do not add up to its total)."""


@dataclass(frozen=True)
class Payer:
    name: str
    iban: str
    bic: str


def payer() -> Payer:
    return Payer(
        name=settings.KIERUNEK_PAYER_NAME,
        iban=settings.KIERUNEK_PAYER_IBAN.replace(" ", "").upper(),
        bic=settings.KIERUNEK_PAYER_BIC.replace(" ", "").upper(),
    )


def amount_text(grosze: int) -> str:
    """``123450`` -> ``"1234.50"``: the decimal the schema wants, from integer grosze."""
    if grosze < 0:
        raise BatchFileError(f"A transfer cannot be negative: {grosze}")
    return Money(grosze).api_str()


def _text(value: str, limit: int) -> str:
    """Text for a MaxNText element: no characters XML forbids, one space between words, at most
    ``limit`` characters, escaped."""
    clean = _SPACES.sub(" ", _NOT_XML.sub("", value)).strip()[:limit]
    return escape(clean or "-")


def remittance(batch_reference: str, end_to_end_id: str) -> str:
    """The transfer title the provider sees on its statement."""
    return f"Kierunek - rozliczenie bonow {batch_reference} / {end_to_end_id}"


@dataclass(frozen=True)
class BatchFigures:
    transfers: int
    total: int


def batch_figures(batch: PaymentBatch) -> BatchFigures:
    """Number and sum of the batch's lines, checked against the batch's total."""
    row = PaymentLine.objects.filter(batch=batch).aggregate(count=Count("id"), total=Sum("amount"))
    figures = BatchFigures(transfers=row["count"] or 0, total=row["total"] or 0)
    if figures.total != batch.total or figures.transfers == 0:
        raise BatchFileError(
            f"Batch {batch.reference}: {figures.transfers} lines sum to {figures.total}, total {batch.total}"
        )
    return figures


def _lines(batch: PaymentBatch) -> Iterator[tuple[str, str, int, str]]:
    return (
        PaymentLine.objects.filter(batch=batch)
        .order_by("pk")
        .values_list("creditor_name", "iban", "amount", "end_to_end_id")
        .iterator(chunk_size=CHUNK_LINES)
    )


def pain001_chunks(batch: PaymentBatch, *, created_at: datetime | None = None) -> Iterator[bytes]:
    """The pain.001.001.09 document of ``batch``, as UTF-8 chunks of a few thousand transfers."""
    figures = batch_figures(batch)
    who = payer()
    created = timezone.localtime(created_at or timezone.now()).replace(microsecond=0)
    reference = _text(batch.reference, 35)
    count = str(figures.transfers)
    total = amount_text(figures.total)
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<Document xmlns="{NAMESPACE}">\n'
        "<CstmrCdtTrfInitn>\n"
        "<GrpHdr>"
        f"<MsgId>{reference}</MsgId>"
        f"<CreDtTm>{created.isoformat()}</CreDtTm>"
        f"<NbOfTxs>{count}</NbOfTxs>"
        f"<CtrlSum>{total}</CtrlSum>"
        f"<InitgPty><Nm>{_text(who.name, 140)}</Nm></InitgPty>"
        "</GrpHdr>\n"
        "<PmtInf>"
        f"<PmtInfId>{reference}</PmtInfId>"
        "<PmtMtd>TRF</PmtMtd>"
        f"<NbOfTxs>{count}</NbOfTxs>"
        f"<CtrlSum>{total}</CtrlSum>"
        f"<ReqdExctnDt><Dt>{batch.execution_date.isoformat()}</Dt></ReqdExctnDt>"
        f"<Dbtr><Nm>{_text(who.name, 140)}</Nm></Dbtr>"
        f"<DbtrAcct><Id><IBAN>{_text(who.iban, 34)}</IBAN></Id><Ccy>{CURRENCY}</Ccy></DbtrAcct>"
        f"<DbtrAgt><FinInstnId><BICFI>{_text(who.bic, 11)}</BICFI></FinInstnId></DbtrAgt>\n"
    )
    yield head.encode()
    parts: list[str] = []
    written = 0
    for name, iban, amount, end_to_end_id in _lines(batch):
        parts.append(
            "<CdtTrfTxInf>"
            f"<PmtId><EndToEndId>{_text(end_to_end_id, 35)}</EndToEndId></PmtId>"
            f'<Amt><InstdAmt Ccy="{CURRENCY}">{amount_text(amount)}</InstdAmt></Amt>'
            f"<Cdtr><Nm>{_text(name, 140)}</Nm></Cdtr>"
            f"<CdtrAcct><Id><IBAN>{_text(iban.replace(' ', '').upper(), 34)}</IBAN></Id></CdtrAcct>"
            f"<RmtInf><Ustrd>{_text(remittance(batch.reference, end_to_end_id), 140)}</Ustrd></RmtInf>"
            "</CdtTrfTxInf>\n"
        )
        written += 1
        if len(parts) >= CHUNK_LINES:
            yield "".join(parts).encode()
            parts = []
    if written != figures.transfers:
        # The lines changed while the file was written (they never should: lines are append-only).
        raise BatchFileError(f"Batch {batch.reference}: {written} lines written, {figures.transfers} counted")
    parts.append("</PmtInf>\n</CstmrCdtTrfInitn>\n</Document>\n")
    yield "".join(parts).encode()


def pain001_write(batch: PaymentBatch, out: IO[bytes], *, created_at: datetime | None = None) -> int:
    """Write the document to a binary file; returns the number of bytes written."""
    size = 0
    for chunk in pain001_chunks(batch, created_at=created_at):
        out.write(chunk)
        size += len(chunk)
    return size


def pain001_filename(batch: PaymentBatch) -> str:
    return f"{batch.reference}.pain001.xml"


def csv_filename(batch: PaymentBatch) -> str:
    return f"{batch.reference}.csv"


def amount_csv(grosze: int) -> str:
    """``123450`` -> ``"1234,50"``: a comma decimal and no grouping, so spreadsheets set to Polish
    read it as a number."""
    return amount_text(grosze).replace(".", ",")


def csv_chunks(batch: PaymentBatch) -> Iterator[bytes]:
    """The batch's transfers as CSV: one row per line, then a row with the total."""
    figures = batch_figures(batch)
    buffer = io.StringIO()
    writer = SafeWriter(buffer)  # no cell of it, a provider's name least, is read as a formula
    writer.start()
    writer.writerow(
        [
            _("No."),
            _("Recipient"),
            _("Account (IBAN)"),
            _("Amount (PLN)"),
            _("Transfer title"),
            _("Reference"),
        ]
    )
    yield buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    for number, (name, iban, amount, end_to_end_id) in enumerate(_lines(batch), start=1):
        writer.writerow(
            [
                number,
                name,
                iban,
                amount_csv(amount),
                remittance(batch.reference, end_to_end_id),
                end_to_end_id,
            ]
        )
        if number % CHUNK_LINES == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    writer.writerow(["", _("Total"), "", amount_csv(figures.total), batch.reference, ""])
    yield buffer.getvalue().encode()
