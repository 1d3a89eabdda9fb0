"""The matching engine: the order of a class (priority, points, health, criteria, lottery), the
stability and candidate-optimality of its result, and the same result as the PyPI ``matching``
library's hospital-resident solver."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kierunek.recruitment.engine import Candidate, EngineError, match, tie_rule
from tests.recruitment.instances import blocking_pairs, over_capacity, random_instance, with_matching_library


def one_seat(*people: Candidate) -> object:
    """Who gets the one seat of class A, which all of them rank alone."""
    result = match([("A", 1)], list(people))
    return next((cid for cid, k in result.assignment.items() if k == "A"), None)


def person(cid: str, points: int = 10000, **rules: object) -> Candidate:
    return Candidate(id=cid, preferences=["A"], points=[points], **rules)  # type: ignore[arg-type]


def test_more_points_win() -> None:
    assert one_seat(person("x", 15000, lottery=1), person("y", 15001, lottery=2)) == "y"


def test_a_laureate_is_admitted_first_whatever_the_points() -> None:
    assert one_seat(person("x", 19900), person("laureate", 3000, priority=True)) == "laureate"


def test_on_equal_points_health_problems_come_first() -> None:
    assert one_seat(person("x", criteria=7, lottery=0), person("health", health=True, lottery=9)) == "health"


def test_then_the_criteria_are_counted() -> None:
    assert one_seat(person("x", criteria=1, lottery=0), person("two", criteria=2, lottery=9)) == "two"


def test_then_the_lower_lottery_number_wins() -> None:
    assert one_seat(person("x", lottery=5), person("y", lottery=4)) == "y"


def test_points_come_before_the_tie_rules() -> None:
    assert one_seat(person("x", 10001), person("y", 10000, health=True, criteria=7, lottery=0)) == "x"


def test_each_class_scores_its_own_points() -> None:
    # x has more points at A, y at B; both rank A first, A has one seat.
    x = Candidate(id="x", preferences=["A", "B"], points=[15000, 9000], lottery=1)
    y = Candidate(id="y", preferences=["A", "B"], points=[14000, 16000], lottery=2)
    z = Candidate(id="z", preferences=["B"], points=[15000], lottery=3)
    result = match([("A", 1), ("B", 1)], [x, y, z])
    assert result.assignment == {"x": "A", "y": "B", "z": None}
    assert result.lowest["B"][1] == -16000


def test_tie_rule_names_the_deciding_rule() -> None:
    base = (2, -10000, 1, 0, 5, 0)
    assert tie_rule(base, (2, -10000, 1, 0, 6, 1)) == "lottery"
    assert tie_rule(base, (2, -10000, 0, 0, 6, 1)) == "health"
    assert tie_rule(base, (2, -10000, 1, -2, 6, 1)) == "criteria"
    assert tie_rule(base, (2, -9000, 1, 0, 6, 1)) == "points"
    assert tie_rule(base, (1, -9000, 1, 0, 6, 1)) == "priority"


def test_a_kept_seat_is_never_lost_and_freed_by_a_better_one() -> None:
    # k was admitted to B in the main round and applies to A in the supplementary round.
    k = Candidate(id="k", preferences=["A"], points=[5000], lottery=9, keeps="B")
    strong = Candidate(id="strong", preferences=["B"], points=[19000], lottery=1)
    assert match([("A", 0), ("B", 1)], [k, strong]).assignment == {"k": "B", "strong": None}
    # A has a seat: k takes it and B's seat goes to the next candidate.
    assert match([("A", 1), ("B", 1)], [k, strong]).assignment == {"k": "A", "strong": "B"}


def test_malformed_instances_are_refused() -> None:
    with pytest.raises(EngineError):
        match([("A", 1)], [Candidate(id="x", preferences=["Z"], points=[1])])
    with pytest.raises(EngineError):
        match([("A", 1)], [Candidate(id="x", preferences=["A", "A"], points=[1, 1])])
    with pytest.raises(EngineError):
        match([("A", 1)], [Candidate(id="x", preferences=["A"], points=[])])
    with pytest.raises(EngineError):
        match([("A", 1), ("A", 2)], [])


@settings(max_examples=150)
@given(seed=st.integers(0, 2**32), candidates=st.integers(0, 40), classes=st.integers(1, 8))
def test_the_result_is_stable_and_within_capacity(seed: int, candidates: int, classes: int) -> None:
    caps, people = random_instance(random.Random(seed), candidates=candidates, classes=classes)
    result = match(caps, people)
    assert over_capacity(caps, result) == []
    assert blocking_pairs(caps, people, result) == []


def all_stable_matchings(caps, people):
    """Every stable matching of a tiny instance, by brute force."""
    from kierunek.recruitment.engine import Result

    options = [[None, *cand.preferences] for cand in people]
    for choice in itertools.product(*options):
        result = Result(assignment={cand.id: k for cand, k in zip(people, choice, strict=True)})
        if not over_capacity(caps, result) and not blocking_pairs(caps, people, result):
            yield result.assignment


@settings(max_examples=80)
@given(seed=st.integers(0, 2**32), candidates=st.integers(1, 5), classes=st.integers(1, 3))
def test_every_candidate_gets_their_best_stable_class(seed: int, candidates: int, classes: int) -> None:
    caps, people = random_instance(random.Random(seed), candidates=candidates, classes=classes, max_choices=3)
    mine = match(caps, people).assignment
    stable = list(all_stable_matchings(caps, people))
    assert mine in stable
    for cand in people:
        order = {k: i for i, k in enumerate(cand.preferences)}
        rank = order.get(mine[cand.id], len(order))
        assert all(rank <= order.get(other[cand.id], len(order)) for other in stable)


@pytest.mark.parametrize("seed", range(12))
def test_identical_to_the_matching_library_on_small_instances(seed: int) -> None:
    rng = random.Random(seed)
    size = rng.randint(20, 120)
    caps, people = random_instance(rng, candidates=size, classes=rng.randint(3, 15), tied=seed % 2 == 0)
    assert match(caps, people).assignment == with_matching_library(caps, people)
