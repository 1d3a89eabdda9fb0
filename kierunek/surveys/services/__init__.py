"""The survey engine's services (the owner context checks who may answer and in which group)."""

from .surveys import (
    QuestionData,
    SurveyData,
    has_answered,
    response_submit,
    response_submit_by_token,
    survey_create,
    tokens_issue,
)

__all__ = [
    "QuestionData",
    "SurveyData",
    "has_answered",
    "response_submit",
    "response_submit_by_token",
    "survey_create",
    "tokens_issue",
]
