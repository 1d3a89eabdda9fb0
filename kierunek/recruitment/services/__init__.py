"""The recruitment's services (one module per subject)."""

from .appeals import appeal_decide, appeal_file, appeal_justify, intent_confirm, justification_request
from .applications import (
    application_check,
    application_save,
    application_submit,
    preferences_save,
    results_enter,
    results_import,
)
from .aptitude import aptitude_results_enter
from .committee import committee_appoint, committee_dismiss
from .lists import lists_publish
from .rounds import year_close, year_match_main, year_match_supplementary, year_publish_admitted

__all__ = [
    "appeal_decide",
    "appeal_file",
    "appeal_justify",
    "application_check",
    "application_save",
    "application_submit",
    "aptitude_results_enter",
    "committee_appoint",
    "committee_dismiss",
    "intent_confirm",
    "justification_request",
    "lists_publish",
    "preferences_save",
    "results_enter",
    "results_import",
    "year_close",
    "year_match_main",
    "year_match_supplementary",
    "year_publish_admitted",
]
