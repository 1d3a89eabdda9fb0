"""The partnership's indicators (decision 0023): the office opens a year's self-assessment round
with its questions, each member institution answers it once; the office sets a year's scoring
rule with its rationale, computes the recognition list from the activity record, approves it (then
it is public) or takes it back for a correction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.surveys import services as surveys
from kierunek.surveys.models import QuestionKind, Response

from .. import activity, domain, selectors_indicators
from .. import domain_indicators as rules
from ..audit_actions import (
    RECOGNITION_COMPUTED,
    RECOGNITION_RULE_SET,
    ROUND_OPENED,
    SELF_ASSESSMENT_ANSWERED,
)
from ..models import Membership, Partnership
from ..models_indicators import (
    SELF_ASSESSMENT_OWNER,
    RecognitionList,
    RecognitionPlace,
    RecognitionRule,
    SelfAssessmentRound,
    comment_key,
    statement_key,
    statement_number,
)
from ..workflows_indicators import RECOGNITION
from .common import locked_institution, require_institution_access, text

QUESTIONS_MAX = 30
COMMENT_MAX = 2000


def _questions(texts: Sequence[str]) -> list[surveys.QuestionData]:
    """Statement ``n`` rated on the scale, then the optional comment on it."""
    questions: list[surveys.QuestionData] = []
    for number, statement in enumerate(texts, start=1):
        questions.append(
            surveys.QuestionData(
                key=statement_key(number),
                text=statement,
                kind=QuestionKind.SCALE,
                scale_low=rules.SCORE_MIN,
                scale_high=rules.SCORE_MAX,
            )
        )
        questions.append(
            surveys.QuestionData(
                key=comment_key(number),
                text=_("Comment on statement %(n)d (optional)") % {"n": number},
                kind=QuestionKind.LONG_TEXT,
                required=False,
            )
        )
    return questions


def self_assessment_round_open(
    *,
    actor: Actor,
    partnership_id: int,
    year: int,
    opens_on: date,
    closes_on: date,
    questions: Sequence[str],
    introduction: str = "",
) -> SelfAssessmentRound:
    """The office opens a partnership's self-assessment for a year with its questions (statements
    rated 1 to 5). One round per partnership and year; its questions do not change once opened, so
    every institution answers the same survey. The round is a survey of the engine (decision
    0029), named, not anonymous: an institution is not a person, and its answers show from the
    first (threshold 1)."""
    require_role(actor.user, Role.OFFICER)
    texts = [text(q, "questions", 300) for q in questions if str(q).strip()]
    if not texts:
        raise ValidationError({"questions": _("Write at least one question.")})
    if len(texts) > QUESTIONS_MAX:
        raise ValidationError({"questions": _("At most %(limit)d questions.") % {"limit": QUESTIONS_MAX}})
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The round closes after it opens.")})
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Enter a year like 2026.")})
    introduction = text(introduction, "introduction", 3000, required=False)
    partnership = Partnership.objects.filter(pk=partnership_id).first()
    if partnership is None:
        raise ValidationError({"partnership": _("Choose a partnership.")})
    with transaction.atomic():
        if SelfAssessmentRound.objects.filter(partnership=partnership, year=year).exists():
            raise ValidationError(_("This partnership already has a self-assessment for that year."))
        survey = surveys.survey_create(
            actor=actor,
            data=surveys.SurveyData(
                owner=SELF_ASSESSMENT_OWNER,
                title=_("Partnership self-assessment %(partnership)s %(year)d")
                % {"partnership": partnership.short_name, "year": year},
                opens_on=opens_on,
                closes_on=closes_on,
                questions=_questions(texts),
                description=introduction,
                audience=_("The partnership's member institutions"),
                anonymous=False,
                threshold=1,
            ),
        )
        try:
            with transaction.atomic():
                survey_round = SelfAssessmentRound.objects.create(
                    partnership=partnership,
                    year=year,
                    survey=survey,
                    introduction=introduction,
                    created_by=actor.user,
                )
        except IntegrityError:  # a concurrent round for the same year won
            raise ValidationError(
                _("This partnership already has a self-assessment for that year.")
            ) from None
        audit_record(
            action=ROUND_OPENED,
            actor=actor,
            obj=survey_round,
            details={"questions": len(texts), "year": year},
        )
    return survey_round


def self_assessment_answer(
    *,
    actor: Actor,
    round_id: int,
    institution_id: int,
    answers: Mapping[int, tuple[int, str]],
    today: date | None = None,
) -> Response:
    """A member institution's staff answer the round once: a score 1 to 5 (and an optional comment)
    for every statement (``answers`` by the statement's question), while the round is open. The
    answers go through the engine's ``response_submit``, in the institution's group; a second
    response of the institution is refused under its row's lock (two colleagues sending at once
    wait for each other)."""
    require_institution_access(actor, institution_id, officer=False)
    today = today or timezone.localdate()
    survey_round = SelfAssessmentRound.objects.select_related("partnership", "survey").get(pk=round_id)
    if not survey_round.is_open(today):
        raise ValidationError(_("This self-assessment is not open."))
    by_key: dict[str, object] = {}
    for question in survey_round.questions:
        number = statement_number(question.key)
        score, comment = answers.get(question.pk, (0, ""))
        if score not in rules.SCALE:
            raise ValidationError({f"q{question.pk}": _("Rate every statement from 1 to 5.")})
        by_key[statement_key(number)] = score
        by_key[comment_key(number)] = text(comment, f"q{question.pk}_comment", COMMENT_MAX, required=False)
    with transaction.atomic():
        institution = locked_institution(institution_id)
        if not Membership.objects.filter(
            institution=institution, partnership=survey_round.partnership, status=domain.MEMBER
        ).exists():
            raise ValidationError(_("Only the partnership's member institutions answer its self-assessment."))
        if Response.objects.filter(survey_id=survey_round.survey_id, group=str(institution.pk)).exists():
            raise ValidationError(_("Your institution has already answered this self-assessment."))
        response = surveys.response_submit(
            actor=actor,
            survey=survey_round.survey,
            answers=by_key,
            group=str(institution.pk),
            today=today,
        )
        audit_record(
            action=SELF_ASSESSMENT_ANSWERED,
            actor=actor,
            obj=survey_round,
            details={"institution": institution.pk},
        )
    return response


# --- the recognition list --------------------------------------------------------------------------


def _published_refusal(year: int) -> None:
    if RecognitionList.objects.filter(year=year, status=rules.PUBLISHED).exists():
        raise ValidationError(
            _("The recognition list of %(year)d is published: take it back for correction first.")
            % {"year": year}
        )


def recognition_rule_set(
    *, actor: Actor, year: int, weights: Mapping[str, Any], rationale: str, decided_by: str = ""
) -> RecognitionRule:
    """The office sets how a year's activity is scored (points per unit of each activity source)
    and why; not while that year's list is published."""
    require_role(actor.user, Role.OFFICER)
    rationale = text(rationale, "rationale", 5000)
    decided_by = text(decided_by, "decided_by", 200, required=False)
    problems = rules.weights_valid(weights, activity.ACTIVITY_SOURCES)
    if problems:
        raise ValidationError(
            {
                "weights": _("Give whole points from 0 to %(max)d to the activities, at least one above 0.")
                % {"max": rules.POINTS_MAX}
            }
        )
    with transaction.atomic():
        _published_refusal(year)
        rule, _created = RecognitionRule.objects.update_or_create(
            year=year,
            defaults={
                "weights": {key: int(points) for key, points in weights.items()},
                "rationale": rationale,
                "decided_by": decided_by,
                "updated_by": actor.user,
            },
        )
        audit_record(action=RECOGNITION_RULE_SET, actor=actor, obj=rule, details={"weights": rule.weights})
    return rule


