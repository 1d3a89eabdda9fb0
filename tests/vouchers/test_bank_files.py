"""Reading the bank's statements: camt.053 (.02 and .08) validated against the official schemas
and MT940 in the Polish banks' layout, from files shaped like the banks' (``statements/``); and
what is refused: invalid against the schema, a DTD or an external entity, too large, balances that
do not add up, another currency."""

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from kierunek.vouchers import bank_files
from kierunek.vouchers.statement_samples import SampleEntry, camt053, mt940

FILES = Path(__file__).parent / "statements"
DAY = date(2026, 12, 7)
ACCOUNT = "PL27114020040000300201355387"


def read(name: str) -> bank_files.ParsedStatement:
    return bank_files.statement_read((FILES / name).read_bytes(), filename=name)


def test_a_camt053_v08_statement_with_a_batch_booking_gives_one_entry_per_transfer():
    statement = read("camt053_v08.xml")

    assert (statement.file_format, statement.statement_id, statement.account) == (
        "camt053",
        "2026/12/07/0001",
        ACCOUNT,
    )
    assert (statement.opening_balance, statement.closing_balance) == (25_000_000, 24_890_450)
    assert [(e.direction, e.amount, e.end_to_end_id) for e in statement.entries] == [
        ("debit", 70_000, "KRN-20261206-001-A1B2C3-1"),
        ("debit", 50_000, "KRN-20261206-001-A1B2C3-2"),
        ("credit", 10_450, ""),  # NOTPROVIDED is no id
    ]
    payment = statement.entries[2]
    assert (payment.title, payment.counterparty_name, payment.counterparty_account) == (
        "KRN-WKL-000123 wklad wlasny",
        "Jan Żółkiewski",
        "PL83101010230000261395100000",
    )
    assert statement.entries[1].counterparty_name == "Centrum Kształcenia Łącznościowego"
    assert statement.entries[0].booked_on == DAY


def test_an_mt940_statement_of_a_polish_bank_in_windows_1250_with_tilde_and_caret_subfields():
    statement = read("mt940_zbp.sta")

    assert (statement.file_format, statement.statement_id, statement.account) == (
        "mt940",
        "MT940/00241",
        ACCOUNT,
    )
    debit, credit = statement.entries
    # The title wrapped across ~20..~22 and across lines; the end-to-end id is found in it (the
    # :61: customer reference has 16 characters, too few for it).
    assert (debit.direction, debit.amount, debit.end_to_end_id) == (
        "debit",
        70_000,
        "KRN-20261206-001-A1B2C3-1",
    )
    assert debit.counterparty_name == "Akademia Szkoleń Zawodowych sp. z o.o."
    assert debit.counterparty_account == "PL61109010140000071219812874"
    assert debit.bank_reference == "26341000123456"
    assert (credit.direction, credit.amount, credit.title) == (
        "credit",
        10_450,
        "KRN-WKL-000123 wklad wlasny",
    )
    assert credit.counterparty_name == "Jan Żółkiewski"
    assert credit.counterparty_account == "101010230000261395100000"  # ~30 bank + ~31 account
    assert credit.booked_on == DAY


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("020~00TRAN~20Tytuł~32Nazwa", {"": "020", "00": "TRAN", "20": "Tytuł", "32": "Nazwa"}),
        ("020^00TRAN^20Ty\ntuł^21 dalej", {"": "020", "00": "TRAN", "20": "Tytuł", "21": " dalej"}),
        ("brak podpól", {"": "brak podpól"}),
    ],
)
def test_the_polish_86_subfields(text, fields):
    assert bank_files.mt940_details(text) == fields


def entry(**kwargs):
    return SampleEntry(**{"direction": "debit", "amount": 12_345, "booked_on": DAY, "title": "x", **kwargs})


def test_the_samples_of_both_formats_read_back_the_same_entries():
    entries = [
        # MT940 carries the end-to-end id in the title, where our pain.001 puts it too
        entry(
            end_to_end_id="KRN-20261206-001-A1B2C3-7", name="Firma", title="Bony / KRN-20261206-001-A1B2C3-7"
        ),
        entry(direction="credit", amount=99),
    ]
    xml = bank_files.statement_read(camt053(statement_id="S1", account=ACCOUNT, entries=entries, on=DAY))
    sta = bank_files.statement_read(mt940(statement_number="1", account=ACCOUNT, entries=entries, on=DAY))
    for statement in (xml, sta):
        assert [(e.direction, e.amount, e.end_to_end_id) for e in statement.entries] == [
            ("debit", 12_345, "KRN-20261206-001-A1B2C3-7"),
            ("credit", 99, ""),
        ]


def refused(content: bytes) -> str:
    """Why the file is refused, in English (the messages are translated; Polish is the default)."""
    with translation.override("en"), pytest.raises(ValidationError) as error:
        bank_files.statement_read(content)
    return " ".join(error.value.messages)


def test_a_camt053_invalid_against_the_schema_is_refused_with_the_place():
    content = (
        (FILES / "camt053_v08.xml")
        .read_bytes()
        .replace(b"<CdtDbtInd>DBIT</CdtDbtInd>", b"<CdtDbtInd>OUT</CdtDbtInd>", 1)
    )
    message = refused(content)
    assert "camt.053" in message
    assert "CdtDbtInd" in message


def test_a_camt053_without_a_required_element_is_refused():
    content = camt053(statement_id="S1", account=ACCOUNT, entries=[entry()], on=DAY).replace(
        b"<CreDtTm>2026-12-07T18:00:00</CreDtTm></GrpHdr>", b"</GrpHdr>"
    )
    assert "camt.053" in refused(content)


def test_xml_with_an_external_entity_is_refused_and_nothing_is_read():
    content = (
        b'<?xml version="1.0"?>\n<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
        b"<BkToCstmrStmt>&xxe;</BkToCstmrStmt></Document>"
    )
    message = refused(content)
    assert "DTD" in message or "entit" in message
    assert "root:" not in message


def test_xml_with_an_entity_expansion_bomb_is_refused():
    content = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b"<Document>&lol2;</Document>"
    )
    assert "DTD" in refused(content)


def test_a_file_over_the_limit_is_refused_before_it_is_parsed():
    assert "5 MB" in refused(b"<" + b" " * bank_files.MAX_BYTES)


def test_a_statement_that_does_not_add_up_is_refused():
    content = camt053(statement_id="S1", account=ACCOUNT, entries=[entry()], on=DAY).replace(
        b'<Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="PLN">999876.55',
        b'<Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="PLN">999876.56',
    )
    assert "does not add up" in refused(content)


def test_a_statement_in_another_currency_is_refused():
    content = camt053(statement_id="S1", account=ACCOUNT, entries=[entry()], on=DAY).replace(
        b"<Ccy>PLN</Ccy>", b"<Ccy>EUR</Ccy>"
    )
    assert "PLN" in refused(content)


@pytest.mark.parametrize("content", [b"", b"hello", b":20:X\n:25:Y\n", b"<notxml"])
def test_what_is_not_a_statement_is_refused(content):
    assert refused(content)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_amounts_become_grosze_exactly(value):
    assert bank_files.grosze(str(value)) == int(value * 100)
    assert bank_files.grosze(str(value).replace(".", ",")) == int(value * 100)


def test_an_amount_with_a_third_decimal_is_refused():
    with pytest.raises(ValidationError):
        bank_files.grosze("1.005")
