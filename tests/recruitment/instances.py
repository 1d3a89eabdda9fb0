"""Generated instances of the matching, and the checks every engine result must pass."""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence

from kierunek.recruitment.engine import Candidate, Result, candidate_key


def random_instance(
    rng: random.Random, *, candidates: int, classes: int, max_choices: int = 5, tied: bool = True
) -> tuple[list[tuple[int, int]], list[Candidate]]:
    """Classes with small capacities and candidates with few distinct point values, so ties on
    points, health and criteria are common and the lottery decides often."""
    caps = [(k, rng.randint(0, 3)) for k in range(classes)]
    lottery = list(range(candidates))
    rng.shuffle(lottery)
    people = []
    for c in range(candidates):
        prefs = rng.sample(range(classes), rng.randint(1, min(max_choices, classes)))
        points = [rng.choice([10000, 12000, 15050]) if tied else rng.randint(0, 20000) for _ in prefs]
        people.append(
            Candidate(
                id=f"c{c}",
                preferences=prefs,
                points=points,
                priority=rng.random() < 0.1,
                health=rng.random() < 0.2,
                criteria=rng.choice([0, 0, 1, 2]),
                lottery=lottery[c],
            )
        )
    return caps, people


def blocking_pairs(
    classes: Sequence[tuple[Hashable, int]], candidates: Sequence[Candidate], result: Result
) -> list[tuple[Hashable, Hashable]]:
    """Every (candidate, class) that would both rather be matched to each other."""
    capacity = dict(classes)
    position = {cand.id: i for i, cand in enumerate(candidates)}
    by_id = {cand.id: cand for cand in candidates}
    holders: dict[Hashable, list[Hashable]] = {k: [] for k in capacity}
    for cand_id, class_id in result.assignment.items():
        if class_id is not None:
            holders[class_id].append(cand_id)
    pairs = []
    for cand in candidates:
        assigned = result.assignment[cand.id]
        listed = list(cand.preferences) + ([cand.keeps] if cand.keeps is not None else [])
        better = listed if assigned is None else listed[: listed.index(assigned)]
        for class_id in better:
            if len(holders[class_id]) < capacity[class_id]:
                pairs.append((cand.id, class_id))
                continue
            mine = candidate_key(cand, class_id=class_id, position=position[cand.id])
            theirs = [
                candidate_key(by_id[h], class_id=class_id, position=position[h]) for h in holders[class_id]
            ]
            if any(key > mine for key in theirs):
                pairs.append((cand.id, class_id))
    return pairs


def over_capacity(classes: Sequence[tuple[Hashable, int]], result: Result) -> list[Hashable]:
    seats = dict(classes)
    taken: dict[Hashable, int] = {}
    for class_id in result.assignment.values():
        if class_id is not None:
            taken[class_id] = taken.get(class_id, 0) + 1
    return [k for k, n in taken.items() if n > seats[k]]


def with_matching_library(classes: Sequence[tuple[Hashable, int]], candidates: Sequence[Candidate]) -> dict:
    """The same instance solved by the PyPI ``matching`` library's hospital-resident game,
    resident-optimal, with each class's strict order built from the same keys."""
    from matching.games import HospitalResident

    # The library fails on a class with no seats; ranking one changes nothing, so it is left out.
    open_classes = {k for k, seats in classes if seats > 0}
    position = {cand.id: i for i, cand in enumerate(candidates)}
    resident_prefs = {
        cand.id: [k for k in cand.preferences if k in open_classes]
        for cand in candidates
        if any(k in open_classes for k in cand.preferences)
    }
    hospital_prefs: dict[Hashable, list[Hashable]] = {k: [] for k in open_classes}
    for cand_id, prefs in resident_prefs.items():
        for class_id in prefs:
            hospital_prefs[class_id].append(cand_id)
    by_id = {cand.id: cand for cand in candidates}
    for class_id, people in hospital_prefs.items():
        people.sort(key=lambda cid: candidate_key(by_id[cid], class_id=class_id, position=position[cid]))
    capacities = dict(classes)
    listed = {k for k, people in hospital_prefs.items() if people}
    game = HospitalResident.create_from_dictionaries(
        resident_prefs,
        {k: v for k, v in hospital_prefs.items() if k in listed},
        {k: capacities[k] for k in listed},
    )
    solution = game.solve(optimal="resident")
    assignment: dict[Hashable, Hashable | None] = {cand.id: None for cand in candidates}
    for hospital, residents in solution.items():
        for resident in residents:
            assignment[resident.name] = hospital.name
    return assignment
