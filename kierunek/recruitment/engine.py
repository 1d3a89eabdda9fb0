"""The matching engine of the recruitment: candidate-proposing deferred acceptance (Gale-Shapley)
with the priority and tie rules of Prawo oświatowe ch. 6. Pure Python, no Django: the command
``recruitment_match``, the benchmark and the rounds of the recruitment all call ``match``.

How a class orders the candidates who rank it, best first (a smaller key is better):

1. a candidate keeping a seat won in an earlier round (the supplementary round: "those admitted
   keep their seat unless they get a better one") — only at the class of that seat;
2. laureates and finalists of olympiads, laureates of the superintendent's contests (``priority``);
3. more points at that class (points differ by class: each class scores its own two subjects);
4. health problems confirmed by a counselling centre (``health``);
5. more of the seven criteria of equal weight (``criteria``, counted);
6. the lower lottery number, drawn from a published seed;
7. (only if everything above is equal, which a drawn lottery never leaves) the candidate's position
   in the input, so the result never depends on a dictionary's order.

The result is the candidate-optimal stable matching: no candidate and class would both rather be
matched to each other, and every candidate gets the best class any stable matching gives them.

Speed: every (candidate, preference) pair gets one integer key; each class's applicants are sorted
once, which gives each pair its rank, laid out so the class's ranks are consecutive slots of one
``bytearray``. During the proposals a full class knows the slot of its worst holder; a better
proposer takes a slot and the worst moves down to the next held slot, so a class's work over the
whole run is linear in its applicants. Arrays of ints and a deque of free candidates, nothing else.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

# The tiers of a class's order (the first rule above).
TIER_KEEPS_SEAT = 0
TIER_PRIORITY = 1
TIER_OTHERS = 2


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate's ranked classes with the points each class gives them (hundredths, as ints)."""

    id: Hashable
    preferences: Sequence[Hashable]
    points: Sequence[int]
    priority: bool = False
    health: bool = False
    criteria: int = 0
    lottery: int = 0
    # The class whose seat the candidate keeps from an earlier round; it is tried after every
    # preference and can never be taken from them.
    keeps: Hashable | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """``assignment`` maps every candidate's id to a class id or None. ``lowest`` maps every class
    that admitted someone to the sort key of its last admitted candidate (see ``order_key``)."""

    assignment: dict[Hashable, Hashable | None]
    lowest: dict[Hashable, tuple[int, int, int, int, int, int]] = field(default_factory=dict)


class EngineError(ValueError):
    """The instance is not well formed (an unknown class, points not one per preference...)."""


def order_key(
    *, tier: int, points: int, health: bool, criteria: int, lottery: int, position: int
) -> tuple[int, int, int, int, int, int]:
    """The order a class uses, as a tuple (smaller is better), for explanations and tests."""
    return (tier, -points, 0 if health else 1, -criteria, lottery, position)


def tie_rule(a: tuple[int, int, int, int, int, int], b: tuple[int, int, int, int, int, int]) -> str:
    """Which rule decides between two keys: "seat kept", "priority", "points", "health",
    "criteria", "lottery", "order" (or "equal")."""
    names = ("seat kept", "priority", "points", "health", "criteria", "lottery", "order")
    if a[0] != b[0]:
        return names[0] if TIER_KEEPS_SEAT in (a[0], b[0]) else names[1]
    for index in range(1, 6):
        if a[index] != b[index]:
            return names[index + 1] if index < 5 else names[6]
    return "equal"


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a while: a round allocates millions of small objects
    that hold no cycles, and every full collection would walk them all again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def match(classes: Sequence[tuple[Hashable, int]], candidates: Sequence[Candidate]) -> Result:
    """The candidate-optimal stable matching of ``candidates`` to ``classes`` ((id, capacity))."""
    with collector_paused():
        return _match(classes, candidates)


