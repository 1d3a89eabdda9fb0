"""Every change in the programmes context, one module per subject: ``applications`` (draft,
submission with the rules' decision, review, reopening, the audited staff read) and ``consents``
(given, withdrawn). Inside the context, import from the sub-modules; the names below are for the
other contexts and the tests."""

from .applications import (
    ANSWER_FIELDS,
    ApplicationAnswers,
    answers_of,
    application_file_read,
    application_reopen,
    application_review,
    application_save_draft,
    application_start,
    application_submit,
    missing_answers,
    person_facts,
)
from .consents import consent_give, consent_withdraw

__all__ = [
    "ANSWER_FIELDS",
    "ApplicationAnswers",
    "answers_of",
    "application_file_read",
    "application_reopen",
    "application_review",
    "application_save_draft",
    "application_start",
    "application_submit",
    "consent_give",
    "consent_withdraw",
    "missing_answers",
    "person_facts",
]
