"""Reading the bank's statements of the operator's account: ISO 20022 camt.053 (versions .001.02
and .001.08, validated against the official schemas vendored in ``xsd/``) and MT940 in the Polish
banks' variant (the ZBP layout: ``:86:`` with ``~`` or ``^`` separated sub-fields, ``~20``..``~25``
the title, ``~27``/``~28`` and ``~32``/``~33`` the counterparty's name, ``~30`` its bank, ``~31``
its account, ``~38`` its IBAN).

The file comes from outside and is not trusted: it is refused above :data:`MAX_BYTES`; XML is
parsed by defusedxml, which refuses a DTD, entity declarations and external references (so no
"billion laughs", no file or network read), then validated by xmlschema against the local schema
(xmlschema fetches nothing: the schemas import none). MT940 is read by the maintained ``mt-940``
package for the SWIFT structure; its ``:86:`` parser knows only the German ``?`` layout, so the
Polish sub-fields are split here. Both readers check that the opening balance plus the entries is
the closing balance, so a cut or edited file is refused rather than half-read.

Amounts are read as decimals and turned into integer grosze exactly; a third decimal place is
refused. Only PLN is accepted (the operator's account is a PLN account)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import mt940
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
CURRENCY = "PLN"
XSD_DIR = Path(__file__).resolve().parent / "xsd"
CAMT_VERSIONS = {
    "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02": "camt.053.001.02.xsd",
    "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08": "camt.053.001.08.xsd",
}
# The end-to-end ids our pain.001 writes (``payouts.batch_build``): the batch's reference, a number.
END_TO_END_IN_TEXT = re.compile(r"KRN-\d{8}-\d{3}-[0-9A-F]{6}-\d{1,6}")


@dataclass(frozen=True)
class ParsedEntry:
    direction: str  # "debit" | "credit"
    amount: int  # grosze, > 0
    booked_on: date
    end_to_end_id: str = ""
    bank_reference: str = ""
    title: str = ""
    counterparty_name: str = ""
    counterparty_account: str = ""


@dataclass(frozen=True)
class ParsedStatement:
    file_format: str  # "camt053" | "mt940"
    statement_id: str
    account: str
    sha256: str
    entries: list[ParsedEntry] = field(default_factory=list)
    created: datetime | None = None
    period_from: date | None = None
    period_to: date | None = None
    opening_balance: int | None = None
    closing_balance: int | None = None


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="bad_statement")


def grosze(text: str | Decimal) -> int:
    """``"1234.5"`` -> ``123450``; refuses a negative amount, more than two decimals or no number."""
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation as error:
        raise _refuse(_("An amount in the file is not a number: %(text)s.") % {"text": text}) from error
    cents = value * 100
    if not value.is_finite() or cents != cents.to_integral_value():
        raise _refuse(_("An amount in the file has more than two decimal places: %(text)s.") % {"text": text})
    return int(cents)


def _clean(text: str | None, limit: int) -> str:
    return " ".join((text or "").split())[:limit]


def _account(text: str | None) -> str:
    return re.sub(r"[\s/]", "", text or "").upper()[:34]


def statement_read(content: bytes, *, filename: str = "") -> ParsedStatement:
    """The statement in ``content``, whichever of the two formats it is; a ValidationError with a
    message for the operator when it is too large, not a statement, invalid, or does not add up."""
    if not content:
        raise _refuse(_("The file is empty. Choose the file again."))
    if len(content) > MAX_BYTES:
        raise _refuse(
            _("The file is too large (%(size)s MB). The limit is %(limit)s MB.")
            % {"size": f"{len(content) / 1_048_576:.1f}".replace(".", ","), "limit": MAX_BYTES // 1_048_576}
        )
    head = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    statement = camt053_read(content) if head == b"<" else mt940_read(content)
    _check_balances(statement)
    return statement


def _check_balances(statement: ParsedStatement) -> None:
    if statement.opening_balance is None or statement.closing_balance is None:
        return
    moved = sum(e.amount if e.direction == "credit" else -e.amount for e in statement.entries)
    if statement.opening_balance + moved != statement.closing_balance:
        raise _refuse(
            _(
                "The statement does not add up: the opening balance and the entries do not give the"
                " closing balance. Download the statement from the bank again."
            )
        )


# --- camt.053 ----------------------------------------------------------------------------------


@cache
def _schema(filename: str) -> Any:
    import xmlschema  # a second or so to build: only when the first statement is read

    return xmlschema.XMLSchema(XSD_DIR / filename)


def camt053_schema_errors(root: Element, namespace: str) -> list[str]:
    """The first few reasons why ``root`` is not a valid document of its schema (empty: valid)."""
    schema = _schema(CAMT_VERSIONS[namespace])
    errors = []
    for error in schema.iter_errors(root):
        errors.append(f"{error.path}: {error.reason}" if error.path else str(error.reason))
        if len(errors) >= 3:
            break
    return errors


def camt053_read(content: bytes) -> ParsedStatement:
    try:
        root = fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise _refuse(
            _("The file declares a DTD or entities, which a bank statement never has: it is refused.")
        ) from error
    except Exception as error:  # ParseError and encoding errors: not well-formed XML
        raise _refuse(_("The file is not well-formed XML: %(error)s.") % {"error": error}) from error
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    if namespace not in CAMT_VERSIONS:
        raise _refuse(
            _("This is not a camt.053 statement (version 001.02 or 001.08): %(namespace)s.")
            % {"namespace": namespace or root.tag}
        )
    errors = camt053_schema_errors(root, namespace)
    if errors:
        raise _refuse(
            _("The statement is not valid against the camt.053 schema: %(errors)s.")
            % {"errors": "; ".join(errors)}
        )
    return _camt053_statement(root, namespace, hashlib.sha256(content).hexdigest())


class _Camt:
    def __init__(self, namespace: str) -> None:
        self.ns = {"c": namespace}

    def find(self, node: Element, path: str) -> Element | None:
        return node.find(path, self.ns)

    def text(self, node: Element | None, path: str) -> str:
        if node is None:
            return ""
        found = node.find(path, self.ns)
        return (found.text or "").strip() if found is not None else ""

    def all(self, node: Element, path: str) -> list[Element]:
        return node.findall(path, self.ns)


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


def _camt053_statement(root: Element, namespace: str, sha256: str) -> ParsedStatement:
    c = _Camt(namespace)
    statements = c.all(root, "c:BkToCstmrStmt/c:Stmt")
    if len(statements) != 1:
        raise _refuse(
            _("Upload one statement per file: this file has %(count)s.") % {"count": len(statements)}
        )
    stmt = statements[0]
    currency = c.text(stmt, "c:Acct/c:Ccy")
    if currency and currency != CURRENCY:
        raise _refuse(
            _("Only statements of a PLN account are accepted, not %(currency)s.") % {"currency": currency}
        )
    balances: dict[str, int] = {}
    for balance in c.all(stmt, "c:Bal"):
        code = c.text(balance, "c:Tp/c:CdOrPrtry/c:Cd")
        amount = grosze(c.text(balance, "c:Amt"))
        balances[code] = amount if c.text(balance, "c:CdtDbtInd") == "CRDT" else -amount
    entries: list[ParsedEntry] = []
    for ntry in c.all(stmt, "c:Ntry"):
        entries.extend(_camt053_entries(c, ntry))
    created = c.text(stmt, "c:CreDtTm")
    return ParsedStatement(
        file_format="camt053",
        statement_id=c.text(stmt, "c:Id")[:35],
        account=_account(c.text(stmt, "c:Acct/c:Id/c:IBAN") or c.text(stmt, "c:Acct/c:Id/c:Othr/c:Id")),
        sha256=sha256,
        entries=entries,
        created=datetime.fromisoformat(created) if created else None,
        period_from=_day(c.text(stmt, "c:FrToDt/c:FrDtTm")) if c.text(stmt, "c:FrToDt/c:FrDtTm") else None,
        period_to=_day(c.text(stmt, "c:FrToDt/c:ToDtTm")) if c.text(stmt, "c:FrToDt/c:ToDtTm") else None,
        opening_balance=balances.get("OPBD", balances.get("PRCD")),
        closing_balance=balances.get("CLBD"),
    )


def _camt053_entries(c: _Camt, ntry: Element) -> list[ParsedEntry]:
    """An entry of the statement, or one per transaction when the bank booked several in one
    entry (a batch booking: our pain.001 may come back as one debit with a detail per transfer)."""
    amount_node = c.find(ntry, "c:Amt")
    if amount_node is not None and amount_node.get("Ccy") not in (None, CURRENCY):
        raise _refuse(
            _("Only statements of a PLN account are accepted, not %(currency)s.")
            % {"currency": amount_node.get("Ccy")}
        )
    direction = "credit" if c.text(ntry, "c:CdtDbtInd") == "CRDT" else "debit"
    booked = c.text(ntry, "c:BookgDt/c:Dt") or c.text(ntry, "c:BookgDt/c:DtTm")
    booked_on = (
        _day(booked) if booked else _day(c.text(ntry, "c:ValDt/c:Dt") or c.text(ntry, "c:ValDt/c:DtTm"))
    )
    bank_reference = c.text(ntry, "c:AcctSvcrRef")
    entry_amount = grosze(c.text(ntry, "c:Amt"))
    details = c.all(ntry, "c:NtryDtls/c:TxDtls")
    if len(details) <= 1:
        return [
            _camt053_entry(
                c, details[0] if details else None, direction, entry_amount, booked_on, bank_reference
            )
        ]
    parts = []
    for detail in details:
        amount = c.text(detail, "c:AmtDtls/c:TxAmt/c:Amt") or c.text(detail, "c:Amt")
        if not amount:
            raise _refuse(_("A batch booking of the statement does not give each transaction's amount."))
        parts.append(_camt053_entry(c, detail, direction, grosze(amount), booked_on, bank_reference))
    if sum(p.amount for p in parts) != entry_amount:
        raise _refuse(_("A batch booking of the statement does not add up to its transactions."))
    return parts


def _camt053_entry(
    c: _Camt, detail: Element | None, direction: str, amount: int, booked_on: date, bank_reference: str
) -> ParsedEntry:
    # The other party: the creditor of our debit, the debtor of a credit to us. Version 02 names
    # it directly (Cdtr/Nm), version 08 through a party (Cdtr/Pty/Nm).
    party = "Cdtr" if direction == "debit" else "Dbtr"
    name = c.text(detail, f"c:RltdPties/c:{party}/c:Nm") or c.text(
        detail, f"c:RltdPties/c:{party}/c:Pty/c:Nm"
    )
    account = c.text(detail, f"c:RltdPties/c:{party}Acct/c:Id/c:IBAN") or c.text(
        detail, f"c:RltdPties/c:{party}Acct/c:Id/c:Othr/c:Id"
    )
    title = " ".join(
        (u.text or "").strip() for u in (c.all(detail, "c:RmtInf/c:Ustrd") if detail is not None else [])
    )
    end_to_end = c.text(detail, "c:Refs/c:EndToEndId")
    if end_to_end == "NOTPROVIDED":
        end_to_end = ""
    return ParsedEntry(
        direction=direction,
        amount=amount,
        booked_on=booked_on,
        end_to_end_id=end_to_end[:35],
        bank_reference=(bank_reference or c.text(detail, "c:Refs/c:AcctSvcrRef"))[:100],
        title=_clean(title, 500),
        counterparty_name=_clean(name, 300),
        counterparty_account=_account(account),
    )


# --- MT940 -------------------------------------------------------------------------------------

_SUBFIELD = re.compile(r"[~^](\d{2})")


def mt940_details(text: str) -> dict[str, str]:
    """The Polish ``:86:`` sub-fields: ``"051~00TRAN~20Tytuł~32Nazwa"`` -> ``{"": "051", "00":
    "TRAN", "20": "Tytuł", "32": "Nazwa"}``. Lines of the field are joined first: a bank wraps
    the field at 65 characters wherever it falls, in the middle of a word too."""
    joined = "".join(line.strip("\r") for line in text.splitlines())
    parts = _SUBFIELD.split(joined)
    fields = {"": parts[0].strip()}
    for key, value in zip(parts[1::2], parts[2::2], strict=True):
        fields[key] = fields.get(key, "") + value
    return fields


def _decode(content: bytes) -> str:
    """Polish banks export MT940 in UTF-8, Windows-1250 or ISO 8859-2: UTF-8 if it decodes, else
    Windows-1250 (which reads the Polish letters of both 8-bit code pages alike but ą, ś, ź)."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1250", errors="replace")


