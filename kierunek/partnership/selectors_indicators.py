"""Reads of the partnership's indicators (decision 0023): the activity record of a year (every
registered activity source, per member institution and per consultant), one institution's and one
person's record, who may read the dashboard, the self-assessment rounds and their results, and the
recognition lists."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.collation import polish_key
from kierunek.surveys import selectors as surveys
from kierunek.surveys.models import Question, QuestionKind, Response

from . import activity, domain
from . import domain_indicators as rules
from .models import Institution, InstitutionStaff, Membership
from .models_indicators import (
    SELF_ASSESSMENT_OWNER,
    RecognitionList,
    RecognitionPlace,
    RecognitionRule,
    SelfAssessmentRound,
    statement_number,
)


@dataclass
class ActivityRow:
    """One subject's counts for the year, by source key."""

    pk: int
    name: str
    sort_name: str
    counts: dict[str, int] = field(default_factory=dict)
    detail: str = ""
    cells: list[int] = field(default_factory=list)  # the counts in the order of the record's sources

    def count(self, key: str) -> int:
        return self.counts.get(key, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class ActivityRecord:
    year: int
    sources: list[activity.ActivitySource]
    institutions: list[ActivityRow]
    people: list[ActivityRow]
    groups: dict[int, dict[str, int]]

    def __post_init__(self) -> None:
        for row in [*self.institutions, *self.people]:
            row.cells = [row.count(s.key) for s in self.sources]

    def totals(self) -> list[tuple[activity.ActivitySource, int]]:
        return [(s, sum(row.count(s.key) for row in self.institutions)) for s in self.sources]


def _counts(year: int) -> dict[tuple[str, int], dict[str, int]]:
    start, end = rules.year_bounds(year)
    counts: dict[tuple[str, int], dict[str, int]] = defaultdict(dict)
    for source in activity.activity_sources():
        for subject, n in source.count(start, end).items():
            if n:
                counts[subject][source.key] = n
    return counts


def _member_institutions(year: int) -> list[Institution]:
    """Institutions that were members of a partnership at some time in the year."""
    start, end = rules.year_bounds(year)
    members = Membership.objects.filter(
        institution=OuterRef("pk"), joined_on__lte=end, status__in=(domain.MEMBER, domain.LEFT)
    ).exclude(left_on__lt=start)
    return list(Institution.objects.filter(Exists(members)).select_related("powiat"))


def activity_record(*, year: int) -> ActivityRecord:
    """The whole partnership's record of a year: every member institution (in Polish order) and
    every consultant of one (a partner-staff person) with some activity, with their counts by
    source."""
    counts = _counts(year)
    institutions = [
        ActivityRow(
            pk=i.pk,
            name=i.name,
            sort_name=i.name,
            counts=counts.get((activity.INSTITUTION, i.pk), {}),
            detail=i.powiat.name,
        )
        for i in _member_institutions(year)
    ]
    institutions.sort(key=lambda r: polish_key(r.name))
    person_ids = [pk for kind, pk in counts if kind == activity.PERSON]
    links = InstitutionStaff.objects.filter(
        user_id__in=person_ids,
        user__role=Role.PARTNER_STAFF,
        institution_id__in=[row.pk for row in institutions],
    ).select_related("user", "institution")
    people = [
        ActivityRow(
            pk=link.user_id,
            name=link.user.get_full_name() or link.user.email,
            sort_name=f"{link.user.last_name} {link.user.first_name}",
            counts=counts[(activity.PERSON, link.user_id)],
            detail=link.institution.name,
        )
        for link in links
    ]
    people.sort(key=lambda r: polish_key(r.sort_name))
    groups = {pk: c for (kind, pk), c in counts.items() if kind == activity.GROUP}
    return ActivityRecord(
        year=year,
        sources=activity.activity_sources(),
        institutions=institutions,
        people=people,
        groups=groups,
    )


def institution_record(*, institution: Institution, year: int) -> ActivityRecord:
    """One institution's record: its counts and its staff's (every linked consultant, with or
    without activity)."""
    counts = _counts(year)
    row = ActivityRow(
        pk=institution.pk,
        name=institution.name,
        sort_name=institution.name,
        counts=counts.get((activity.INSTITUTION, institution.pk), {}),
    )
    people = [
        ActivityRow(
            pk=link.user_id,
            name=link.user.get_full_name() or link.user.email,
            sort_name=f"{link.user.last_name} {link.user.first_name}",
            counts=counts.get((activity.PERSON, link.user_id), {}),
        )
        for link in institution.staff.select_related("user")
    ]
    people.sort(key=lambda r: polish_key(r.sort_name))
    return ActivityRecord(
        year=year, sources=activity.activity_sources(), institutions=[row], people=people, groups={}
    )


def years_recorded() -> list[int]:
    """The years the pages offer: this one and the four before."""
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 5, -1))


