"""Pure rules of the survey engine: the answer types, how one question's answers are counted
(counts, shares, means, rankings) and the anonymity threshold (a group's results are shown only
from N responses on; text answers are never attributed)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SINGLE = "single"
MULTIPLE = "multiple"
SCALE = "scale"
NUMBER = "number"
SHORT_TEXT = "short_text"
LONG_TEXT = "long_text"
RANKING = "ranking"

KINDS = (SINGLE, MULTIPLE, SCALE, NUMBER, SHORT_TEXT, LONG_TEXT, RANKING)
CHOICE_KINDS = frozenset({SINGLE, MULTIPLE, RANKING})
TEXT_KINDS = frozenset({SHORT_TEXT, LONG_TEXT})
NUMERIC_KINDS = frozenset({SCALE, NUMBER})

DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 1


def shown(responses: int, threshold: int) -> bool:
    """A group's results are shown only when it has at least ``threshold`` responses."""
    return responses >= max(threshold, MIN_THRESHOLD)


@dataclass(frozen=True)
class ChoiceCount:
    index: int
    label: str
    count: int
    share: float  # of the responses that answered the question, 0..1


@dataclass(frozen=True)
class QuestionResult:
    """One question's results in one group: ``answered`` responses gave an answer. For choices
    the counts and shares (for a ranking, the mean position of each choice, 1 = first); for numbers
    the mean, least and most; for text the texts in alphabetical order, never with who wrote them."""

    kind: str
    answered: int
    choices: tuple[ChoiceCount, ...] = ()
    mean: float | None = None
    least: float | None = None
    most: float | None = None
    mean_positions: tuple[tuple[str, float | None], ...] = ()
    texts: tuple[str, ...] = field(default=())


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def aggregate(kind: str, labels: Sequence[str], answers: Iterable[object]) -> QuestionResult:
    """Count one question's answers. An answer is a list of choice indexes (single, multiple), a
    list of choice indexes in order of preference (ranking), a number (scale, number) or a text;
    ``None`` or an empty answer is not counted."""
    given = [a for a in answers if a not in (None, "", [])]
    answered = len(given)
    if kind in (SINGLE, MULTIPLE):
        counts = [0] * len(labels)
        for answer in given:
            for index in set(answer):  # type: ignore[call-overload]
                if 0 <= index < len(labels):
                    counts[index] += 1
        return QuestionResult(
            kind=kind,
            answered=answered,
            choices=tuple(
                ChoiceCount(index=i, label=label, count=counts[i], share=_share(counts[i], answered))
                for i, label in enumerate(labels)
            ),
        )
    if kind == RANKING:
        positions: list[list[int]] = [[] for _ in labels]
        firsts = [0] * len(labels)
        for answer in given:
            for position, index in enumerate(answer, start=1):  # type: ignore[arg-type]
                if 0 <= index < len(labels):
                    positions[index].append(position)
            if answer and 0 <= answer[0] < len(labels):  # type: ignore[index]
                firsts[answer[0]] += 1  # type: ignore[index]
        return QuestionResult(
            kind=kind,
            answered=answered,
            choices=tuple(
                ChoiceCount(index=i, label=label, count=firsts[i], share=_share(firsts[i], answered))
                for i, label in enumerate(labels)
            ),
            mean_positions=tuple(
                (label, sum(positions[i]) / len(positions[i]) if positions[i] else None)
                for i, label in enumerate(labels)
            ),
        )
    if kind in NUMERIC_KINDS:
        numbers = [float(a) for a in given]  # type: ignore[arg-type]
        return QuestionResult(
            kind=kind,
            answered=answered,
            mean=sum(numbers) / len(numbers) if numbers else None,
            least=min(numbers) if numbers else None,
            most=max(numbers) if numbers else None,
        )
    if kind in TEXT_KINDS:
        return QuestionResult(kind=kind, answered=answered, texts=tuple(sorted(str(a) for a in given)))
    raise ValueError(f"unknown answer type {kind!r}")


def check_answer(kind: str, choices: int, answer: object, *, low: int = 1, high: int = 5) -> str | None:
    """Why ``answer`` does not fit the question (a message id), or None when it does."""
    if kind == SINGLE:
        if not (isinstance(answer, list) and len(answer) == 1 and 0 <= answer[0] < choices):
            return "Choose one of the answers."
    elif kind == MULTIPLE:
        if not (isinstance(answer, list) and all(0 <= i < choices for i in answer)):
            return "Choose among the answers given."
        if len(set(answer)) != len(answer):
            return "Choose each answer once."
    elif kind == RANKING:
        if not (isinstance(answer, list) and sorted(answer) == list(range(choices))):
            return "Put every answer in order, each once."
    elif kind == SCALE:
        if not (isinstance(answer, int) and low <= answer <= high):
            return "Choose a point on the scale."
    elif kind == NUMBER:
        if not isinstance(answer, (int, float)) or answer < 0:
            return "Give a number of zero or more."
    elif kind in TEXT_KINDS:
        if not isinstance(answer, str):
            return "Write the answer as text."
        limit = 200 if kind == SHORT_TEXT else 4000
        if len(answer) > limit:
            return "The answer is too long."
    else:
        raise ValueError(f"unknown answer type {kind!r}")
    return None