def recognition_list_compute(*, actor: Actor, year: int) -> RecognitionList:
    """Compute (or compute again) a year's list as a draft from the activity record and the year's
    rule: member institutions and consultants (their partner staff) with points, placed, ties in
    Polish order. The rows are a snapshot: the public list does not move when the record does."""
    require_role(actor.user, Role.OFFICER)
    rule = RecognitionRule.objects.filter(year=year).first()
    if rule is None:
        raise ValidationError(_("Set the scoring rule of %(year)d first.") % {"year": year})
    record = selectors_indicators.activity_record(year=year)
    weights = rule.weights
    with transaction.atomic():
        _published_refusal(year)
        recognition, _created = RecognitionList.objects.select_for_update().get_or_create(
            year=year, defaults={"rationale": rule.rationale, "weights": weights, "computed_by": actor.user}
        )
        recognition.weights, recognition.rationale = weights, rule.rationale
        recognition.computed_at, recognition.computed_by = timezone.now(), actor.user
        recognition.save(update_fields=["weights", "rationale", "computed_at", "computed_by"])
        recognition.places.all().delete()
        places: list[RecognitionPlace] = []
        for row in rules.ranked(
            record.institutions, points=lambda r: rules.score(r.counts, weights), name=lambda r: r.name
        ):
            places.append(
                RecognitionPlace(
                    recognition_list=recognition,
                    institution_id=row.item.pk,
                    name=row.item.name,
                    points=row.points,
                    place=row.place,
                    counts=dict(row.item.counts),
                )
            )
        for row in rules.ranked(
            record.people, points=lambda r: rules.score(r.counts, weights), name=lambda r: r.sort_name
        ):
            places.append(
                RecognitionPlace(
                    recognition_list=recognition,
                    person_id=row.item.pk,
                    name=row.item.name,
                    points=row.points,
                    place=row.place,
                    counts=dict(row.item.counts),
                )
            )
        RecognitionPlace.objects.bulk_create(places)
        audit_record(
            action=RECOGNITION_COMPUTED, actor=actor, obj=recognition, details={"places": len(places)}
        )
    return recognition


def recognition_list_approve(*, actor: Actor, year: int) -> RecognitionList:
    """The office approves the year's list: it is public from now on."""
    require_role(actor.user, Role.OFFICER)
    with transaction.atomic():
        recognition = RecognitionList.objects.select_for_update().get(year=year)
        recognition.approved_at, recognition.approved_by = timezone.now(), actor.user
        RECOGNITION.apply(recognition, "approve", actor=actor, fields=["approved_at", "approved_by"])
    return recognition


def recognition_list_reopen(*, actor: Actor, year: int, reason: str) -> RecognitionList:
    """The office takes a published list back (off the public page) to correct it, saying why."""
    require_role(actor.user, Role.OFFICER)
    reason = text(reason, "reason", 2000)
    with transaction.atomic():
        recognition = RecognitionList.objects.select_for_update().get(year=year)
        RECOGNITION.apply(recognition, "reopen", actor=actor, note=reason)
    return recognition
