"""Rules of the qualifications register that need no database: what a complete qualification is,
its code's form, and which of its fields the history compares. No Django here: a rule broken is an
English message id, translated where it is shown (kierunek.qualifications.services)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


def _(message: str) -> str:
    """Marks ``message`` for translation (makemessages finds it); translated where it is shown."""
    return message


PRK_MIN, PRK_MAX = 1, 8
MAX_WORKLOAD_HOURS = 100_000
MAX_VALIDITY_YEARS = 100
CODE_MAX_LENGTH = 40
KINDS = ("market", "sectoral")
# A code of the register as a URL carries it: letters, digits, dots, dashes and underscores.
CODE_RE = re.compile(r"[A-Z0-9][A-Z0-9._-]{0,39}")
PART_CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,19}")

# The qualification's own texts, in the order of its page, its export and the API.
TEXT_FIELDS = (
    "description",
    "target_group",
    "entry_conditions",
    "rights_conferred",
    "validation_methods",
    "validation_staff",
    "validation_conditions",
    "renewal_conditions",
)
REQUIRED_TEXT_FIELDS = frozenset({"description", "target_group", "validation_methods", "validation_staff"})
# Every field the history compares (the outcome sets as one field).
TRACKED_FIELDS = (
    "name",
    "kind",
    "prk_level",
    "workload_hours",
    *TEXT_FIELDS,
    "certificate_validity_years",
    "certifying_institutions",
    "quality_body",
    "registered_on",
    "demo",
    "outcome_sets",
)


@dataclass(frozen=True)
class OutcomeInput:
    code: str
    text: str
    criteria: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutcomeSetInput:
    code: str
    name: str
    outcomes: tuple[OutcomeInput, ...] = ()


@dataclass(frozen=True)
class QualificationInput:
    """Everything the office writes on a qualification."""

    code: str
    name: str
    kind: str
    prk_level: int
    workload_hours: int
    description: str
    target_group: str
    validation_methods: str
    validation_staff: str
    quality_body: str
    registered_on: date
    outcome_sets: tuple[OutcomeSetInput, ...]
    entry_conditions: str = ""
    rights_conferred: str = ""
    validation_conditions: str = ""
    renewal_conditions: str = ""
    certificate_validity_years: int | None = None
    certifying_institutions: tuple[str, ...] = ()
    demo: bool = False


def code_normalise(code: str) -> str:
    """A code as the register keeps it: without surrounding spaces, in capitals."""
    return code.strip().upper()


def is_code(code: str) -> bool:
    return CODE_RE.fullmatch(code) is not None


def qualification_problems(data: QualificationInput) -> dict[str, list[str]]:
    """Every rule ``data`` breaks, by field (empty when none): the database's constraints and the
    register's own (an outcome set has outcomes, each outcome has verification criteria, codes
    unique within their qualification)."""
    problems: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        problems.setdefault(name, []).append(message)

    if not is_code(data.code):
        add("code", _("A code has up to 40 letters, digits, dots, dashes or underscores."))
    if not data.name.strip():
        add("name", _("This field is required."))
    if data.kind not in KINDS:
        add("kind", _("A qualification is market or sectoral."))
    if not PRK_MIN <= data.prk_level <= PRK_MAX:
        add("prk_level", _("The PRK level is a whole number from 1 to 8."))
    if not 1 <= data.workload_hours <= MAX_WORKLOAD_HOURS:
        add("workload_hours", _("The workload is a whole number of hours, at least 1."))
    for name in REQUIRED_TEXT_FIELDS:
        if not getattr(data, name).strip():
            add(name, _("This field is required."))
    if not data.quality_body.strip():
        add("quality_body", _("This field is required."))
    validity = data.certificate_validity_years
    if validity is not None and not 1 <= validity <= MAX_VALIDITY_YEARS:
        add(
            "certificate_validity_years",
            _("The validity is a whole number of years from 1 to 100, or empty."),
        )
    if any(not name.strip() for name in data.certifying_institutions):
        add("certifying_institutions", _("An institution's name cannot be empty."))
    if not data.outcome_sets:
        add("outcome_sets", _("A qualification has at least one set of learning outcomes."))
    set_codes: set[str] = set()
    for outcome_set in data.outcome_sets:
        if PART_CODE_RE.fullmatch(outcome_set.code) is None:
            add("outcome_sets", _("A set's code has up to 20 letters, digits, dots, dashes or underscores."))
        if outcome_set.code in set_codes:
            add("outcome_sets", _("Two sets of learning outcomes have the same code."))
        set_codes.add(outcome_set.code)
        if not outcome_set.name.strip():
            add("outcome_sets", _("Every set of learning outcomes has a name."))
        if not outcome_set.outcomes:
            add("outcome_sets", _("Every set of learning outcomes has at least one outcome."))
        outcome_codes: set[str] = set()
        for outcome in outcome_set.outcomes:
            if PART_CODE_RE.fullmatch(outcome.code) is None:
                add(
                    "outcome_sets",
                    _("An outcome's code has up to 20 letters, digits, dots, dashes or underscores."),
                )
            if outcome.code in outcome_codes:
                add("outcome_sets", _("Two outcomes of a set have the same code."))
            outcome_codes.add(outcome.code)
            if not outcome.text.strip():
                add("outcome_sets", _("Every learning outcome has a text."))
            if not outcome.criteria or any(not criterion.strip() for criterion in outcome.criteria):
                add(
                    "outcome_sets", _("Every learning outcome has verification criteria, none of them empty.")
                )
    return {name: list(dict.fromkeys(messages)) for name, messages in problems.items()}


# Certificates (issue 16 §4, decision 0018). The states a certificate is kept in; "expired" is
# not one of them: it follows from the date, so nothing has to run at midnight for it.
CERTIFICATE_ISSUED = "issued"
CERTIFICATE_RENEWED = "renewed"  # a renewal certificate took its place
CERTIFICATE_REVOKED = "revoked"
# What the public verification answers.
STANDING_VALID = "valid"
STANDING_EXPIRED = "expired"
STANDING_REVOKED = "revoked"
STANDING_UNKNOWN = "unknown"
STANDINGS = (STANDING_VALID, STANDING_EXPIRED, STANDING_REVOKED, STANDING_UNKNOWN)
# How much of the holder's name the public verification shows, as the holder chose.
CONSENT_INITIALS = "initials"  # the default
CONSENT_FULL_NAME = "full_name"
CONSENT_NONE = "none"
CONSENTS = (CONSENT_INITIALS, CONSENT_FULL_NAME, CONSENT_NONE)
# A verification code: Crockford's base-32 (kierunek.events.domain's alphabet and reading), 60
# random bits, looked up and never listed.
CERTIFICATE_CODE_LENGTH = 12


def certificate_number(*, institution_id: int, year: int, sequence: int) -> str:
    """The certificate's number: the institution's series for the year, ``IC007/2026/00042``."""
    return f"IC{institution_id:03d}/{year}/{sequence:05d}"


def certificate_valid_until(issued_on: date, years: int | None) -> date | None:
    """The last day a certificate issued on ``issued_on`` for ``years`` is valid: the day before
    the anniversary (a 29 February anniversary falls on 28 February); None for no limit."""
    if years is None:
        return None
    year = issued_on.year + years
    try:
        anniversary = issued_on.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        anniversary = date(year, 3, 1)
    return date.fromordinal(anniversary.toordinal() - 1)


def certificate_standing(*, status: str, valid_until: date | None, today: date) -> str:
    """What the public is told about a certificate: revoked whatever its dates, else expired after
    its last valid day, else valid (a renewed certificate stays valid until its own last day)."""
    if status == CERTIFICATE_REVOKED:
        return STANDING_REVOKED
    if valid_until is not None and today > valid_until:
        return STANDING_EXPIRED
    return STANDING_VALID


def name_initials(name: str) -> str:
    """``Anna Maria Kowalska-Nowak`` -> ``A. M. K.-N.``: each word's first letter, a double-barrelled
    word's parts joined by their dash."""
    return " ".join(
        "-".join(f"{part[0].upper()}." for part in word.split("-") if part) for word in name.split()
    )


def holder_name_shown(name: str, consent: str) -> str:
    """The holder's name as the public verification may show it: in full, as initials (the
    default, also for an unknown consent), or not at all (an empty text)."""
    if consent == CONSENT_FULL_NAME:
        return " ".join(name.split())
    if consent == CONSENT_NONE:
        return ""
    return name_initials(name)
