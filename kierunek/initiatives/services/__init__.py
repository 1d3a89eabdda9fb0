"""Every change of the regional initiatives, one module per subject: the contest's editions and
applications (``contest``), its jury (``jury``), the Learning Day's and the Career Week's campaigns
and activities (``campaigns``)."""

from .campaigns import ActivityData, activity_count, activity_register, campaign_create
from .contest import (
    EditionData,
    application_move,
    application_submit,
    criterion_add,
    edition_create,
    edition_move,
    evidence_upload,
    gmina_of,
    report_submit,
    workshop_add,
)
from .jury import award_grant, conflict_declare, juror_appoint, scores_save

__all__ = [
    "ActivityData",
    "EditionData",
    "activity_count",
    "activity_register",
    "application_move",
    "application_submit",
    "award_grant",
    "campaign_create",
    "conflict_declare",
    "criterion_add",
    "edition_create",
    "edition_move",
    "evidence_upload",
    "gmina_of",
    "juror_appoint",
    "report_submit",
    "scores_save",
    "workshop_add",
]
