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
