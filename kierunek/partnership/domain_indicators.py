"""The pure rules of the partnership's indicators (no Django): the self-assessment's scale and
summary, and how the recognition list scores and ranks (decision 0023).

The scoring rule is data: points per unit of each activity source, set for a year with its
rationale. A subject's score is the sum over sources of its count times the source's points (a
source the rule does not name scores nothing). Places are shared on a tie ("1, 2, 2, 4"), and
subjects with the same score are listed in Polish alphabetical order, so the list reads the same
on both engines and in every run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from kierunek.core.collation import polish_key

# The self-assessment scale: 1 (not at all) to 5 (fully).
SCORE_MIN = 1
SCORE_MAX = 5
SCALE = tuple(range(SCORE_MIN, SCORE_MAX + 1))

# A recognition list.
DRAFT = "draft"
PUBLISHED = "published"

POINTS_MAX = 1000  # per unit of a source: a typo of an extra zero or two is refused, not scored

T = TypeVar("T")


def year_bounds(year: int) -> tuple[date, date]:
    """The first and the last day of a year: the period an activity record counts."""
    return date(year, 1, 1), date(year, 12, 31)


def score(counts: Mapping[str, int], weights: Mapping[str, int]) -> int:
    """Points of one subject: each source's count times its points, summed."""
    return sum(count * int(weights.get(key, 0)) for key, count in counts.items())


def weights_valid(weights: Mapping[str, object], known: Iterable[str]) -> list[str]:
    """What is wrong with a rule's weights (empty when nothing): only known sources, whole points
    from 0 to :data:`POINTS_MAX`, and at least one source that scores."""
    known_keys = set(known)
    problems = [f"unknown:{key}" for key in weights if key not in known_keys]
    for key, points in weights.items():
        if isinstance(points, bool) or not isinstance(points, int) or not 0 <= points <= POINTS_MAX:
            problems.append(f"points:{key}")
    if not problems and not any(weights.values()):
        problems.append("nothing_scores")
    return problems


@dataclass(frozen=True)
class Placed(Generic[T]):
    place: int
    points: int
    item: T


def ranked(
    items: Iterable[T], *, points: Callable[[T], int], name: Callable[[T], str], keep_zero: bool = False
) -> list[Placed[T]]:
    """Items by points, most first; equal points share a place and are listed in Polish order of
    their names; the next place after a tie skips ("1, 2, 2, 4"). Items with no points are left out
    unless ``keep_zero`` (a list of who did nothing is no recognition)."""
    scored = [(points(item), item) for item in items]
    scored = [(p, item) for p, item in scored if p > 0 or keep_zero]
    scored.sort(key=lambda pair: (-pair[0], polish_key(name(pair[1]))))
    placed: list[Placed[T]] = []
    for position, (p, item) in enumerate(scored, start=1):
        place = placed[-1].place if placed and placed[-1].points == p else position
        placed.append(Placed(place=place, points=p, item=item))
    return placed


@dataclass(frozen=True)
class QuestionSummary:
    responses: int
    average: float | None
    distribution: tuple[int, ...]  # how many answered 1, 2, ... 5


def question_summary(scores: Iterable[int]) -> QuestionSummary:
    """The office's and the council's view of one question: how many answered, the average (one
    decimal) and how the answers spread over the scale."""
    values = [s for s in scores if SCORE_MIN <= s <= SCORE_MAX]
    distribution = tuple(values.count(s) for s in SCALE)
    average = round(sum(values) / len(values), 1) if values else None
    return QuestionSummary(responses=len(values), average=average, distribution=distribution)


def questions_from_text(text: str) -> list[str]:
    """The office writes a round's questions one per line; blank lines and surrounding spaces go."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]
