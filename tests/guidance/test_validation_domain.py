"""The rule of validation before training, pure: an outcome is covered by a competence of the
profile held at the intermediate level or above whose name the outcome says (every word of a
short name, two thirds of a longer one); validation comes first from three quarters of the
outcomes covered, and not below."""

from fractions import Fraction

import pytest

from kierunek.guidance.domain_validation import (
    MIN_LEVEL,
    VALIDATION_FIRST_SHARE,
    Outcome,
    ProfileEntry,
    covers,
    outcome_coverage,
)


def entry(label: str, *words: set[str], level: int = 3) -> ProfileEntry:
    return ProfileEntry(label=label, words=tuple(frozenset(word) for word in words), level=level)


def outcome(code: str, *tokens: str) -> Outcome:
    return Outcome(set_code="ZE1", code=code, text=" ".join(tokens), tokens=frozenset(tokens))


VAT = entry("prowadzić ewidencję VAT", {"prowadzic"}, {"ewidencja", "ewidencje"}, {"vat"})
REPORTS = entry("sporządzać sprawozdania", {"sporzadzac"}, {"sprawozdanie", "sprawozdania"})
OUTCOMES = [
    outcome("ZE1.1", "prowadzi", "prowadzic", "ewidencje", "ewidencja", "vat"),
    outcome("ZE1.2", "sporzadza", "sporzadzac", "sprawozdanie", "finansowe"),
    outcome("ZE1.3", "dekretuje", "dekretowac", "dowody", "dowod", "ksiegowe"),
    outcome("ZE1.4", "sporzadza", "sporzadzac", "sprawozdania", "sprawozdanie", "roczne"),
]


def test_the_threshold_is_three_quarters():
    assert Fraction(3, 4) == VALIDATION_FIRST_SHARE


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        (VAT, True),  # three words, all found
        (entry("prowadzić ewidencję środków", {"prowadzic"}, {"ewidencja"}, {"srodek"}), True),  # 2 of 3
        (entry("prowadzić ewidencję", {"prowadzic"}, {"ewidencja"}), True),  # two words, both found
        (entry("prowadzić magazyn", {"prowadzic"}, {"magazyn"}), False),  # two words, one found
        (entry("ewidencja", {"ewidencja"}), True),
        (entry("prowadzić ewidencję VAT", {"prowadzic"}, {"ewidencja"}, {"vat"}, level=MIN_LEVEL - 1), False),
        (entry("pusta nazwa"), False),
    ],
)
def test_a_competence_covers_an_outcome_that_says_its_name(candidate, expected):
    assert covers(candidate, OUTCOMES[0]) is expected


def test_three_of_four_outcomes_covered_recommend_validation_first_with_the_reason():
    coverage = outcome_coverage(
        outcomes=OUTCOMES, profile=[VAT, REPORTS, entry("dekretować dowody", {"dekretowac"}, {"dowod"})]
    )
    assert (len(coverage.covered), coverage.total, coverage.share) == (4, 4, 1)
    three = outcome_coverage(
        outcomes=[*OUTCOMES[:3], outcome("ZE1.5", "obsluguje", "kase")],
        profile=[VAT, REPORTS, entry("dekretować dowody", {"dekretowac"}, {"dowod"})],
    )

    assert three.share == Fraction(3, 4)
    assert three.validation_first
    assert [(item.outcome.code, item.by) for item in three.covered] == [
        ("ZE1.1", "prowadzić ewidencję VAT"),
        ("ZE1.2", "sporządzać sprawozdania"),
        ("ZE1.3", "dekretować dowody"),
    ]
    assert [item.code for item in three.missing] == ["ZE1.5"]


def test_just_below_three_quarters_is_training_first():
    outcomes = [*OUTCOMES, outcome("ZE2.1", "obsluguje", "kase")]  # 3 of 5 covered = 60 %
    coverage = outcome_coverage(outcomes=outcomes, profile=[VAT, REPORTS])
    assert [item.outcome.code for item in coverage.covered] == ["ZE1.1", "ZE1.2", "ZE1.4"]
    assert coverage.share == Fraction(3, 5)
    assert not coverage.validation_first


def test_a_qualification_without_outcomes_recommends_nothing():
    coverage = outcome_coverage(outcomes=[], profile=[VAT])
    assert coverage.total == 0
    assert not coverage.validation_first
