"""The indicators in a person's data export (decision 0023): the self-assessments they sent for
their institution (its answers: the survey engine's responses under their name, read here with
the round and the institution they were for), and their places on the recognition lists as a
consultant. The rounds, the scoring rules and the lists themselves are the office's work, not a
person's data: the officer who made them is recorded only as the office's actor."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.surveys.models import QuestionKind, Response

from .models import Institution
from .models_indicators import (
    SELF_ASSESSMENT_OWNER,
    RecognitionListStatus,
    RecognitionPlace,
    SelfAssessmentRound,
    statement_number,
)

OFFICE_WORK = (
    "the office's own work on the partnership's indicators; the officer is kept as the actor of "
    "the record, and the audit log already gives the person what they did"
)


def _self_assessments(user: User) -> list[dict[str, Any]]:
    responses = list(
        Response.objects.filter(respondent=user, survey__owner=SELF_ASSESSMENT_OWNER)
        .prefetch_related("answers__question")
        .order_by("submitted_on", "pk")
    )
    rounds = {
        r.survey_id: r
        for r in SelfAssessmentRound.objects.filter(
            survey_id__in=[r.survey_id for r in responses]
        ).select_related("partnership")
    }
    names = dict(
        Institution.objects.filter(pk__in=[int(r.group) for r in responses if r.group.isdigit()]).values_list(
            "pk", "name"
        )
    )
    out = []
    for response in responses:
        survey_round = rounds[response.survey_id]
        scores: dict[int, tuple[str, object]] = {}
        comments: dict[int, object] = {}
        for answer in response.answers.all():
            number = statement_number(answer.question.key)
            if answer.question.kind == QuestionKind.SCALE:
                scores[number] = (answer.question.text, answer.value)
            else:
                comments[number] = answer.value
        out.append(
            {
                "round": f"{survey_round.partnership.short_name} {survey_round.year}",
                "institution": names.get(int(response.group) if response.group.isdigit() else 0, ""),
                "answered_on": response.submitted_on.isoformat(),
                "answers": [
                    {"question": question, "score": score, "comment": comments.get(number, "")}
                    for number, (question, score) in sorted(scores.items())
                ],
            }
        )
    return out


def indicators_of(*, user: User) -> dict[str, Any]:
    places = (
        RecognitionPlace.objects.filter(person=user)
        .select_related("recognition_list")
        .order_by("recognition_list__year", "pk")
    )
    return {
        "self_assessments": _self_assessments(user),
        "recognition": [
            {
                "year": p.recognition_list.year,
                "status": p.recognition_list.status,
                "place": p.place,
                "points": p.points,
                "activity": p.counts,
            }
            for p in places
        ],
    }


def indicators_rows(*, user: User) -> list[Model]:
    """The recognition places; the self-assessments' responses are the survey engine's rows, which
    it counts as the person's own."""
    return [*RecognitionPlace.objects.filter(person=user)]


def personal_data_indicators_register() -> None:
    """Called from ``PartnershipConfig.ready()``."""
    personal_data.register(
        "partnership_indicators",
        title=_("Partnership indicators"),
        collect=indicators_of,
        models=["partnership.RecognitionPlace"],
        labels={
            "self_assessments": _("Self-assessments you sent for your institution"),
            "recognition": _("Your places on the recognition lists"),
            "round": _("Round"),
            "answers": _("Answers"),
            "question": _("Question"),
            "score": _("Score"),
            "place": _("Place"),
            "points": _("Points"),
            "activity": _("Activity"),
        },
        choices={"status": dict(RecognitionListStatus.choices)},
        order=81,
    )
    personal_data.register_owned_rows(indicators_rows)
    for model in (
        "partnership.SelfAssessmentRound",
        "partnership.RecognitionRule",
        "partnership.RecognitionList",
    ):
        personal_data.exclude(model, reason=OFFICE_WORK)