def may_read_dashboard(*, user: Any) -> bool:
    """The office, and whoever a registered reader check admits (the council's members)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.OFFICER:
        return True
    return any(check(user) for check in activity.DASHBOARD_READERS)


# --- the self-assessment -----------------------------------------------------------------------------


def rounds() -> QuerySet[SelfAssessmentRound]:
    return SelfAssessmentRound.objects.select_related("partnership", "survey").order_by(
        "-year", "partnership_id"
    )


def round_for_officer(*, round_id: int) -> SelfAssessmentRound:
    return rounds().get(pk=round_id)


@dataclass(frozen=True)
class StatementAnswer:
    """An institution's answer to one statement: its score and comment."""

    number: int
    text: str
    score: int | None
    comment: str


@dataclass(frozen=True)
class InstitutionResponse:
    """An institution's response to a round (the engine's response in the institution's group)."""

    submitted_on: Any
    respondent: Any
    answers: list[StatementAnswer]


def _group(institution: Institution | int) -> str:
    return str(getattr(institution, "pk", institution))


def _responses_of(institution: Institution) -> dict[int, Response]:
    """The institution's responses to self-assessments, by survey."""
    return {
        r.survey_id: r
        for r in Response.objects.filter(
            survey__owner=SELF_ASSESSMENT_OWNER, group=_group(institution)
        ).select_related("respondent")
    }


def rounds_of_institution(*, institution: Institution) -> list[tuple[SelfAssessmentRound, Response | None]]:
    """The rounds of the partnerships the institution is a member of (or was, for past rounds it
    answered), newest first, each with the institution's response if it gave one."""
    member_of = set(
        institution.memberships.filter(status=domain.MEMBER).values_list("partnership_id", flat=True)
    )
    responses = _responses_of(institution)
    return [
        (survey, responses.get(survey.survey_id))
        for survey in rounds()
        if survey.partnership_id in member_of or survey.survey_id in responses
    ]


def rounds_to_answer(*, institution: Institution) -> list[SelfAssessmentRound]:
    """Open rounds of the institution's partnerships it has not answered yet."""
    today = timezone.localdate()
    return [
        survey
        for survey, response in rounds_of_institution(institution=institution)
        if response is None and survey.is_open(today)
    ]


def has_answered(*, survey: SelfAssessmentRound, institution: Institution | int) -> bool:
    return Response.objects.filter(survey_id=survey.survey_id, group=_group(institution)).exists()


def _statements(
    results: tuple[tuple[Question, Any], ...],
) -> list[tuple[int, Question, Any, tuple[str, ...]]]:
    """A group's results read as statements: (number, the scale question, its result, the
    comments on it)."""
    comments = {
        statement_number(q.key): result.texts for q, result in results if q.kind == QuestionKind.LONG_TEXT
    }
    return [
        (statement_number(q.key), q, result, comments.get(statement_number(q.key), ()))
        for q, result in results
        if q.kind == QuestionKind.SCALE
    ]