def mt940_read(content: bytes) -> ParsedStatement:
    text = _decode(content).replace("\r\n", "\n")
    if ":20:" not in text or ":25:" not in text or (":61:" not in text and ":62F:" not in text):
        raise _refuse(_("The file is neither a camt.053 XML statement nor an MT940 statement."))
    transactions = mt940.models.Transactions()
    try:
        transactions.parse(text)
    except Exception as error:  # the parser's own errors for a malformed field
        raise _refuse(_("The MT940 statement cannot be read: %(error)s.") % {"error": error}) from error
    data = transactions.data
    opening, closing = data.get("final_opening_balance"), data.get("final_closing_balance")
    if opening is None or closing is None or not data.get("account_identification"):
        raise _refuse(
            _("The MT940 statement has no account or no opening and closing balance (:25:, :60F:, :62F:).")
        )
    entries = []
    for transaction in transactions:
        entries.append(_mt940_entry(transaction.data))
    for balance in (opening, closing):
        if balance.amount.currency != CURRENCY:
            raise _refuse(
                _("Only statements of a PLN account are accepted, not %(currency)s.")
                % {"currency": balance.amount.currency}
            )
    number = str(data.get("statement_number") or "")
    sequence = str(data.get("sequence_number") or "")
    statement_id = "/".join(x for x in (str(data.get("transaction_reference") or ""), number, sequence) if x)
    return ParsedStatement(
        file_format="mt940",
        statement_id=statement_id[:35],
        account=_account(str(data["account_identification"])),
        sha256=hashlib.sha256(content).hexdigest(),
        entries=entries,
        period_from=_plain_date(opening.date),
        period_to=_plain_date(closing.date),
        opening_balance=grosze(opening.amount.amount),
        closing_balance=grosze(closing.amount.amount),
    )