def _match(classes: Sequence[tuple[Hashable, int]], candidates: Sequence[Candidate]) -> Result:
    class_index: dict[Hashable, int] = {}
    capacity: list[int] = []
    for class_id, seats in classes:
        if class_id in class_index:
            raise EngineError(f"class {class_id!r} is listed twice")
        if seats < 0:
            raise EngineError(f"class {class_id!r} has a negative capacity")
        class_index[class_id] = len(capacity)
        capacity.append(seats)
    n_classes = len(capacity)
    n = len(candidates)

    # The rules below points (health, criteria, lottery, position) are the same at every class:
    # one sort of the candidates gives each a tie rank.
    min_criteria = min((c.criteria for c in candidates), default=0)
    span_criteria = max((c.criteria for c in candidates), default=0) - min_criteria + 1
    min_lottery = min((c.lottery for c in candidates), default=0)
    span_lottery = max((c.lottery for c in candidates), default=0) - min_lottery + 1
    top_criteria = span_criteria - 1 + min_criteria

    def tie_key(i: int) -> int:
        cand = candidates[i]
        rules = (0 if cand.health else 1) * span_criteria + top_criteria - cand.criteria
        return ((rules * span_lottery) + cand.lottery - min_lottery) * n + i

    tie_order = sorted(range(n), key=tie_key)
    tie_rank = [0] * n
    for rank, i in enumerate(tie_order):
        tie_rank[i] = rank

    # Each (candidate, class) pair's key as one integer: tier, points, tie rank in mixed radix;
    # per class a list of (key * pairs + pair), so a plain sort of ints orders a class's
    # applicants and the pair is found again from the entry.
    max_points = max((p for c in candidates for p in c.points), default=0)
    min_points = min((p for c in candidates for p in c.points), default=0)
    span_points = max_points - min_points + 1
    total = sum(len(c.preferences) + (c.keeps is not None) for c in candidates)
    applicants: list[list[int]] = [[] for _ in range(n_classes)]
    pref_class: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    pair = 0
    for position, cand in enumerate(candidates):
        prefs = cand.preferences
        points = cand.points
        if len(points) != len(prefs):
            raise EngineError(f"candidate {cand.id!r}: points must be one per preference")
        try:
            ks = [class_index[class_id] for class_id in prefs]
            if cand.keeps is not None:
                ks.append(class_index[cand.keeps])
        except KeyError as missing:
            raise EngineError(f"candidate {cand.id!r} ranks an unknown class {missing}") from None
        if len(set(ks)) != len(ks):
            raise EngineError(f"candidate {cand.id!r} ranks a class twice")
        starts.append(pair)
        t = tie_rank[position]
        top = ((TIER_PRIORITY if cand.priority else TIER_OTHERS) * span_points + max_points) * n + t
        for k, at in zip(ks, points):  # noqa: B905 - the keeps class has no points, by design
            applicants[k].append((top - at * n) * total + pair)
            pair += 1
        if cand.keeps is not None:
            kept = (TIER_KEEPS_SEAT * span_points + span_points - 1) * n + t
            applicants[ks[-1]].append(kept * total + pair)
            pair += 1
        pref_class.extend(ks)
        ends.append(pair)

    # Each class's applicants in order; a pair's slot = the class's base + its rank there.
    pref_slot = [0] * total
    slot_key = [0] * total
    class_base = [0] * n_classes
    next_slot = 0
    for k in range(n_classes):
        class_base[k] = next_slot
        entries = applicants[k]
        entries.sort()
        for entry in entries:
            pref_slot[entry % total] = next_slot
            slot_key[next_slot] = entry // total
            next_slot += 1
    del applicants
    slot_candidate = [tie_order[key % n] for key in slot_key]

    held = bytearray(next_slot)
    count = [0] * n_classes
    worst = [class_base[k] - 1 for k in range(n_classes)]
    cursor = starts[:]
    free = deque(range(n))
    pop = free.popleft
    push = free.append
    while free:
        c = pop()
        p = cursor[c]
        end = ends[c]
        while p < end:
            k = pref_class[p]
            s = pref_slot[p]
            p += 1
            cap = capacity[k]
            if count[k] < cap:
                held[s] = 1
                count[k] += 1
                if s > worst[k]:
                    worst[k] = s
                break
            w = worst[k]
            if cap and s < w:
                held[s] = 1
                held[w] = 0
                push(slot_candidate[w])
                w -= 1
                while not held[w]:
                    w -= 1
                worst[k] = w
                break
        cursor[c] = p

    assignment: dict[Hashable, Hashable | None] = {}
    class_ids = [class_id for class_id, _ in classes]
    for position, cand in enumerate(candidates):
        p = cursor[position]
        assigned = None
        if p > starts[position] and held[pref_slot[p - 1]]:
            assigned = class_ids[pref_class[p - 1]]
        assignment[cand.id] = assigned

    lowest: dict[Hashable, tuple[int, int, int, int, int, int]] = {}
    for k in range(n_classes):
        if count[k]:
            key, position = slot_key[worst[k]], slot_candidate[worst[k]]
            tier, points_below = divmod(key // n, span_points)
            last = candidates[position]
            lowest[class_ids[k]] = order_key(
                tier=tier,
                points=max_points - points_below,
                health=last.health,
                criteria=last.criteria,
                lottery=last.lottery,
                position=position,
            )
    return Result(assignment=assignment, lowest=lowest)


Key = tuple[int, int, int, int, int, int]


def candidate_key(cand: Candidate, *, class_id: Hashable, position: int) -> Key:
    """The key a class gives a candidate (the same order ``match`` uses)."""
    if cand.keeps is not None and class_id == cand.keeps and class_id not in cand.preferences:
        tier, points = TIER_KEEPS_SEAT, 0
    else:
        tier = TIER_PRIORITY if cand.priority else TIER_OTHERS
        points = cand.points[list(cand.preferences).index(class_id)]
    return order_key(
        tier=tier,
        points=points,
        health=cand.health,
        criteria=cand.criteria,
        lottery=cand.lottery,
        position=position,
    )
