"""Pure rules of the regional initiatives (no Django): the states of the "Edukacyjna Gmina
Małopolski" contest's editions and applications, how a jury's points become a result, and the
counts of a campaign's activities."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# An edition of the contest.
DRAFT = "draft"
OPEN = "open"  # gminas apply
RUNNING = "running"  # applications closed: stage I (workshops), stage II (implementation reports)
JUDGING = "judging"  # the jury scores the reports
PUBLISHED = "published"  # results and awards public

# A gmina's application.
SUBMITTED = "submitted"
STAGE_ONE = "stage_one"  # admitted: the gmina attends the edition's workshops
STAGE_TWO = "stage_two"  # workshops done: the gmina implements its actions and reports
REPORTED = "reported"  # the implementation report with its evidence is in: the jury scores it
REJECTED = "rejected"
WITHDRAWN = "withdrawn"

IN_CONTEST = (SUBMITTED, STAGE_ONE, STAGE_TWO, REPORTED)


@dataclass(frozen=True)
class CriterionRule:
    key: int
    max_points: int
    weight: int


def result_points(criteria: Sequence[CriterionRule], points: Mapping[int, Iterable[int]]) -> Decimal | None:
    """The result of one application, out of 100: each criterion's jurors' points averaged, as a
    share of the criterion's maximum, weighted by the criterion's weight. None while a criterion
    has no points yet (the application is not ranked)."""
    if not criteria:
        return None
    weights = sum(c.weight for c in criteria)
    if weights <= 0:
        return None
    total = Decimal(0)
    for criterion in criteria:
        given = list(points.get(criterion.key, ()))
        if not given:
            return None
        mean = Decimal(sum(given)) / Decimal(len(given))
        total += Decimal(criterion.weight) * mean / Decimal(criterion.max_points)
    return (Decimal(100) * total / Decimal(weights)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ranked(results: Iterable[tuple[str, Decimal | None]]) -> list[tuple[int, str, Decimal]]:
    """Places by result, highest first; equal results share a place (1, 2, 2, 4). Entries without a
    result are left out. The input's order breaks no tie: ties keep the order given (by name)."""
    scored = [(key, value) for key, value in results if value is not None]
    scored.sort(key=lambda item: -item[1])
    places: list[tuple[int, str, Decimal]] = []
    for index, (key, value) in enumerate(scored):
        place = places[-1][0] if places and places[-1][2] == value else index + 1
        places.append((place, key, value))
    return places


def workshops_enough(attended: int, required: int) -> bool:
    """Stage I is done when the gmina's staff attended at least the edition's required number."""
    return attended >= required


def activity_count(entered: int | None, checked_in: int) -> int:
    """How many took part in an activity: the organiser's count when entered, else the check-ins."""
    return entered if entered is not None else checked_in
