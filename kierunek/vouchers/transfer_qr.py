"""The QR code of a contribution's transfer in the Polish banks' format (Związek Banków Polskich,
"Rekomendacja dotycząca kodu dwuwymiarowego (QR) umożliwiającego realizację polecenia przelewu"):
nine fields separated by ``|`` (the recipient's NIP, the country, the 26-digit account number, the
amount in grosze on six digits, the recipient's name of at most 20 characters, the title of at most
32, three reserved), at most 160 characters, a QR code of error-correction level L. A banking app
that scans it fills in the transfer, so the title and the amount reach the bank as we wrote them."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe

MAX_AMOUNT = 999_999  # grosze: six digits


def _field(text: str, limit: int) -> str:
    """A field as the standard allows: no separator, at most ``limit`` characters, cut at a word."""
    text = " ".join(text.replace("|", " ").split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut or text[:limit]


def zbp_payload(*, iban: str, amount: int, recipient: str, title: str, nip: str = "") -> str | None:
    """The text of the code, or None when the standard cannot carry the transfer (a foreign
    account, an amount over 9 999,99 zł)."""
    compact = iban.replace(" ", "").upper()
    if not compact.startswith("PL") or len(compact) != 28 or not 0 < amount <= MAX_AMOUNT:
        return None
    fields = [nip, "PL", compact[2:], f"{amount:06d}", _field(recipient, 20), _field(title, 32), "", "", ""]
    return "|".join(fields)


def zbp_qr_svg(payload: str, *, title: str) -> SafeString:
    """The code as inline SVG (no file, no script), with ``title`` for screen readers."""
    code = segno.make(payload, error="l", micro=False, encoding="utf-8")
    return mark_safe(code.svg_inline(scale=4, title=title, border=4))  # noqa: S308 - segno's own SVG