def response_of(*, survey: SelfAssessmentRound, institution: Institution) -> InstitutionResponse | None:
    """The institution's answers, read from its group's results (one response: the scale's mean is
    its score, the texts its comment)."""
    response = (
        Response.objects.filter(survey_id=survey.survey_id, group=_group(institution))
        .select_related("respondent")
        .first()
    )
    if response is None:
        return None
    (group,) = surveys.results(survey.survey, by="group", groups=[_group(institution)])
    answers = [
        StatementAnswer(
            number=number,
            text=question.text,
            score=None if result.mean is None else int(result.mean),
            comment=" ".join(texts),
        )
        for number, question, result, texts in _statements(group.results)
    ]
    return InstitutionResponse(
        submitted_on=response.submitted_on, respondent=response.respondent, answers=answers
    )


@dataclass(frozen=True)
class Statement:
    number: int
    text: str


@dataclass
class RoundResults:
    survey: SelfAssessmentRound
    members: int
    responses: int
    questions: list[tuple[Statement, rules.QuestionSummary, list[str]]]

    @property
    def rate(self) -> int:
        return round(100 * self.responses / self.members) if self.members else 0


def round_results(*, survey: SelfAssessmentRound) -> RoundResults:
    """Aggregated for the office and the council: per statement how many answered, the average and
    the spread, and the comments (without the institution's name). Read from the engine's results
    by group (each institution its own group), so the spread over the scale is the institutions'."""
    scores: dict[int, list[int]] = defaultdict(list)
    comments: dict[int, list[str]] = defaultdict(list)
    statements: dict[int, Question] = {}
    groups = surveys.results(survey.survey, by="group")
    for group in groups:
        for number, question, result, texts in _statements(group.results):
            statements[number] = question
            if result.mean is not None:
                scores[number].append(int(result.mean))
            comments[number].extend(texts)
    for question in survey.questions:
        statements.setdefault(statement_number(question.key), question)
    members = Membership.objects.filter(partnership=survey.partnership, status=domain.MEMBER).count()
    return RoundResults(
        survey=survey,
        members=members,
        responses=sum(g.responses for g in groups),
        questions=[
            (Statement(n, statements[n].text), rules.question_summary(scores[n]), sorted(comments[n]))
            for n in sorted(statements)
        ],
    )


# --- the recognition list ------------------------------------------------------------------------------


def rule_of(*, year: int) -> RecognitionRule | None:
    return RecognitionRule.objects.filter(year=year).first()


def recognition_of(*, year: int) -> RecognitionList | None:
    return RecognitionList.objects.filter(year=year).first()


def published_lists() -> list[RecognitionList]:
    return list(RecognitionList.objects.filter(status=rules.PUBLISHED).order_by("-year"))


def published_list(*, year: int) -> RecognitionList:
    """Raises ``RecognitionList.DoesNotExist`` unless the year's list is approved."""
    return RecognitionList.objects.get(year=year, status=rules.PUBLISHED)


def _with_cells(places: QuerySet[RecognitionPlace]) -> list[RecognitionPlace]:
    """The places, each with ``cells``: its counts in the order of the activity sources."""
    sources = activity.activity_sources()
    found = list(places)
    for place in found:
        place.cells = [place.counts.get(s.key, 0) for s in sources]  # type: ignore[attr-defined]
    return found


def institution_places(*, recognition: RecognitionList) -> list[RecognitionPlace]:
    return _with_cells(recognition.places.filter(institution__isnull=False).order_by("place", "pk"))


def person_places(*, recognition: RecognitionList) -> list[RecognitionPlace]:
    return _with_cells(recognition.places.filter(person__isnull=False).order_by("place", "pk"))


def place_of(
    *, recognition: RecognitionList, user: Any = None, institution: Institution | None = None
) -> RecognitionPlace | None:
    if institution is not None:
        return recognition.places.filter(institution=institution).first()
    return recognition.places.filter(person_id=getattr(user, "pk", None)).first()
