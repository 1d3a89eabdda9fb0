"""Protection of personal data (PII): field encryption, PESEL look-up hashes, masking, log redaction.

- :func:`encrypt` / :func:`decrypt`: Fernet (AES-128-CBC + HMAC-SHA256) with the keys in
  ``settings.KIERUNEK_FIELD_ENCRYPTION_KEYS``. The first key encrypts, every key decrypts, so keys
  are rotated by putting a new key first, re-encrypting (:func:`rotate`), then dropping the old key.
- :func:`pesel_lookup_hash`: a keyed hash (HMAC-SHA256 with ``settings.KIERUNEK_PESEL_HASH_KEY``)
  stored next to the encrypted PESEL, so that the database can enforce uniqueness and find a person
  by PESEL without holding the PESEL readable. Keyed, because the PESEL space is small (about
  10^10 numbers, fewer for plausible birth dates): a plain hash would be reversed by brute force.
- :func:`mask_pesel` and :class:`PeselRedactingFilter`: what may be shown or logged instead.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import re

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from stdnum.pl import pesel as stdnum_pesel

from .validators import normalize_pesel

PESEL_MASK_PREFIX = "*" * 7


class DecryptionError(Exception):
    """A ciphertext could not be decrypted with any configured key (wrong key list or damaged
    data). The message never contains the ciphertext."""


def _encryption_keys() -> tuple[str | bytes, ...]:
    keys = tuple(getattr(settings, "KIERUNEK_FIELD_ENCRYPTION_KEYS", None) or ())
    if not keys:
        raise ImproperlyConfigured(
            "Set KIERUNEK_FIELD_ENCRYPTION_KEYS to a list of Fernet keys "
            "(generate one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())')."
        )
    return keys


@functools.lru_cache(maxsize=8)
def _multi_fernet(keys: tuple[str | bytes, ...]) -> MultiFernet:
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError):
            # Name the position, never the key.
            raise ImproperlyConfigured(
                f"KIERUNEK_FIELD_ENCRYPTION_KEYS[{position - 1}] is not a valid Fernet key "
                "(32 bytes, URL-safe base64)."
            ) from None
    return MultiFernet(fernets)


def _fernet() -> MultiFernet:
    # Cached per key tuple: building Fernet objects decodes keys, and tests override settings.
    return _multi_fernet(_encryption_keys())


def encrypt(plaintext: str) -> str:
    """A ciphertext (URL-safe base64 text) of ``plaintext`` under the first configured key. Each
    call gives a different ciphertext (random IV), so ciphertexts cannot be compared or searched."""
    return _fernet().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """The plaintext of a ciphertext made by :func:`encrypt` under any configured key."""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError):
        raise DecryptionError("The value cannot be decrypted with any configured key.") from None


def rotate(token: str) -> str:
    """``token`` re-encrypted under the first (newest) key: the step between adding a new key in
    front of the list and removing the old one."""
    try:
        return _fernet().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError):
        raise DecryptionError("The value cannot be decrypted with any configured key.") from None


def pesel_lookup_hash(pesel: str) -> str:
    """HMAC-SHA256 (64 hex characters) of the normalized PESEL under
    ``settings.KIERUNEK_PESEL_HASH_KEY``. Stable for a given key: equal PESELs give equal hashes.
    Changing the key changes every hash (they must then be recomputed from the decrypted PESELs)."""
    key = getattr(settings, "KIERUNEK_PESEL_HASH_KEY", "")
    if not key:
        raise ImproperlyConfigured("Set KIERUNEK_PESEL_HASH_KEY to a long random secret.")
    key_bytes = key.encode("utf-8") if isinstance(key, str) else key
    return hmac.new(key_bytes, normalize_pesel(pesel).encode("ascii"), hashlib.sha256).hexdigest()


def mask_pesel(pesel: str) -> str:
    """``"*******1359"``: seven asterisks and the last four digits, enough for a person to recognise
    their own number and not enough to use it."""
    return PESEL_MASK_PREFIX + normalize_pesel(pesel)[-4:]


# An 11-digit run not part of a longer run of digits ("pesel=44051401359" matches, a 12-digit
# number does not). Only runs that are valid PESELs are masked, so other identifiers stay readable.
_ELEVEN_DIGITS_RE = re.compile(r"(?<![0-9])[0-9]{11}(?![0-9])")


def redact_pesels(text: str) -> str:
    """``text`` with every valid PESEL in it replaced by :func:`mask_pesel` of it."""

    def replace(match: re.Match[str]) -> str:
        number = match.group(0)
        return mask_pesel(number) if stdnum_pesel.is_valid(number) else number

    return _ELEVEN_DIGITS_RE.sub(replace, text)


class PeselRedactingFilter(logging.Filter):
    """A logging filter that masks every valid PESEL in a record before a handler formats it.

    The message is formatted here (``record.getMessage()``, arguments included), redacted, and
    put back as ``record.msg`` with ``record.args = ()``. A formatted exception or stack trace
    is redacted too. Configured in ``settings.LOGGING`` on the handlers; it never drops a record.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not leak the arguments unredacted
            message = f"{record.msg} [log arguments dropped: they do not match the format]"
        record.msg = redact_pesels(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_pesels(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_pesels(record.stack_info)
        return True
