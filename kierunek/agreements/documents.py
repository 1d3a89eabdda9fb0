"""The agreement as a document: the values its template's placeholders are filled with, and the
PDF (Polish, :func:`kierunek.core.pdf.render_pdf`, byte-for-byte reproducible). The PDF is made
once, when the agreement is generated, and stored with its SHA-256: what the person accepts is
those exact bytes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from kierunek.core.money import Money
from kierunek.core.pdf import render_pdf

from . import domain
from .models import TemplateVersion

DASH = "\u2013"  # an en dash, between dates and before list items


def day_text(day: date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else "—"


def rules_text(rules: dict[str, dict[str, str]], labels: dict[str, str]) -> str:
    """One line per rule: its name, since when, and the decision that set it."""
    return "\n".join(
        f"{DASH} "
        + _("%(rule)s: %(decision)s (in force from %(day)s)")
        % {
            "rule": labels.get(key, key),
            "decision": value["decision_ref"],
            "day": day_text(date.fromisoformat(value["valid_from"])),
        }
        for key, value in sorted(rules.items())
    )


def packages_text(packages: list[tuple[str, int, int]]) -> str:
    """``packages``: (name, vouchers, value in grosze on the day)."""
    return "\n".join(
        f"{DASH} "
        + _("%(name)s: %(vouchers)d vouchers, worth %(value)s on the day of the agreement")
        % {"name": name, "vouchers": vouchers, "value": Money(value).format()}
        for name, vouchers, value in packages
    )


@dataclass(frozen=True)
class Rendered:
    text: str
    pdf: bytes
    sha256: str


def agreement_render(
    *, version: TemplateVersion, number: str, party: dict[str, str], values: dict[str, str]
) -> Rendered:
    """Fill the version's text and render the PDF: the title, a table of facts (the number, the
    parties, the version and its period, the legal basis), the text, then the rules recorded."""
    with translation.override(settings.LANGUAGE_CODE):
        text = domain.fill(version.body, {**values, "agreement_number": number})
        meta = {
            _("Number"): number,
            **party,
            _("Programme"): values.get("programme", ""),
            _("Generated on"): values.get("date", ""),
            _("Template version"): f"{version.number} ({_('used from')} {day_text(version.valid_from)})",
            _("Legal basis"): version.legal_basis,
        }
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        sections = [(_("Text of the agreement"), paragraphs)]
        if values.get("rules"):
            sections.append((_("Programme rules in force"), values["rules"].split("\n")))
        pdf = render_pdf(title=version.title, sections=sections, meta=meta, author="Kierunek")
    return Rendered(text=text, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest())
