import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban
from stdnum.pl import pesel as stdnum_pesel
from stdnum.pl import regon as stdnum_regon

from kierunek.core.validators import (
    normalize_iban,
    normalize_nip,
    normalize_pesel,
    pesel_birth_date,
    pesel_sex,
    validate_iban,
    validate_nip,
    validate_pesel,
    validate_pesel_matches,
    validate_polish_iban,
    validate_regon,
)


def with_check_digit(first_ten: str) -> str:
    """A PESEL with a correct check digit for its first ten digits."""
    return first_ten + stdnum_pesel.calc_check_digit(first_ten)


def iban_with_check_digits(country: str, bban: str) -> str:
    return country + stdnum_iban.calc_check_digits(country + "00" + bban) + bban


def error_codes(validator, value) -> list[str]:
    with pytest.raises(ValidationError) as excinfo:
        validator(value)
    return [error.code for error in excinfo.value.error_list]


def error_text(validator, value) -> str:
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        validator(value)
    with translation.override("en"):
        return " ".join(excinfo.value.messages)


# --- PESEL -----------------------------------------------------------------------------------

VALID_PESELS = [
    "44051401359",  # 1944-05-14, male
    "02070803628",  # 1902-07-08, female
    with_check_digit("0227150123"),  # 2002-07-15 (month + 20 for the 2000s)
    with_check_digit("8089290123"),  # 1880-09-29 (month + 80 for the 1800s)
    with_check_digit("0022290123"),  # 2000-02-29, a leap day
]

INVALID_PESELS = [
    # (value, code)
    ("4405140135", "invalid_length"),
    ("440514013590", "invalid_length"),
    ("", "invalid_format"),
    ("4405140135a", "invalid_format"),
    ("4405-1401359", "invalid_format"),
    ("\u0664\u0664051401359", "invalid_format"),  # Arabic-Indic digits are not PESEL digits
    ("44051401358", "invalid_checksum"),
    ("44051401369", "invalid_checksum"),
    (with_check_digit("4402300123"), "invalid_date"),  # 30 February 1944
    (with_check_digit("4413010123"), "invalid_date"),  # month 13
    (with_check_digit("0122290123"), "invalid_date"),  # 29 February 2001, not a leap year
    (with_check_digit("0045010123"), "future_date"),  # 2100-05-01 (month + 40 for the 2100s)
]


@pytest.mark.parametrize("pesel", VALID_PESELS)
def test_valid_pesel(pesel):
    validate_pesel(pesel)


@pytest.mark.parametrize("pesel", ["440514 01359", " 44051401359 ", "440\u00a0514\u00a001359"])
def test_pesel_whitespace_is_ignored(pesel):
    validate_pesel(pesel)
    assert normalize_pesel(pesel) == "44051401359"


@pytest.mark.parametrize(("pesel", "code"), INVALID_PESELS)
def test_invalid_pesel(pesel, code):
    assert error_codes(validate_pesel, pesel) == [code]


@pytest.mark.parametrize(
    ("pesel", "message"),
    [
        ("4405140135", "PESEL must have 11 digits."),
        ("4405140135a", "PESEL may contain digits only."),
        ("44051401358", "This PESEL number is not valid: its check digit does not match."),
        (with_check_digit("4402300123"), "This PESEL number encodes a date of birth that does not exist."),
    ],
)
def test_pesel_messages_say_what_is_wrong(pesel, message):
    assert message in error_text(validate_pesel, pesel)


@pytest.mark.parametrize(("pesel", "code"), INVALID_PESELS)
def test_pesel_messages_never_echo_the_number(pesel, code):
    text = error_text(validate_pesel, pesel)
    assert not re.search(r"[0-9]{4,}", text)  # no PESEL, nor any long part of one
    if pesel:
        assert pesel not in text


@pytest.mark.parametrize(
    ("pesel", "birth_date", "sex"),
    [
        ("44051401359", date(1944, 5, 14), "M"),
        ("02070803628", date(1902, 7, 8), "F"),
        (with_check_digit("0227150123"), date(2002, 7, 15), "M"),
        (with_check_digit("0227150124"), date(2002, 7, 15), "F"),
        (with_check_digit("8089290123"), date(1880, 9, 29), "M"),
        ("440514 01359", date(1944, 5, 14), "M"),
    ],
)
def test_pesel_birth_date_and_sex(pesel, birth_date, sex):
    assert pesel_birth_date(pesel) == birth_date
    assert pesel_sex(pesel) == sex
    validate_pesel_matches(pesel, birth_date=birth_date, sex=sex)


@pytest.mark.parametrize("helper", [pesel_birth_date, pesel_sex])
def test_pesel_helpers_refuse_an_invalid_pesel(helper):
    with pytest.raises(ValidationError):
        helper("44051401358")


