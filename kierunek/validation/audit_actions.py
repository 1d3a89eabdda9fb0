"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a person reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

VALIDATION_APPLIED = audit_action(
    "validation.application_made", _("applied for the validation of a qualification")
)
VALIDATION_ACCEPTED = audit_action("validation.application_accepted", _("validation application accepted"))
VALIDATION_REFUSED = audit_action("validation.application_refused", _("validation application refused"))
VALIDATION_WITHDRAWN = audit_action("validation.validation_withdrawn", _("validation withdrawn"))
IDENTIFICATION_FINISHED = audit_action(
    "validation.identification_finished", _("identification of learning outcomes finished")
)
DOCUMENTATION_FINISHED = audit_action(
    "validation.documentation_finished", _("documentation of learning outcomes finished")
)
VALIDATION_PASSED = audit_action("validation.validation_passed", _("validation passed"))
VALIDATION_FAILED = audit_action("validation.validation_failed", _("validation not passed"))
RESIT_REQUESTED = audit_action("validation.resit_requested", _("re-sit of a verification requested"))
APPEAL_LODGED = audit_action("validation.appeal_lodged", _("appeal against a validation result lodged"))
APPEAL_UPHELD = audit_action("validation.appeal_granted", _("appeal upheld: verification repeated"))
APPEAL_DISMISSED = audit_action("validation.appeal_dismissed", _("appeal dismissed"))
SELF_ASSESSMENT_SAVED = audit_action(
    "validation.self_assessment_saved", _("self-assessment of outcomes saved")
)
EVIDENCE_ADDED = audit_action("validation.evidence_added", _("evidence for learning outcomes added"))
EVIDENCE_REMOVED = audit_action("validation.evidence_removed", _("evidence for learning outcomes removed"))
SESSION_SCHEDULED = audit_action("validation.session_scheduled", _("verification session scheduled"))
SEAT_TAKEN = audit_action("validation.seat_booked", _("candidate seated at a verification session"))
CONFLICT_DECLARED = audit_action(
    "validation.conflict_declared", _("assessor's declaration of conflict of interest made")
)
RESULTS_RECORDED = audit_action("validation.results_recorded", _("results of outcome sets recorded"))
