"""Validators for Polish identifiers (PESEL, NIP, REGON), bank account numbers (IBAN) and plain
text (no control characters).

Each ``validate_*`` function is a Django validator: it returns ``None`` or raises
``django.core.exceptions.ValidationError`` with a ``code`` and a message that says what is wrong,
so that a person can fix the typo. Messages never repeat the value: a PESEL in an error message
ends up in logs, e-mails and screenshots.

The checks themselves come from python-stdnum; this module only orders them so that the first
error reported is the one a person can act on (length before check digit), and words them.

Error codes: ``invalid_format`` (characters other than digits), ``invalid_length``,
``invalid_checksum`` (check digit), ``invalid_date`` / ``future_date`` (PESEL birth date),
``invalid_country`` (IBAN), ``birth_date_mismatch`` / ``sex_mismatch`` (PESEL vs declared data),
``control_characters`` (plain text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import pesel as stdnum_pesel
from stdnum.pl import regon as stdnum_regon

Sex = Literal["F", "M"]

_WHITESPACE_RE = re.compile(r"\s+")  # includes no-break spaces pasted from documents
_ASCII_DIGITS_RE = re.compile(r"[0-9]+")
_IBAN_SHAPE_RE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]+")
_POLISH_IBAN_LENGTH = 28  # "PL" + 2 check digits + 24-digit NRB without its own check digits

# ---------------------------------------------------------------------------------------------
# PESEL
# ---------------------------------------------------------------------------------------------


def normalize_pesel(value: str) -> str:
    """``value`` without any whitespace (people paste PESEL as "440514 01359")."""
    return _WHITESPACE_RE.sub("", value)


def validate_pesel(value: str) -> None:
    """A PESEL: 11 digits, a correct check digit and a date of birth that exists and is not in the
    future. Whitespace is ignored; store :func:`normalize_pesel` of the value."""
    pesel = normalize_pesel(str(value))
    if not _ASCII_DIGITS_RE.fullmatch(pesel):
        raise ValidationError(_("PESEL may contain digits only."), code="invalid_format")
    if len(pesel) != 11:
        raise ValidationError(_("PESEL must have 11 digits."), code="invalid_length")
    try:
        stdnum_pesel.validate(pesel)
    except InvalidChecksum:
        raise ValidationError(
            _("This PESEL number is not valid: its check digit does not match. Check it for typos."),
            code="invalid_checksum",
        ) from None
    except InvalidComponent:
        raise ValidationError(
            _("This PESEL number encodes a date of birth that does not exist. Check it for typos."),
            code="invalid_date",
        ) from None
    except StdnumValidationError:  # pragma: no cover - format and length are checked above
        raise ValidationError(_("This PESEL number is not valid."), code="invalid") from None
    if stdnum_pesel.get_birth_date(pesel) > timezone.localdate():
        raise ValidationError(
            _("This PESEL number encodes a date of birth in the future. Check it for typos."),
            code="future_date",
        )


def pesel_birth_date(pesel: str) -> date:
    """The date of birth a valid PESEL encodes (months +20/+40/+60/+80 mark the century).
    Raises ``ValidationError`` (see :func:`validate_pesel`) for an invalid PESEL."""
    pesel = normalize_pesel(pesel)
    validate_pesel(pesel)
    return stdnum_pesel.get_birth_date(pesel)


def pesel_sex(pesel: str) -> Sex:
    """``"F"`` or ``"M"``: the sex a valid PESEL encodes (10th digit even or odd).
    Raises ``ValidationError`` for an invalid PESEL."""
    pesel = normalize_pesel(pesel)
    validate_pesel(pesel)
    return "F" if int(pesel[9]) % 2 == 0 else "M"


def validate_pesel_matches(pesel: str, *, birth_date: date | None = None, sex: Sex | None = None) -> None:
    """Check a valid PESEL against the date of birth and sex a person declared; ``None`` skips a
    check. All mismatches are reported together."""
    if sex is not None and sex not in ("F", "M"):
        raise ValueError('sex must be "F" or "M".')
    errors: list[ValidationError] = []
    if birth_date is not None and pesel_birth_date(pesel) != birth_date:
        errors.append(
            ValidationError(
                _("The date of birth does not match the one in the PESEL number."),
                code="birth_date_mismatch",
            )
        )
    if sex is not None and pesel_sex(pesel) != sex:
        errors.append(
            ValidationError(_("The sex does not match the one in the PESEL number."), code="sex_mismatch")
        )
    if errors:
        raise ValidationError(errors)


# ---------------------------------------------------------------------------------------------
# NIP and REGON
# ---------------------------------------------------------------------------------------------


def normalize_nip(value: str) -> str:
    """The 10 digits of a NIP: without spaces, dashes ("856-734-62-15") or the "PL" VAT prefix."""
    return stdnum_nip.compact(_WHITESPACE_RE.sub("", value))


def validate_nip(value: str) -> None:
    """A NIP (tax identification number): 10 digits with a correct check digit. Spaces, dashes and
    a "PL" prefix are ignored; store :func:`normalize_nip` of the value."""
    nip = normalize_nip(str(value))
    if not _ASCII_DIGITS_RE.fullmatch(nip):
        raise ValidationError(_("NIP may contain digits only."), code="invalid_format")
    if len(nip) != 10:
        raise ValidationError(_("NIP must have 10 digits."), code="invalid_length")
    if not stdnum_nip.is_valid(nip):
        raise ValidationError(
            _("This NIP number is not valid: its check digit does not match. Check it for typos."),
            code="invalid_checksum",
        )


def normalize_regon(value: str) -> str:
    """The digits of a REGON, without spaces or dashes."""
    return stdnum_regon.compact(_WHITESPACE_RE.sub("", value))


def validate_regon(value: str) -> None:
    """A REGON (business register number): 9 digits, or 14 for a local unit, with correct check
    digits. Spaces and dashes are ignored."""
    regon = normalize_regon(str(value))
    if not _ASCII_DIGITS_RE.fullmatch(regon):
        raise ValidationError(_("REGON may contain digits only."), code="invalid_format")
    if len(regon) not in (9, 14):
        raise ValidationError(_("REGON must have 9 or 14 digits."), code="invalid_length")
    if not stdnum_regon.is_valid(regon):
        raise ValidationError(
            _("This REGON number is not valid: its check digit does not match. Check it for typos."),
            code="invalid_checksum",
        )


# ---------------------------------------------------------------------------------------------
# IBAN
# ---------------------------------------------------------------------------------------------


def normalize_iban(value: str) -> str:
    """An IBAN in its compact form: upper case, without spaces, dashes or dots."""
    return stdnum_iban.compact(_WHITESPACE_RE.sub("", value))


def validate_iban(value: str) -> None:
    """A valid IBAN of any country (Polish accounts are the usual case). Spaces are ignored;
    store :func:`normalize_iban` of the value."""
    iban = normalize_iban(str(value))
    if _ASCII_DIGITS_RE.fullmatch(iban) and len(iban) == _POLISH_IBAN_LENGTH - 2:
        raise ValidationError(
            _("An IBAN starts with a country code: for a Polish account, add PL before the 26 digits."),
            code="invalid_format",
        )
    if not _IBAN_SHAPE_RE.fullmatch(iban):
        raise ValidationError(
            _("An IBAN starts with a country code, such as PL, and has only letters and digits."),
            code="invalid_format",
        )
    if iban.startswith("PL") and len(iban) != _POLISH_IBAN_LENGTH:
        raise ValidationError(
            _("A Polish IBAN must have 28 characters: PL followed by 26 digits."), code="invalid_length"
        )
    try:
        stdnum_iban.validate(iban)
    except InvalidChecksum:
        raise ValidationError(
            _("This account number is not valid: its check digits do not match. Check it for typos."),
            code="invalid_checksum",
        ) from None
    except InvalidComponent:
        raise ValidationError(_("This IBAN has an unknown country code."), code="invalid_country") from None
    except (InvalidFormat, InvalidLength):
        raise ValidationError(
            _("This IBAN does not have the length or format used in its country."), code="invalid_length"
        ) from None
    except StdnumValidationError:  # pragma: no cover - every stdnum error is mapped above
        raise ValidationError(_("This IBAN is not valid."), code="invalid") from None


def validate_polish_iban(value: str) -> None:
    """A valid IBAN of a Polish bank account (country code PL)."""
    validate_iban(value)
    if not normalize_iban(str(value)).startswith("PL"):
        raise ValidationError(
            _("Give the number of an account in a Polish bank (IBAN starting with PL)."),
            code="invalid_country",
        )


# ---------------------------------------------------------------------------------------------
# Plain text
# ---------------------------------------------------------------------------------------------

# C0 controls except tab, line feed and carriage return (a text area sends those), DEL, the C1
# controls (text mis-decoded from a code page), lone UTF-16 surrogates (a JSON "\ud800" escape:
# not encodable as UTF-8) and the two non-characters. NUL is the one that does harm at once:
# PostgreSQL refuses it in text; the others break CSV, XML bank files and terminals later.
CONTROL_CHARACTERS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
CONTROL_CHARACTERS_MESSAGE = _(
    "Remove the control characters (such as NUL) from this text; only letters, digits, "
    "punctuation, spaces, tabs and line breaks are allowed."
)


def has_control_characters(value: str) -> bool:
    """Whether ``value`` holds a character that :func:`validate_plain_text` refuses."""
    return CONTROL_CHARACTERS_RE.search(value) is not None


def validate_plain_text(value: str) -> None:
    """Text a person could have typed: no control characters other than tab and line breaks.
    The one rule for every text that comes in, through a form or the API."""
    if has_control_characters(str(value)):
        raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")


# ---------------------------------------------------------------------------------------------
# Normalized and checked: what a form's clean_<field> and a service store
# ---------------------------------------------------------------------------------------------


def _checked(normalize: Callable[[str], str], validate: Callable[[str], None]) -> Callable[[str], str]:
    def clean(value: str) -> str:
        normalized = normalize(value)
        validate(normalized)
        return normalized

    return clean


clean_nip = _checked(normalize_nip, validate_nip)
clean_regon = _checked(normalize_regon, validate_regon)
clean_iban = _checked(normalize_iban, validate_iban)
