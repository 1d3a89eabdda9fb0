"""Pure rules of outreach: the states of a gmina's agreement, the kinds of local leaders and of
campaign channels, campaign codes, the reach figures per 1 000 adult residents and the low-reach
rule. No Django here."""

from __future__ import annotations

import re
import secrets
from decimal import ROUND_HALF_UP, Decimal

# --- the cooperation agreement's lifecycle ---
DRAFT = "draft"
ACTIVE = "active"
SUSPENDED = "suspended"
ENDED = "ended"
CANCELLED = "cancelled"
# An agreement in these states is the gmina's current one: a gmina has at most one.
CURRENT_STATES = (DRAFT, ACTIVE, SUSPENDED)

# --- campaign codes ---
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed from paper
CODE_LENGTH = 6
CODE_PATTERN = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")


def campaign_code_new() -> str:
    """A new random campaign code, six characters of an alphabet without look-alikes."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def campaign_code_clean(value: str) -> str | None:
    """The code as typed or scanned (any case, spaces) if it is well formed, else None."""
    code = "".join(value.split()).upper()
    return code if CODE_PATTERN.match(code) else None


# --- reach ---
PER = 1000


def per_thousand(count: int, adults: int | None) -> Decimal | None:
    """``count`` people per 1 000 adult residents, to one decimal (half up); None without a
    population figure (or with none living there)."""
    if not adults:
        return None
    return (Decimal(count) * PER / Decimal(adults)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def reach_low(registrations_per_thousand: Decimal | None, threshold: Decimal) -> bool:
    """A gmina's reach is low when its registrations per 1 000 adults are under the rule's
    threshold; a gmina with no population figure is not judged (it is shown as unknown)."""
    return registrations_per_thousand is not None and registrations_per_thousand < threshold
