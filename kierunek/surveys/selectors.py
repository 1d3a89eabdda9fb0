"""Reads of the survey engine: a survey's results as a whole and per group, with the anonymity
threshold applied (a group under it shows only that it has too few responses)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kierunek.accounts.models import User

from . import domain
from .models import Answer, Question, Response, Survey


@dataclass(frozen=True)
class GroupResults:
    """Results of one group (``group`` "" for the whole survey): ``results`` is empty when the
    group has fewer responses than the survey's threshold (``hidden``)."""

    group: str
    responses: int
    hidden: bool
    results: tuple[tuple[Question, domain.QuestionResult], ...]


def _answers_by_response(survey: Survey) -> dict[int, dict[int, object]]:
    by_response: dict[int, dict[int, object]] = defaultdict(dict)
    for response_id, question_id, value in Answer.objects.filter(response__survey=survey).values_list(
        "response_id", "question_id", "value"
    ):
        by_response[response_id][question_id] = value
    return by_response


def results(survey: Survey, *, by: str = "", groups: Iterable[str] | None = None) -> list[GroupResults]:
    """The results of the whole survey (``by=""``), or per value of ``by`` ("group" or "segment"),
    for every group that has responses (or those of ``groups``, in that order)."""
    questions = list(survey.questions.all())
    by_response = _answers_by_response(survey)
    members: dict[str, list[int]] = defaultdict(list)
    for response_id, group, segment in Response.objects.filter(survey=survey).values_list(
        "pk", "group", "segment"
    ):
        key = {"": "", "group": group, "segment": segment}[by]
        members[key].append(response_id)
    wanted = list(groups) if groups is not None else sorted(members)
    out = []
    for key in wanted:
        ids = members.get(key, [])
        if not domain.shown(len(ids), survey.threshold):
            out.append(GroupResults(group=key, responses=len(ids), hidden=True, results=()))
            continue
        rows = tuple(
            (q, domain.aggregate(q.kind, q.choices, (by_response[r].get(q.pk) for r in ids)))
            for q in questions
        )
        out.append(GroupResults(group=key, responses=len(ids), hidden=False, results=rows))
    return out


def choice_counts_by_group(survey: Survey, *, question_key: str) -> dict[str, tuple[int, dict[int, int]]]:
    """For a choice question: per group, the group's responses and how many chose each answer
    (index → count). Raw counts, for a context's own computation; the caller applies the threshold
    (:func:`kierunek.surveys.domain.shown`) before showing anything."""
    question = survey.questions.get(key=question_key)
    sizes: dict[str, int] = defaultdict(int)
    for group in Response.objects.filter(survey=survey).values_list("group", flat=True):
        sizes[group] += 1
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for group, value in Answer.objects.filter(question=question).values_list("response__group", "value"):
        for index in set(value or []):
            counts[group][index] += 1
    return {group: (size, dict(counts[group])) for group, size in sizes.items()}


def respondents(survey: Survey) -> int:
    return Response.objects.filter(survey=survey).count()


def answers_of(*, user: User, survey_ids: Iterable[int]) -> dict[int, dict[str, object]]:
    """The answers (question key → answer) a person gave under their name, by survey, for those of
    ``survey_ids`` they answered: for a context that shows a person their own answers (its page,
    its part of the data export). Anonymous responses name nobody, so they are never here."""
    found: dict[int, dict[str, object]] = {}
    for survey_id, key, value in Answer.objects.filter(
        response__respondent=user, response__survey_id__in=list(survey_ids)
    ).values_list("response__survey_id", "question__key", "value"):
        found.setdefault(survey_id, {})[key] = value
    for survey_id in Response.objects.filter(respondent=user, survey_id__in=list(survey_ids)).values_list(
        "survey_id", flat=True
    ):
        found.setdefault(survey_id, {})
    return found
