"""Pure rules of agreements: the kinds and states, the placeholders a template may use and how they
are filled, when a provider's agreement is in force, and what an annex must say. No Django."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

PARTICIPATION = "participation"
ANNEX = "annex"
PROVIDER = "provider"
KINDS = (PARTICIPATION, ANNEX, PROVIDER)
# The kinds a participant accepts (an annex changes a participation agreement).
PARTICIPANT_KINDS = (PARTICIPATION, ANNEX)

AWAITING = "awaiting"
ACCEPTED = "accepted"
COUNTERSIGNED = "countersigned"
TERMINATED = "terminated"
STATES = (AWAITING, ACCEPTED, COUNTERSIGNED, TERMINATED)
# What the participant or the provider has agreed to (the office's countersignature follows).
AGREED = (ACCEPTED, COUNTERSIGNED)

# The second factor a person accepts with: a one-time code sent by e-mail, or their app.
FACTOR_EMAIL = "email"
FACTOR_APP = "app"
FACTORS = (FACTOR_EMAIL, FACTOR_APP)
CODE_DIGITS = 6
CODE_VALID_MINUTES = 10
CODE_MAX_ATTEMPTS = 5
CODES_PER_HOUR = 5

# The programme's rules that change what a participant agreed to: the value of a voucher, how many
# vouchers a service takes, and the deadlines and validity of vouchers. A new version of one of
# them after the agreement is accepted calls for an annex.
AGREED_RULES = ("voucher_unit", "consumption", "booking")

# The placeholders each kind of template may use, with what they are filled with. Anything else in
# double braces is refused when the office saves a version.
COMMON_PLACEHOLDERS = {
    "agreement_number": "the agreement's number",
    "date": "the day the agreement was generated",
    "programme": "the programme's name",
    "programme_period": "the programme's period",
    "rules": "the programme's rules in force, with their decisions",
    "legal_basis": "the version's legal basis",
}
PLACEHOLDERS: dict[str, dict[str, str]] = {
    PARTICIPATION: {
        **COMMON_PLACEHOLDERS,
        "participant_name": "the participant's name",
        "participant_email": "the participant's e-mail",
        "packages": "the packages with their vouchers",
    },
    ANNEX: {
        **COMMON_PLACEHOLDERS,
        "participant_name": "the participant's name",
        "agreement_of": "the number of the agreement the annex changes",
        "changes": "what changed since the agreement",
        "packages": "the packages with their vouchers",
    },
    PROVIDER: {
        **COMMON_PLACEHOLDERS,
        "provider_name": "the provider's legal name",
        "provider_nip": "the provider's NIP",
        "provider_address": "the provider's address",
        "valid_from": "the first day of the agreement",
        "valid_until": "the last day of the agreement",
    },
}

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def placeholders_in(text: str) -> set[str]:
    """The names used as ``{{ name }}`` in ``text``."""
    return set(_PLACEHOLDER.findall(text))


def unknown_placeholders(text: str, kind: str) -> list[str]:
    """The placeholders of ``text`` a template of ``kind`` cannot fill, sorted."""
    return sorted(placeholders_in(text) - set(PLACEHOLDERS[kind]))


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with every ``{{ name }}`` replaced by its value (an unknown name stays as written:
    the office's form refuses it before it is saved, so none reaches an agreement)."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def version_in_force(valid_from: date, valid_until: date | None, day: date) -> bool:
    return valid_from <= day and (valid_until is None or day <= valid_until)


def provider_agreement_in_force(
    *,
    status: str,
    valid_from: date | None,
    valid_until: date | None,
    no_bookings_after: date | None,
    day: date,
) -> bool:
    """A provider's agreement allows new bookings on ``day`` once countersigned, within its period,
    and, when terminated, until the day the termination names."""
    if status not in (COUNTERSIGNED, TERMINATED) or valid_from is None or valid_until is None:
        return False
    if not valid_from <= day <= valid_until:
        return False
    if status == TERMINATED:
        return no_bookings_after is not None and day <= no_bookings_after
    return True


def annex_changes(
    *,
    agreed_rules: Mapping[str, int],
    rules_in_force: Mapping[str, int],
    agreed_packages: set[str] | frozenset[str],
    plan_packages: set[str] | frozenset[str],
) -> tuple[list[str], list[str]]:
    """What an annex must cover: the agreed rules whose version in force is no longer the one
    agreed to (a rule not yet in force when agreed counts as changed once it is), and the packages
    the participant's plan now allows that were not agreed. Both sorted; empty lists: no annex."""
    rules = sorted(
        key for key in AGREED_RULES if key in rules_in_force and agreed_rules.get(key) != rules_in_force[key]
    )
    return rules, sorted(set(plan_packages) - set(agreed_packages))
