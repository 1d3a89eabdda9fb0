"""Validation before training (issue 16): does the participant's competence profile already cover
most learning outcomes of the qualification a development area targets? Then the next step is the
validation of those outcomes and a certificate, with training only for what is missing, not a whole
course. Pure rules, no Django: the texts come already analysed into the tokens of the Polish
analyser the register's search uses (``kierunek.catalogue.search.text.document_tokens``: each
word's folded form and lemmas), so "księguje dokumenty" meets "księgowanie dokumentów"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

# Validation is recommended first when the profile covers at least three quarters of the
# qualification's learning outcomes. Validation verifies every outcome, and a set not passed is
# taken again later (partial results are kept): with a quarter or less missing the person closes
# that gap with a short course between the sets, which costs less than a whole course before a
# validation that would mostly confirm what they already know. With more missing, a person
# usually fails whole sets, and training first is the better order. "Most" in the words,
# set above the bare majority because a failed verification costs the fee and the person's time.
VALIDATION_FIRST_SHARE = Fraction(3, 4)
# Only a competence the advisor assessed at least at this level (2, intermediate: used without
# help in typical situations) counts towards an outcome: a market qualification certifies
# independent work, which a basic level does not show.
MIN_LEVEL = 2
# A competence's name covers an outcome when the outcome's text has all its words, if the name has
# one or two, else at least this share of them (ESCO names are short: "prowadzić księgowość",
# "sporządzać sprawozdania finansowe"; an outcome says the same in a longer sentence).
NAME_WORDS_SHARE = Fraction(2, 3)


@dataclass(frozen=True)
class ProfileEntry:
    """A competence of the profile: its name, the analysed tokens of each of the name's words
    (stop words left out), and the level the advisor assessed."""

    label: str
    words: tuple[frozenset[str], ...]
    level: int


@dataclass(frozen=True)
class Outcome:
    """A learning outcome of the qualification: its set, code, text, and the analysed tokens of
    its text."""

    set_code: str
    code: str
    text: str
    tokens: frozenset[str]


@dataclass(frozen=True)
class CoveredOutcome:
    outcome: Outcome
    by: str  # the name of the competence that covers it


@dataclass(frozen=True)
class Coverage:
    covered: tuple[CoveredOutcome, ...]
    missing: tuple[Outcome, ...]

    @property
    def total(self) -> int:
        return len(self.covered) + len(self.missing)

    @property
    def share(self) -> Fraction:
        return Fraction(len(self.covered), self.total) if self.total else Fraction(0)

    @property
    def validation_first(self) -> bool:
        """Whether validation comes before training (:data:`VALIDATION_FIRST_SHARE`)."""
        return self.total > 0 and self.share >= VALIDATION_FIRST_SHARE


def covers(entry: ProfileEntry, outcome: Outcome) -> bool:
    """Whether the competence's name is said by the outcome's text (see :data:`NAME_WORDS_SHARE`)
    and the competence is held at :data:`MIN_LEVEL` at least."""
    if entry.level < MIN_LEVEL or not entry.words:
        return False
    found = sum(1 for word in entry.words if word & outcome.tokens)
    needed = len(entry.words) if len(entry.words) <= 2 else NAME_WORDS_SHARE * len(entry.words)
    return found >= needed


def outcome_coverage(*, outcomes: Sequence[Outcome], profile: Iterable[ProfileEntry]) -> Coverage:
    """Which of the qualification's outcomes the profile covers (each with the first competence,
    in the profile's order, that covers it) and which it does not, in the outcomes' order."""
    entries = list(profile)
    covered: list[CoveredOutcome] = []
    missing: list[Outcome] = []
    for outcome in outcomes:
        by = next((entry.label for entry in entries if covers(entry, outcome)), None)
        if by is None:
            missing.append(outcome)
        else:
            covered.append(CoveredOutcome(outcome=outcome, by=by))
    return Coverage(covered=tuple(covered), missing=tuple(missing))
