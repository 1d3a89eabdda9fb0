"""The PDF of a development plan and its portfolio, in Polish (the programme's language),
rendered on demand from the balance (kierunek.core.pdf)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from urllib.parse import quote

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kierunek.core.pdf import render_pdf

from .models import (
    DIMENSION_LABELS,
    EXPERIENCE_KIND_LABELS,
    LEVEL_LABELS,
    PACKAGE_KIND_LABELS,
    PLAN_STATUS_LABELS,
    PRIORITY_LABELS,
    CompetenceBalance,
)
from .selectors import areas_of, experiences_of, portfolio_of, profile_of


def _day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return formats.date_format(value, "j E Y")


def plan_pdf(*, balance: CompetenceBalance) -> bytes:
    """The plan (areas, goals, packages, categories), the competence profile, the experiences and
    the portfolio, with who signed and when the participant acknowledged it."""
    with translation.override(settings.LANGUAGE_CODE):
        plan = balance.plan
        participant = balance.participant
        meta = {
            _("Participant"): participant.get_full_name(),
            _("Career advisor"): balance.advisor.get_full_name(),
            _("Status"): str(PLAN_STATUS_LABELS[plan.status]),
        }
        if plan.signed_at:
            meta[_("Signed by the advisor")] = _day(plan.signed_at)
        if plan.acknowledged_at:
            meta[_("Acknowledged by the participant")] = _day(plan.acknowledged_at)
        if plan.target_occupation:
            meta[_("Target occupation")] = plan.target_occupation.label

        sections: list[tuple[str, list[str]]] = []
        if plan.summary:
            sections.append((_("Summary of the balance"), [plan.summary]))
        for number, area in enumerate(areas_of(plan), start=1):
            lines = [
                f"{_('Package')}: {PACKAGE_KIND_LABELS[area.package_kind]} · "
                f"{_('Priority')}: {PRIORITY_LABELS.get(area.priority, area.priority)}",
            ]
            if area.gap:
                lines.append(f"{_('The gap')}: {area.gap}")
            lines.append(f"{_('Goals')}: {area.goals}")
            categories = ", ".join(category.name for category in area.categories.all())
            if categories:
                lines.append(f"{_('Service categories')}: {categories}")
            if area.qualification:
                qualification = area.qualification
                lines.append(
                    f"{_('Qualification of the register (ZSK)')}: {qualification.name} "
                    f"({qualification.code}, PRK {qualification.prk_level})"
                )
            elif area.market_qualification:
                lines.append(f"{_('Market qualification')}: {area.market_qualification}")
            sections.append(
                (_("Development area %(number)d: %(title)s") % {"number": number, "title": area.title}, lines)
            )

        profile = [
            f"{entry.competence.label} — {DIMENSION_LABELS[entry.dimension]}, {LEVEL_LABELS[entry.level]}"
            + (f", PRK {entry.prk_level}" if entry.prk_level else "")
            + (f". {entry.evidence}" if entry.evidence else "")
            for entry in profile_of(balance)
        ]
        if profile:
            sections.append((_("Competence profile"), profile))
        experiences = [
            f"{EXPERIENCE_KIND_LABELS[e.kind]}: {e.title}"
            + (f", {e.organisation}" if e.organisation else "")
            + f" ({_day(e.started_on)} \u2013 {_day(e.ended_on) or _('now')})"
            + (f". {e.activities}" if e.activities else "")
            for e in experiences_of(balance)
        ]
        if experiences:
            sections.append((_("Experience"), experiences))
        portfolio = [
            f"{item.title}"
            + (
                " — " + _("reference given by %(referee)s") % {"referee": item.referee_name}
                if item.kind == "reference"
                else f" ({_('document')})"
            )
            + (f". {item.description}" if item.description else "")
            for item in portfolio_of(balance)
        ]
        if portfolio:
            sections.append((_("Portfolio"), portfolio))
        if plan.feedback:
            sections.append((_("Participant's feedback"), [plan.feedback]))
        return render_pdf(
            title=_("Individual development plan"),
            meta=meta,
            sections=sections,
            author=balance.advisor.get_full_name(),
        )


# Letters NFKD does not take apart into a base letter and a mark (ł is a letter of its own).
_TRANSLITERATION = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss"})


def ascii_transliteration(text: str) -> str:
    """``text`` in ASCII letters: Polish letters lose their marks (Łukasz Żółć -> Lukasz Zolc),
    nothing is dropped but what has no ASCII form."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def _file_stem(text: str) -> str:
    return re.sub(r"[^\w-]+", "_", text, flags=re.UNICODE).strip("_")


def plan_file_disposition(balance: CompetenceBalance) -> str:
    """The Content-Disposition of the plan's PDF: ``Plan_rozwoju_<name>.pdf``, an ASCII
    transliteration for every browser and the name with its Polish letters (RFC 5987) for those
    that read ``filename*``."""
    name = _file_stem(balance.participant.get_full_name()) or str(balance.participant_id)
    utf8 = f"Plan_rozwoju_{name}.pdf"
    ascii_name = _file_stem(ascii_transliteration(utf8.removesuffix(".pdf"))) + ".pdf"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(utf8)}"
