"""The diagnosis of training needs: the Metropolis sends the year's survey (on the survey engine),
directors, teachers and gmina staff answer it for their gmina, the centre keeps its yearly plan of
courses per topic and gmina and records what was delivered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.geo.models import Gmina
from kierunek.surveys import domain as survey_domain
from kierunek.surveys.services import QuestionData, SurveyData, response_submit, survey_create

from ..audit_actions_diagnosis import ASSESSMENT_OPENED, DELIVERY_RECORDED, NEEDS_ANSWERED, PLAN_LINE_SAVED
from ..models import Metropolis
from ..models_diagnosis import CoursePlan, NeedForm, NeedsAssessment, NeedTiming, NeedTopic
from ..selectors import is_member
from ..selectors_diagnosis import (
    COMMENT_QUESTION,
    FORM_QUESTION,
    TIMING_QUESTION,
    TOPIC_QUESTION,
    respondent_of,
)

SURVEY_OWNER = "education.needs"


def _questions() -> list[QuestionData]:
    """The year's questions, worded in Polish (the survey's language) with the choices in the
    order of the codes, so an answer's index is the code's position."""
    with translation.override("pl"):
        return [
            QuestionData(
                key=TOPIC_QUESTION,
                text=_("Which topics of professional development are a priority for you this year?"),
                kind=survey_domain.MULTIPLE,
                choices=[str(label) for label in NeedTopic.labels],
            ),
            QuestionData(
                key=FORM_QUESTION,
                text=_("In which forms would you like to learn?"),
                kind=survey_domain.MULTIPLE,
                choices=[str(label) for label in NeedForm.labels],
            ),
            QuestionData(
                key=TIMING_QUESTION,
                text=_("When in the school year is training best for you?"),
                kind=survey_domain.SINGLE,
                choices=[str(label) for label in NeedTiming.labels],
            ),
            QuestionData(
                key=COMMENT_QUESTION,
                text=_("Anything else the centre should know?"),
                kind=survey_domain.LONG_TEXT,
                required=False,
            ),
        ]


def needs_assessment_open(
    *,
    actor: Actor,
    metropolis: Metropolis,
    school_year: int,
    opens_on: date,
    closes_on: date,
    threshold: int = survey_domain.DEFAULT_THRESHOLD,
    is_demo: bool = False,
) -> NeedsAssessment:
    """The year's survey, sent to the directors, teachers and gmina staff of the member gminas."""
    require_role(actor, Role.METROPOLIS_STAFF)
    if NeedsAssessment.objects.filter(metropolis=metropolis, school_year=school_year).exists():
        raise ValidationError({"school_year": _("This school year's diagnosis was already sent.")})
    with transaction.atomic():
        with translation.override("pl"):
            title = _("Diagnosis of training needs %(year)s") % {"year": f"{school_year}/{school_year + 1}"}
            audience = _("School directors, teachers and gmina education staff of the member gminas")
        survey = survey_create(
            actor=actor,
            data=SurveyData(
                owner=SURVEY_OWNER,
                title=title,
                audience=audience,
                opens_on=opens_on,
                closes_on=closes_on,
                anonymous=True,
                threshold=threshold,
                questions=_questions(),
                is_demo=is_demo,
            ),
        )
        assessment = NeedsAssessment.objects.create(
            metropolis=metropolis, school_year=school_year, survey=survey
        )
        audit_record(action=ASSESSMENT_OPENED, actor=actor, obj=assessment, details={"year": school_year})
    return assessment


@dataclass(frozen=True)
class NeedsAnswer:
    topics: list[str]
    forms: list[str]
    timing: str
    comment: str = ""


def _indexes(codes: list[str], known: list[str], field: str) -> list[int]:
    if any(code not in known for code in codes):
        raise ValidationError({field: _("Choose among the answers given.")})
    return [known.index(code) for code in codes]


def needs_answer(*, actor: Actor, assessment: NeedsAssessment, answer: NeedsAnswer) -> None:
    """The person's answer, counted in their gmina (anonymously: the response does not name them)."""
    if actor.user is None or actor.role not in (Role.SCHOOL_DIRECTOR, Role.TEACHER, Role.GMINA_STAFF):
        raise PermissionDenied(_("Directors, teachers and gmina staff answer this survey."))
    respondent = respondent_of(user=actor.user)
    if respondent is None or not is_member(gmina=respondent.gmina):
        raise PermissionDenied(
            _("You answer for a school or gmina of the Metropolis; none is linked to your account.")
        )
    answers: dict[str, object] = {
        TOPIC_QUESTION: _indexes(answer.topics, list(NeedTopic.values), TOPIC_QUESTION),
        FORM_QUESTION: _indexes(answer.forms, list(NeedForm.values), FORM_QUESTION),
        TIMING_QUESTION: _indexes([answer.timing], list(NeedTiming.values), TIMING_QUESTION)
        if answer.timing
        else [],
        COMMENT_QUESTION: answer.comment,
    }
    with transaction.atomic():
        response_submit(
            actor=actor,
            survey=assessment.survey,
            answers=answers,
            group=respondent.gmina.teryt,
            segment=respondent.segment,
        )
        audit_record(action=NEEDS_ANSWERED, actor=actor, obj=assessment, details={})


def _centre(actor: Actor) -> None:
    require_role(actor, Role.TRAINING_CENTRE_STAFF)


def course_plan_save(
    *,
    actor: Actor,
    assessment: NeedsAssessment,
    topic: str,
    gmina: Gmina,
    planned_courses: int,
    planned_places: int,
) -> CoursePlan:
    """A line of the centre's yearly plan (again for the same topic and gmina: changed)."""
    _centre(actor)
    if topic not in NeedTopic.values:
        raise ValidationError({"topic": _("Choose one of the topics.")})
    if not is_member(gmina=gmina):
        raise ValidationError({"gmina": _("Choose a member gmina of the Metropolis.")})
    if planned_courses < 1 or planned_places < planned_courses:
        raise ValidationError(
            {"planned_places": _("Plan at least one course, with at least one place per course.")}
        )
    try:
        with transaction.atomic():
            line, _created = CoursePlan.objects.update_or_create(
                assessment=assessment,
                topic=topic,
                gmina=gmina,
                defaults={
                    "planned_courses": planned_courses,
                    "planned_places": planned_places,
                    "updated_by": actor.user,
                },
            )
            audit_record(
                action=PLAN_LINE_SAVED,
                actor=actor,
                obj=line,
                details={
                    "topic": topic,
                    "gmina": gmina.teryt,
                    "courses": planned_courses,
                    "places": planned_places,
                },
            )
    except IntegrityError:
        raise ValidationError(_("The plan changed meanwhile; try again.")) from None
    return line


def course_plan_record_delivery(
    *, actor: Actor, line_id: int, delivered_courses: int, delivered_places: int
) -> CoursePlan:
    """What the centre delivered of a plan line, at the end of the year."""
    _centre(actor)
    if delivered_courses < 0 or delivered_places < 0:
        raise ValidationError(_("Give numbers of zero or more."))
    with transaction.atomic():
        line = CoursePlan.objects.select_for_update().get(pk=line_id)
        line.delivered_courses = delivered_courses
        line.delivered_places = delivered_places
        line.updated_by = actor.user
        line.save(update_fields=["delivered_courses", "delivered_places", "updated_by", "updated_at"])
        audit_record(
            action=DELIVERY_RECORDED,
            actor=actor,
            obj=line,
            details={"courses": delivered_courses, "places": delivered_places},
        )
    return line
