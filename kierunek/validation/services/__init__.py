"""The services of validation (one module per subject); other contexts, the demo and the tests
import them from here."""

from ..selectors import certificate_of  # the tests and pages read it beside the act
from .certify import validation_certify
from .evidence import evidence_from_portfolio, evidence_remove, evidence_upload
from .sessions import conflict_declare, results_record, seat_take, session_schedule
from .validations import (
    appeal_decide,
    documentation_finish,
    identification_finish,
    self_assessment_save,
    validation_accept,
    validation_appeal,
    validation_apply,
    validation_refuse,
    validation_resit,
    validation_withdraw,
)

__all__ = [
    "appeal_decide",
    "certificate_of",
    "conflict_declare",
    "documentation_finish",
    "evidence_from_portfolio",
    "evidence_remove",
    "evidence_upload",
    "identification_finish",
    "results_record",
    "seat_take",
    "self_assessment_save",
    "session_schedule",
    "validation_accept",
    "validation_appeal",
    "validation_apply",
    "validation_certify",
    "validation_refuse",
    "validation_resit",
    "validation_withdraw",
]
