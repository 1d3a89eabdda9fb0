"""Making a survey and answering it. The context that owns a survey decides who may answer and
which group a response counts in, then calls :func:`response_submit`; the engine checks the dates,
that the person answers once, and each answer against its question."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record

from .. import domain
from ..audit_actions import RESPONSE_SUBMITTED, SURVEY_CREATED, TOKENS_ISSUED
from ..models import Answer, Participation, Question, Response, ResponseToken, Survey


@dataclass(frozen=True)
class QuestionData:
    key: str
    text: str
    kind: str
    choices: Sequence[str] = ()
    help_text: str = ""
    scale_low: int = 1
    scale_high: int = 5
    required: bool = True


@dataclass(frozen=True)
class SurveyData:
    owner: str
    title: str
    opens_on: date
    closes_on: date
    questions: Sequence[QuestionData] = field(default_factory=tuple)
    description: str = ""
    audience: str = ""
    anonymous: bool = True
    threshold: int = domain.DEFAULT_THRESHOLD
    is_demo: bool = False


def survey_create(*, actor: Actor, data: SurveyData) -> Survey:
    """A survey with its questions, in order."""
    if data.closes_on < data.opens_on:
        raise ValidationError({"closes_on": _("The survey must close on or after the day it opens.")})
    if data.threshold < domain.MIN_THRESHOLD:
        raise ValidationError({"threshold": _("The threshold must be at least one response.")})
    if not data.questions:
        raise ValidationError(_("A survey needs at least one question."))
    with transaction.atomic():
        survey = Survey.objects.create(
            owner=data.owner,
            title=data.title,
            description=data.description,
            audience=data.audience,
            opens_on=data.opens_on,
            closes_on=data.closes_on,
            anonymous=data.anonymous,
            threshold=data.threshold,
            created_by=actor.user,
            is_demo=data.is_demo,
        )
        for position, question in enumerate(data.questions, start=1):
            if question.kind not in domain.KINDS:
                raise ValidationError(_("Unknown answer type."))
            if question.kind in domain.CHOICE_KINDS and len(question.choices) < 2:
                raise ValidationError(_("A choice question needs at least two answers to choose from."))
            Question.objects.create(
                survey=survey,
                position=position,
                key=question.key,
                text=question.text,
                help_text=question.help_text,
                kind=question.kind,
                choices=list(question.choices),
                scale_low=question.scale_low,
                scale_high=question.scale_high,
                required=question.required,
            )
        audit_record(action=SURVEY_CREATED, actor=actor, obj=survey, details={"owner": data.owner})
    return survey


def _clean_answers(survey: Survey, answers: Mapping[str, object]) -> dict[Question, object]:
    questions = list(survey.questions.all())
    known = {q.key for q in questions}
    unknown = set(answers) - known
    if unknown:
        raise ValidationError(_("The answers name a question the survey does not have."))
    errors: dict[str, str] = {}
    cleaned: dict[Question, object] = {}
    for question in questions:
        value = answers.get(question.key)
        if value in (None, "", []):
            if question.required:
                errors[question.key] = _("Answer this question.")
            continue
        if question.kind in domain.TEXT_KINDS and isinstance(value, str):
            value = value.strip()
        problem = domain.check_answer(
            question.kind, len(question.choices), value, low=question.scale_low, high=question.scale_high
        )
        if problem:
            errors[question.key] = _(problem)
            continue
        cleaned[question] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _record(
    survey: Survey,
    cleaned: dict[Question, object],
    *,
    respondent: User | None,
    group: str,
    segment: str,
    today: date | None = None,
) -> Response:
    response = Response.objects.create(
        survey=survey,
        respondent=respondent,
        group=group,
        segment=segment,
        # an anonymous response keeps no day either, so it cannot be matched to a participation
        submitted_on=survey.opens_on if survey.anonymous else (today or timezone.localdate()),
    )
    Answer.objects.bulk_create(Answer(response=response, question=q, value=v) for q, v in cleaned.items())
    return response


def response_submit(
    *,
    actor: Actor,
    survey: Survey,
    answers: Mapping[str, object],
    group: str = "",
    segment: str = "",
    today: date | None = None,
) -> Response:
    """The actor's answers (question key → answer). Once per person; in an anonymous survey the
    response does not name them (their participation is kept apart). ``today`` is the day the
    answer is given on (the owner's services take it for their tests and demo data)."""
    if actor.user is None:
        raise ValidationError(_("Log in to answer this survey."))
    if not survey.is_open(today):
        raise ValidationError(_("The survey is not open for answers."))
    cleaned = _clean_answers(survey, answers)
    try:
        with transaction.atomic():
            if survey.anonymous:
                Participation.objects.create(survey=survey, user=actor.user)
                response = _record(survey, cleaned, respondent=None, group=group, segment=segment)
            else:
                response = _record(
                    survey, cleaned, respondent=actor.user, group=group, segment=segment, today=today
                )
            audit_record(action=RESPONSE_SUBMITTED, actor=actor, obj=survey, details={})
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey.")) from None
    return response


def has_answered(*, survey: Survey, user: User) -> bool:
    if survey.anonymous:
        return Participation.objects.filter(survey=survey, user=user).exists()
    return Response.objects.filter(survey=survey, respondent=user).exists()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def tokens_issue(
    *, actor: Actor, survey: Survey, count: int, group: str = "", segment: str = ""
) -> list[str]:
    """One-time links for people without an account (an anonymous survey only): the tokens are
    given back once, only their hashes are kept."""
    if not survey.anonymous:
        raise ValidationError(_("One-time links are for anonymous surveys only."))
    if not 1 <= count <= 1000:
        raise ValidationError(_("Issue between 1 and 1000 links at a time."))
    tokens = [secrets.token_urlsafe(24) for _ in range(count)]
    with transaction.atomic():
        ResponseToken.objects.bulk_create(
            ResponseToken(survey=survey, token_hash=_hash(t), group=group, segment=segment) for t in tokens
        )
        audit_record(action=TOKENS_ISSUED, actor=actor, obj=survey, details={"count": count, "group": group})
    return tokens


def response_submit_by_token(*, actor: Actor, token: str, answers: Mapping[str, object]) -> Response:
    """Answers given through a one-time link; the link is spent."""
    with transaction.atomic():
        row = (
            ResponseToken.objects.select_for_update()
            .filter(token_hash=_hash(token))
            .select_related("survey")
            .first()
        )
        if row is None or row.used:
            raise ValidationError(_("This link is not valid or was already used."))
        survey = row.survey
        if not survey.is_open():
            raise ValidationError(_("The survey is not open for answers."))
        cleaned = _clean_answers(survey, answers)
        ResponseToken.objects.filter(pk=row.pk).update(used=True)
        response = _record(survey, cleaned, respondent=None, group=row.group, segment=row.segment)
        audit_record(action=RESPONSE_SUBMITTED, actor=actor, obj=survey, details={})
    return response