def _plain_date(day: date) -> date:
    """The parser's own ``Date`` subclass as a plain date."""
    return date(day.year, day.month, day.day)


def _mt940_entry(data: dict[str, Any]) -> ParsedEntry:
    if data.get("currency") not in (None, CURRENCY):
        raise _refuse(
            _("Only statements of a PLN account are accepted, not %(currency)s.")
            % {"currency": data["currency"]}
        )
    signed = data["amount"].amount
    details = mt940_details(str(data.get("transaction_details") or ""))
    title = "".join(details.get(key, "") for key in ("20", "21", "22", "23", "24", "25"))
    name = "".join(details.get(key, "") for key in ("32", "33")) or "".join(
        details.get(key, "") for key in ("27", "28")
    )
    account = details.get("38") or (details.get("30", "") + details.get("31", ""))
    customer = str(data.get("customer_reference") or "")
    found = END_TO_END_IN_TEXT.search(title.replace(" ", ""))
    if found:
        end_to_end = found.group(0)
    elif customer and customer.upper() != "NONREF":
        end_to_end = customer
    else:
        end_to_end = ""
    status = str(data.get("status") or "")
    return ParsedEntry(
        direction="debit" if status in ("D", "RC") else "credit",
        amount=abs(grosze(signed)),
        booked_on=_plain_date(data.get("entry_date") or data["date"]),
        end_to_end_id=end_to_end[:35],
        bank_reference=str(data.get("bank_reference") or "")[:100],
        title=_clean(title, 500),
        counterparty_name=_clean(name, 300),
        counterparty_account=_account(account),
    )
