"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a participant reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

GUIDANCE_APPOINTMENT_BOOKED = audit_action("guidance.appointment_booked", _("appointment booked"))
GUIDANCE_APPOINTMENT_CANCELLED = audit_action("guidance.appointment_cancelled", _("appointment cancelled"))
GUIDANCE_APPOINTMENT_MOVED = audit_action("guidance.appointment_moved", _("appointment moved"))
GUIDANCE_APPOINTMENT_REMINDED = audit_action("guidance.appointment_reminded", _("appointment reminder sent"))
GUIDANCE_AREA_DELETED = audit_action("guidance.area_deleted", _("development area removed"))
GUIDANCE_AREA_SAVED = audit_action("guidance.area_saved", _("development area saved"))
GUIDANCE_BALANCE_STARTED = audit_action("guidance.balance_started", _("competence balance started"))
GUIDANCE_EXPERIENCE_DELETED = audit_action("guidance.experience_deleted", _("experience removed"))
GUIDANCE_EXPERIENCE_SAVED = audit_action("guidance.experience_saved", _("experience saved"))
GUIDANCE_PLAN_ACKNOWLEDGED = audit_action("guidance.plan_acknowledged", _("development plan acknowledged"))
GUIDANCE_PLAN_FEEDBACK_GIVEN = audit_action(
    "guidance.plan_feedback_given", _("feedback on the development plan")
)
GUIDANCE_PLAN_REOPENED = audit_action("guidance.plan_reopened", _("development plan reopened"))
GUIDANCE_PLAN_SIGNED = audit_action("guidance.plan_signed", _("development plan signed"))
GUIDANCE_PLAN_UPDATED = audit_action("guidance.plan_updated", _("development plan changed"))
GUIDANCE_PORTFOLIO_ADDED = audit_action("guidance.portfolio_added", _("portfolio item added"))
GUIDANCE_PORTFOLIO_DELETED = audit_action("guidance.portfolio_deleted", _("portfolio item removed"))
GUIDANCE_PROFILE_DELETED = audit_action("guidance.profile_deleted", _("competence profile entry removed"))
GUIDANCE_PROFILE_SAVED = audit_action("guidance.profile_saved", _("competence profile entry saved"))
GUIDANCE_SLOT_WITHDRAWN = audit_action("guidance.slot_withdrawn", _("advisor's slot withdrawn"))
GUIDANCE_SLOTS_PUBLISHED = audit_action("guidance.slots_published", _("advisor's slots published"))
GUIDANCE_STAGE_MARKED = audit_action("guidance.stage_marked", _("stage of the balance marked"))
GUIDANCE_STAR_EVIDENCE_DELETED = audit_action("guidance.star_evidence_deleted", _("STAR evidence removed"))
GUIDANCE_STAR_EVIDENCE_SAVED = audit_action("guidance.star_evidence_saved", _("STAR evidence saved"))
GUIDANCE_VOCABULARY_COMPETENCE_SAVED = audit_action(
    "guidance.vocabulary_competence_saved", _("competence of the vocabulary saved")
)
GUIDANCE_VOCABULARY_OCCUPATION_SAVED = audit_action(
    "guidance.vocabulary_occupation_saved", _("occupation of the vocabulary saved")
)
