"""Statements shaped like the bank's, written from transfers we know: the demo uses them to
confirm a demo batch, the tests to drive the matching. Real files come from the bank; these follow
the same layouts (camt.053.001.02 as Polish banks send it, MT940 in the ZBP variant) so the readers
in :mod:`.bank_files` read both alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from kierunek.core.money import Money

from .pain001 import remittance
from .payout_models import PaymentBatch

NAMESPACE_02 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"


@dataclass(frozen=True)
class SampleEntry:
    direction: str  # "debit" | "credit"
    amount: int  # grosze
    booked_on: date
    end_to_end_id: str = ""
    title: str = ""
    name: str = ""
    account: str = ""
    bank_reference: str = ""


def batch_debits(batch: PaymentBatch, *, booked_on: date, skip: int = 0) -> list[SampleEntry]:
    """The bank's debits of the batch's transfers (all but the last ``skip``), as its statement
    carries them: what confirms a batch paid."""
    lines = list(batch.lines.order_by("pk"))
    return [
        SampleEntry(
            direction="debit",
            amount=line.amount,
            booked_on=booked_on,
            end_to_end_id=line.end_to_end_id,
            title=remittance(batch.reference, line.end_to_end_id),
            name=line.creditor_name,
            account=line.iban,
        )
        for line in lines[: len(lines) - skip]
    ]


def _amount(grosze: int) -> str:
    return Money(grosze).api_str()


def _balance(code: str, grosze: int, on: date) -> str:
    sign = "CRDT" if grosze >= 0 else "DBIT"
    return (
        f"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp>"
        f'<Amt Ccy="PLN">{_amount(abs(grosze))}</Amt><CdtDbtInd>{sign}</CdtDbtInd>'
        f"<Dt><Dt>{on.isoformat()}</Dt></Dt></Bal>"
    )


def camt053(
    *,
    statement_id: str,
    account: str,
    entries: Iterable[SampleEntry],
    opening: int = 100_000_000,
    on: date,
) -> bytes:
    """A camt.053.001.02 document of one statement with ``entries``, balances that add up."""
    entries = list(entries)
    closing = opening + sum(e.amount if e.direction == "credit" else -e.amount for e in entries)
    parts = []
    for number, e in enumerate(entries, start=1):
        party = "Cdtr" if e.direction == "debit" else "Dbtr"
        reference = e.bank_reference or f"{statement_id}-{number}"
        parts.append(
            "<Ntry>"
            f'<Amt Ccy="PLN">{_amount(e.amount)}</Amt>'
            f"<CdtDbtInd>{'DBIT' if e.direction == 'debit' else 'CRDT'}</CdtDbtInd>"
            "<Sts>BOOK</Sts>"
            f"<BookgDt><Dt>{e.booked_on.isoformat()}</Dt></BookgDt>"
            f"<ValDt><Dt>{e.booked_on.isoformat()}</Dt></ValDt>"
            f"<AcctSvcrRef>{escape(reference)}</AcctSvcrRef>"
            "<BkTxCd><Domn><Cd>PMNT</Cd>"
            f"<Fmly><Cd>{'ICDT' if e.direction == 'debit' else 'RCDT'}</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly>"
            "</Domn></BkTxCd>"
            "<NtryDtls><TxDtls>"
            f"<Refs><EndToEndId>{escape(e.end_to_end_id or 'NOTPROVIDED')}</EndToEndId></Refs>"
            f"<RltdPties><{party}><Nm>{escape(e.name or '-')}</Nm></{party}>"
            + (f"<{party}Acct><Id><IBAN>{escape(e.account)}</IBAN></Id></{party}Acct>" if e.account else "")
            + f"</RltdPties><RmtInf><Ustrd>{escape(e.title[:140] or '-')}</Ustrd></RmtInf>"
            "</TxDtls></NtryDtls></Ntry>"
        )
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<Document xmlns="{NAMESPACE_02}"><BkToCstmrStmt>'
        f"<GrpHdr><MsgId>{escape(statement_id)}</MsgId><CreDtTm>{on.isoformat()}T18:00:00</CreDtTm></GrpHdr>"
        f"<Stmt><Id>{escape(statement_id)}</Id><ElctrncSeqNb>1</ElctrncSeqNb>"
        f"<CreDtTm>{on.isoformat()}T18:00:00</CreDtTm>"
        f"<FrToDt><FrDtTm>{on.isoformat()}T00:00:00</FrDtTm><ToDtTm>{on.isoformat()}T23:59:59</ToDtTm></FrToDt>"
        f"<Acct><Id><IBAN>{escape(account)}</IBAN></Id><Ccy>PLN</Ccy></Acct>"
        f"{_balance('OPBD', opening, on)}{_balance('CLBD', closing, on)}"
        + "".join(parts)
        + "</Stmt></BkToCstmrStmt></Document>\n"
    )
    return text.encode()


def _wrap(text: str, width: int = 27) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def mt940(
    *,
    statement_number: str,
    account: str,
    entries: Iterable[SampleEntry],
    opening: int = 100_000_000,
    on: date,
    separator: str = "~",
) -> bytes:
    """An MT940 statement in the Polish banks' layout (``:86:`` with ``~`` sub-fields), in
    Windows-1250 as many banks still export it."""
    entries = list(entries)
    closing = opening + sum(e.amount if e.direction == "credit" else -e.amount for e in entries)

    def balance(tag: str, grosze: int) -> str:
        sign = "C" if grosze >= 0 else "D"
        return f":{tag}:{sign}{on:%y%m%d}PLN{_amount(abs(grosze)).replace('.', ',')}"

    lines = [":20:MT940", f":25:/{account}", f":28C:{statement_number}", balance("60F", opening)]
    for number, e in enumerate(entries, start=1):
        mark = "D" if e.direction == "debit" else "C"
        reference = e.bank_reference or f"{statement_number}{number:04d}"
        lines.append(
            f":61:{e.booked_on:%y%m%d}{e.booked_on:%m%d}{mark}N{_amount(e.amount).replace('.', ',')}"
            f"S{'051' if mark == 'D' else '034'}NONREF//{reference}"
        )
        s = separator
        title = "".join(f"{s}{20 + i}{chunk}" for i, chunk in enumerate(_wrap(e.title)[:6]))
        name = "".join(f"{s}{32 + i}{chunk}" for i, chunk in enumerate(_wrap(e.name)[:2]))
        account_part = f"{s}38{e.account}" if e.account else ""
        details = f"{'051' if mark == 'D' else '034'}{s}00PRZELEW{title}{name}{account_part}"
        lines.append(":86:" + details[:65])
        lines.extend(details[i : i + 65] for i in range(65, len(details), 65))
    lines.append(balance("62F", closing))
    lines.append("-")
    return ("\r\n".join(lines) + "\r\n").encode("cp1250", errors="replace")
