"""The survey engine's part of a person's data export: the surveys they answered under their name
(with their answers), and the anonymous ones they took part in (the day only: what they answered
there is not linked to them, so it cannot be exported)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data

from .models import Participation, Response


def surveys_of(*, user: User) -> dict[str, Any]:
    responses = (
        Response.objects.filter(respondent=user)
        .select_related("survey")
        .prefetch_related("answers__question")
    )
    participations = (
        Participation.objects.filter(user=user).select_related("survey").order_by("answered_on", "pk")
    )
    return {
        "responses": [
            {
                "survey": r.survey.title,
                "submitted_on": r.submitted_on.isoformat(),
                "answers": [{"question": a.question.text, "answer": a.value} for a in r.answers.all()],
            }
            for r in responses.order_by("submitted_on", "pk")
        ],
        "anonymous_surveys": [
            {"survey": p.survey.title, "answered_on": p.answered_on.isoformat()} for p in participations
        ],
    }


def survey_rows(*, user: User) -> list[Model]:
    return [*Response.objects.filter(respondent=user), *Participation.objects.filter(user=user)]


def personal_data_register() -> None:
    """Called from ``SurveysConfig.ready()``."""
    personal_data.register(
        "surveys",
        title=_("Surveys"),
        collect=surveys_of,
        models=["surveys.Response", "surveys.Participation", "surveys.Answer"],
        labels={
            "responses": _("Surveys answered"),
            "anonymous_surveys": _("Anonymous surveys taken part in"),
        },
        order=95,
    )
    personal_data.register_owned_rows(survey_rows)
    personal_data.exclude(
        "surveys.Survey",
        reason="the survey is the staff's document; who made it is staff acting for an office",
    )
