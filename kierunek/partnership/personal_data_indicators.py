"""The indicators in a person's data export (decision 0023): the self-assessments they sent for
their institution (its answers), and their places on the recognition lists as a consultant. The
rounds' questions, the scoring rules and the lists themselves are the office's work, not a
person's data: the officer who made them is recorded only as the office's actor."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data

from .models_indicators import RecognitionListStatus, RecognitionPlace, SelfAssessmentResponse

OFFICE_WORK = (
    "the office's own work on the partnership's indicators; the officer is kept as the actor of "
    "the record, and the audit log already gives the person what they did"
)


def indicators_of(*, user: User) -> dict[str, Any]:
    responses = (
        SelfAssessmentResponse.objects.filter(answered_by=user)
        .select_related("round__partnership", "institution")
        .prefetch_related("answers__question")
        .order_by("answered_at", "pk")
    )
    places = (
        RecognitionPlace.objects.filter(person=user)
        .select_related("recognition_list")
        .order_by("recognition_list__year", "pk")
    )
    return {
        "self_assessments": [
            {
                "round": f"{r.round.partnership.short_name} {r.round.year}",
                "institution": r.institution.name,
                "answered_at": r.answered_at.isoformat(),
                "answers": [
                    {"question": a.question.text, "score": a.score, "comment": a.comment}
                    for a in r.answers.all()
                ],
            }
            for r in responses
        ],
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
    return [
        *SelfAssessmentResponse.objects.filter(answered_by=user),
        *RecognitionPlace.objects.filter(person=user),
    ]


def personal_data_indicators_register() -> None:
    """Called from ``PartnershipConfig.ready()``."""
    personal_data.register(
        "partnership_indicators",
        title=_("Partnership indicators"),
        collect=indicators_of,
        models=[
            "partnership.SelfAssessmentResponse",
            "partnership.SelfAssessmentAnswer",
            "partnership.RecognitionPlace",
        ],
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
        "partnership.SelfAssessmentQuestion",
        "partnership.RecognitionRule",
        "partnership.RecognitionList",
    ):
        personal_data.exclude(model, reason=OFFICE_WORK)