@pytest.mark.parametrize(
    ("birth_date", "sex", "codes"),
    [
        (date(1944, 5, 15), None, ["birth_date_mismatch"]),
        (None, "F", ["sex_mismatch"]),
        (date(1945, 5, 14), "F", ["birth_date_mismatch", "sex_mismatch"]),
        (None, None, []),
    ],
)
def test_validate_pesel_matches_reports_every_mismatch(birth_date, sex, codes):
    if not codes:
        validate_pesel_matches("44051401359", birth_date=birth_date, sex=sex)
        return
    with pytest.raises(ValidationError) as excinfo:
        validate_pesel_matches("44051401359", birth_date=birth_date, sex=sex)
    assert [error.code for error in excinfo.value.error_list] == codes
    assert "44051401359" not in " ".join(excinfo.value.messages)


def test_validate_pesel_matches_refuses_an_unknown_sex_value():
    with pytest.raises(ValueError):  # noqa: PT011
        validate_pesel_matches("44051401359", sex="K")  # type: ignore[arg-type]


@given(
    st.dates(min_value=date(1800, 1, 1), max_value=date(2024, 12, 31)),
    st.integers(min_value=0, max_value=9999),
)
def test_pesel_encodes_every_date_of_birth_and_sex(birth_date, serial):
    """Given any birth date of the 1800s-2000s and serial, the PESEL built from them is valid and
    reads back the same date and the sex of the serial's last digit."""
    century_offset = {18: 80, 19: 0, 20: 20}[birth_date.year // 100]
    first_ten = (
        f"{birth_date.year % 100:02d}{birth_date.month + century_offset:02d}{birth_date.day:02d}{serial:04d}"
    )
    pesel = with_check_digit(first_ten)
    validate_pesel(pesel)
    assert pesel_birth_date(pesel) == birth_date
    assert pesel_sex(pesel) == ("F" if serial % 2 == 0 else "M")


# --- NIP -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nip", ["8567346215", "856-734-62-15", "856 734 62 15", "PL8567346215", "pl 8567346215"]
)
def test_valid_nip(nip):
    validate_nip(nip)
    assert normalize_nip(nip) == "8567346215"


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("856734621", "invalid_length"),
        ("85673462150", "invalid_length"),
        ("856734621X", "invalid_format"),
        ("", "invalid_format"),
        ("8567346216", "invalid_checksum"),
        ("8567346251", "invalid_checksum"),
    ],
)
def test_invalid_nip(nip, code):
    assert error_codes(validate_nip, nip) == [code]


def test_nip_messages():
    assert error_text(validate_nip, "856734621") == "NIP must have 10 digits."
    assert "check digit does not match" in error_text(validate_nip, "8567346216")


# --- REGON -----------------------------------------------------------------------------------

REGON_14 = "1925981840001" + stdnum_regon.calc_check_digit("1925981840001")


@pytest.mark.parametrize("regon", ["192598184", "192-598-184", REGON_14])
def test_valid_regon(regon):
    validate_regon(regon)


@pytest.mark.parametrize(
    ("regon", "code"),
    [
        ("19259818", "invalid_length"),
        ("1925981840", "invalid_length"),
        ("19259818X", "invalid_format"),
        ("192598185", "invalid_checksum"),
        (REGON_14[:-1] + str((int(REGON_14[-1]) + 1) % 10), "invalid_checksum"),
    ],
)
def test_invalid_regon(regon, code):
    assert error_codes(validate_regon, regon) == [code]


def test_regon_messages():
    assert error_text(validate_regon, "19259818") == "REGON must have 9 or 14 digits."


# --- IBAN ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "compact"),
    [
        ("PL61109010140000071219812874", "PL61109010140000071219812874"),
        ("PL61 1090 1014 0000 0712 1981 2874", "PL61109010140000071219812874"),
        ("pl61 1090 1014 0000 0712 1981 2874", "PL61109010140000071219812874"),
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
        ("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"),
    ],
)
def test_valid_iban(value, compact):
    validate_iban(value)
    assert normalize_iban(value) == compact


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("61109010140000071219812874", "invalid_format"),  # a Polish NRB without PL
        ("PL61-1090!1014", "invalid_format"),
        ("", "invalid_format"),
        ("1234", "invalid_format"),
        ("PL6110901014000007121981287", "invalid_length"),
        ("PL611090101400000712198128745", "invalid_length"),
        (iban_with_check_digits("DE", "37040044053201300"), "invalid_length"),  # one digit short
        ("PL62109010140000071219812874", "invalid_checksum"),
        ("PL61109010140000071219812875", "invalid_checksum"),
        (iban_with_check_digits("XX", "1234567890123456"), "invalid_country"),
    ],
)
def test_invalid_iban(value, code):
    assert error_codes(validate_iban, value) == [code]


def test_iban_messages():
    assert "add PL before the 26 digits" in error_text(validate_iban, "61 1090 1014 0000 0712 1981 2874")
    assert error_text(validate_iban, "PL6110901014000007121981287") == (
        "A Polish IBAN must have 28 characters: PL followed by 26 digits."
    )
    assert "check digits do not match" in error_text(validate_iban, "PL62109010140000071219812874")


def test_polish_iban():
    validate_polish_iban("PL61 1090 1014 0000 0712 1981 2874")
    assert error_codes(validate_polish_iban, "DE89370400440532013000") == ["invalid_country"]
    assert error_codes(validate_polish_iban, "PL62109010140000071219812874") == ["invalid_checksum"]
