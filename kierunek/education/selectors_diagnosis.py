"""Reads of the diagnosis of training needs: who answers in which gmina, the results per gmina and
topic (threshold respected), the gap map, and the plan against what was delivered."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from kierunek.accounts.models import Role, User
from kierunek.core.collation import polish_sorted
from kierunek.geo.models import Gmina
from kierunek.surveys import domain as survey_domain
from kierunek.surveys.selectors import choice_counts_by_group

from . import domain_diagnosis as dd
from .models import Metropolis
from .models_diagnosis import CoursePlan, NeedsAssessment, NeedTopic
from .selectors import directed_schools, gmina_of_staff, is_member, member_gminas, schools_of
from .supply import scheduled_places

TOPIC_QUESTION = "topics"
FORM_QUESTION = "forms"
TIMING_QUESTION = "timing"
COMMENT_QUESTION = "comment"

RESPONDENT_ROLES = (Role.SCHOOL_DIRECTOR, Role.TEACHER, Role.GMINA_STAFF)


@dataclass(frozen=True)
class Respondent:
    gmina: Gmina
    segment: str  # "director", "teacher", "gmina"


def respondent_of(*, user: User) -> Respondent | None:
    """In which member gmina and as whom the person answers: a director for the school they direct,
    a teacher for a school of theirs, gmina staff for their gmina; None for anyone else."""
    gmina: Gmina | None = None
    segment = ""
    if user.role == Role.SCHOOL_DIRECTOR:
        schools = directed_schools(user=user)
        gmina, segment = (schools[0].gmina if schools else None), "director"
    elif user.role == Role.TEACHER:
        schools = schools_of(user=user)
        gmina, segment = (schools[0].gmina if schools else None), "teacher"
    elif user.role == Role.GMINA_STAFF:
        gmina, segment = gmina_of_staff(user=user), "gmina"
    if gmina is None or not is_member(gmina=gmina):
        return None
    return Respondent(gmina=gmina, segment=segment)


def assessments(*, metropolis: Metropolis | None = None) -> QuerySet[NeedsAssessment]:
    rows = NeedsAssessment.objects.select_related("survey", "metropolis").order_by("-school_year")
    return rows.filter(metropolis=metropolis) if metropolis is not None else rows


def open_assessments() -> list[NeedsAssessment]:
    return [a for a in assessments() if a.survey.is_open()]


def topic_codes() -> list[str]:
    return list(NeedTopic.values)


@dataclass(frozen=True)
class GminaTopicRow:
    gmina: Gmina
    responses: int
    hidden: bool
    counts: list[int | None]  # per topic, in NeedTopic order


def results_by_gmina(assessment: NeedsAssessment) -> list[GminaTopicRow]:
    """Per member gmina: its responses and how many named each topic; a gmina under the survey's
    threshold shows none."""
    counts = choice_counts_by_group(assessment.survey, question_key=TOPIC_QUESTION)
    rows = []
    for gmina in member_gminas(metropolis=assessment.metropolis):
        size, by_index = counts.get(gmina.teryt, (0, {}))
        hidden = not survey_domain.shown(size, assessment.survey.threshold)
        rows.append(
            GminaTopicRow(
                gmina=gmina,
                responses=size,
                hidden=hidden,
                counts=[None if hidden else by_index.get(i, 0) for i in range(len(NeedTopic.values))],
            )
        )
    return rows


@dataclass(frozen=True)
class GapMap:
    area: str  # "gmina" or "powiat"
    names: dict[str, str]  # area code → name
    rows: list[dd.Gap]
    gminas: list[Gmina]


def gap_map(assessment: NeedsAssessment, *, area: str = "gmina", topic: str = "") -> GapMap:
    """Demand against scheduled places, per topic and gmina (or powiat), for the member gminas."""
    gminas = member_gminas(metropolis=assessment.metropolis)
    teryts = {g.teryt for g in gminas}
    counts = choice_counts_by_group(assessment.survey, question_key=TOPIC_QUESTION)
    codes = topic_codes()
    responses = {g: size for g, (size, _c) in counts.items() if g in teryts}
    demand = {
        (codes[i], g): n for g, (_s, by_index) in counts.items() if g in teryts for i, n in by_index.items()
    }
    supply = {k: v for k, v in scheduled_places(assessment.school_year).items() if k[1] in teryts}
    if area == "powiat":
        parent = {g.teryt: g.powiat.teryt for g in gminas}
        names = {g.powiat.teryt: g.powiat.name for g in gminas}
        responses = dd.sum_by_area(responses, parent)
        demand = dd.roll_up(demand, parent)
        supply = dd.roll_up(supply, parent)
        areas = [code for code, _n in polish_sorted(names.items(), key=lambda item: item[1])]
    else:
        names = {g.teryt: g.name for g in gminas}
        areas = [g.teryt for g in gminas]
    chosen = [topic] if topic in codes else codes
    rows = dd.gaps(
        topics=chosen,
        areas=areas,
        responses=responses,
        demand=demand,
        supply=supply,
        threshold=assessment.survey.threshold,
    )
    return GapMap(area=area, names=names, rows=rows, gminas=gminas)


def plan_of(assessment: NeedsAssessment) -> list[CoursePlan]:
    lines = CoursePlan.objects.filter(assessment=assessment).select_related("gmina")
    order = {code: i for i, code in enumerate(NeedTopic.values)}
    return sorted(
        polish_sorted(lines, key=lambda line: line.gmina.name), key=lambda line: order.get(line.topic, 99)
    )


def plan_totals(lines: list[CoursePlan]) -> dd.PlanCheck:
    recorded = [line.delivered_courses for line in lines if line.delivered_courses is not None]
    return dd.PlanCheck(
        planned=sum(line.planned_courses for line in lines),
        delivered=sum(recorded) if recorded else None,
    )


def planned_supply(school_year: int) -> dict[tuple[str, str], int]:
    """The centre's yearly plan as supply (a source of :mod:`.supply`), for the places it has not
    yet scheduled: a planned course that is published counts once, as the offer
    (:func:`.selectors_training.scheduled_course_places`), not twice."""
    from .selectors_training import scheduled_course_places

    rows = CoursePlan.objects.filter(assessment__school_year=school_year).values_list(
        "topic", "gmina__teryt", "planned_places"
    )
    planned: dict[tuple[str, str], int] = {}
    for topic, teryt, places in rows:
        planned[(topic, teryt)] = planned.get((topic, teryt), 0) + places
    scheduled = scheduled_course_places(school_year)
    return {
        key: places - scheduled.get(key, 0)
        for key, places in planned.items()
        if places > scheduled.get(key, 0)
    }
