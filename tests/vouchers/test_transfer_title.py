"""The contribution's transfer title: its form, its check digit (every single wrong digit and
every swap of neighbouring digits is caught), how a bank entry's title is read, and the ZBP QR text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kierunek.vouchers.domain import damm_check_digit, transfer_title, transfer_titles_in
from kierunek.vouchers.transfer_qr import zbp_payload

years = st.integers(min_value=2000, max_value=2099)
numbers = st.integers(min_value=1, max_value=999_999)


def test_the_form():
    assert transfer_title(year=2026, number=123) == "KW-2026-000123-8"


@given(year=years, number=numbers)
def test_a_title_reads_back_in_any_writing(year, number):
    title = transfer_title(year=year, number=number)
    for written in (
        title,
        title.lower(),
        title.replace("-", ""),
        title.replace("-", " "),
        f"Wpłata {title} dziękuję",
    ):
        assert transfer_titles_in(written) == [title]


@given(year=years, number=numbers, position=st.integers(0, 10), delta=st.integers(1, 9))
def test_any_single_wrong_digit_is_caught(year, number, position, delta):
    digits = transfer_title(year=year, number=number).replace("KW-", "").replace("-", "")
    wrong = digits[:position] + str((int(digits[position]) + delta) % 10) + digits[position + 1 :]
    assert transfer_titles_in(f"KW{wrong}") == []


@given(year=years, number=numbers, position=st.integers(0, 9))
def test_any_swap_of_neighbouring_digits_is_caught(year, number, position):
    digits = transfer_title(year=year, number=number).replace("KW-", "").replace("-", "")
    swapped = digits[:position] + digits[position + 1] + digits[position] + digits[position + 2 :]
    if swapped != digits:
        assert transfer_titles_in(f"KW{swapped}") == []


def test_damm_checks_to_zero_with_its_digit():
    for body in ("2026000123", "0000000000", "9999999999"):
        assert damm_check_digit(body + str(damm_check_digit(body))) == 0


@pytest.mark.parametrize(
    "text",
    ["KW-2026-00123-8", "XKW-2026-000123-8", "KW-2026-000123-81", "zamówienie 2026-000123-8", ""],
)
def test_what_is_not_a_title(text):
    assert transfer_titles_in(text) == []


def test_numbers_outside_the_form_are_refused():
    with pytest.raises(ValueError, match="six digits"):
        transfer_title(year=2026, number=1_000_000)
    with pytest.raises(ValueError, match="four-digit year"):
        transfer_title(year=26, number=1)


def test_the_zbp_qr_text():
    assert (
        zbp_payload(
            iban="PL92113010170020123456200001",
            amount=64_935,
            recipient="Operator Finansowy Kierunek Kariera",
            title="KW-2026-000123-8",
        )
        == "|PL|92113010170020123456200001|064935|Operator Finansowy|KW-2026-000123-8|||"
    )
    assert zbp_payload(iban="DE89370400440532013000", amount=1, recipient="X", title="T") is None
    assert (
        zbp_payload(iban="PL92113010170020123456200001", amount=1_000_000, recipient="X", title="T") is None
    )
