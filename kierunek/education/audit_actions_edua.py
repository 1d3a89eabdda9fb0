"""The audit actions of the funding sources, the career-orientation offer, the centres and the
materials library (the registry and its naming rule: :mod:`kierunek.core.audit_registry`)."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

FUNDING_SOURCE_SAVED = audit_action("education.funding_source_saved", _("funding source added or changed"))
FUNDING_SUBSCRIPTION_SAVED = audit_action(
    "education.funding_subscription_saved", _("funding alerts subscribed or changed")
)
FUNDING_ALERT_SENT = audit_action("education.funding_alert_sent", _("funding alert sent"))
BUDGET_SAVED = audit_action("education.budget_saved", _("teacher-development budget planned"))
BUDGET_SPENDING_RECORDED = audit_action(
    "education.budget_spending_recorded", _("teacher-development spending recorded")
)
CAREER_ACTIVITY_PUBLISHED = audit_action(
    "education.career_activity_published", _("career-orientation activity published")
)
CAREER_ACTIVITY_BOOKED = audit_action(
    "education.career_activity_booked", _("career-orientation activity booked")
)
CAREER_BOOKING_CANCELLED = audit_action(
    "education.career_booking_cancelled", _("career-orientation booking cancelled")
)
CAREER_ACTIVITY_CANCELLED = audit_action(
    "education.career_activity_cancelled", _("career-orientation activity cancelled")
)
CAREER_PLAN_SAVED = audit_action("education.career_plan_saved", _("career-orientation plan saved"))
GUIDELINES_PUBLISHED = audit_action("education.guidelines_published", _("LOWE guidelines version published"))
CENTRE_REGISTERED = audit_action("education.centre_registered", _("LOWE centre registered"))
CENTRE_EVENT_LINKED = audit_action("education.centre_event_linked", _("event linked to a LOWE centre"))
MATERIAL_SUBMITTED = audit_action("education.material_submitted", _("educational material submitted"))
MATERIAL_PUBLISHED = audit_action("education.material_published", _("educational material published"))
MATERIAL_RETURNED = audit_action(
    "education.material_returned", _("educational material returned for changes")
)
MATERIAL_RESUBMITTED = audit_action(
    "education.material_resubmitted", _("educational material submitted again")
)
MATERIAL_WITHDRAWN = audit_action("education.material_withdrawn", _("educational material withdrawn"))
