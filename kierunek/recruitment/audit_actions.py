"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a person reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

YEAR_SAVED = audit_action("recruitment.year_saved", _("recruitment timetable set"))
MAIN_ROUND_MATCHED = audit_action(
    "recruitment.main_round_matched", _("recruitment main round matched, qualified lists published")
)
ADMITTED_PUBLISHED = audit_action(
    "recruitment.admitted_published", _("recruitment lists of admitted candidates published")
)
SUPPLEMENTARY_MATCHED = audit_action(
    "recruitment.supplementary_matched", _("recruitment supplementary round matched")
)
YEAR_CLOSED = audit_action("recruitment.year_closed", _("recruitment year closed"))
COMMITTEE_CHANGED = audit_action("recruitment.committee_changed", _("recruitment committee changed"))
APPLICATION_SAVED = audit_action("recruitment.application_saved", _("recruitment application saved"))
APPLICATION_SUBMITTED = audit_action(
    "recruitment.application_submitted", _("recruitment application submitted")
)
APPLICATION_VERIFIED = audit_action(
    "recruitment.application_verified", _("recruitment application documents checked")
)
APPLICATION_RETURNED = audit_action(
    "recruitment.application_returned", _("recruitment application returned for corrections")
)
APPLICATION_READ = audit_action(
    "recruitment.application_read", _("recruitment application opened by school staff")
)
RESULTS_IMPORTED = audit_action("recruitment.results_imported", _("exam results and grades imported"))
PREFERENCES_SAVED = audit_action("recruitment.preferences_saved", _("ranked classes saved"))
INTENT_CONFIRMED = audit_action("recruitment.intent_confirmed", _("intent to attend confirmed"))
PLACEMENT_ADMITTED = audit_action("recruitment.placement_admitted", _("candidate admitted"))
PLACEMENT_LAPSED = audit_action(
    "recruitment.placement_lapsed", _("qualified candidate did not confirm in time")
)
PLACEMENT_RELEASED = audit_action("recruitment.placement_released", _("seat left for a better one"))
JUSTIFICATION_REQUESTED = audit_action(
    "recruitment.justification_requested", _("justification of a refusal requested")
)
JUSTIFICATION_GIVEN = audit_action("recruitment.justification_given", _("justification of a refusal given"))
APPEAL_FILED = audit_action("recruitment.appeal_filed", _("appeal to the director filed"))
APPEAL_DECIDED = audit_action("recruitment.appeal_decided", _("appeal decided by the director"))
RESULTS_ENTERED = audit_action(
    "recruitment.results_entered", _("exam results and grades entered by the school")
)
LISTS_PUBLISHED = audit_action("recruitment.lists_published", _("recruitment lists published by the school"))
APTITUDE_ENTERED = audit_action(
    "recruitment.aptitude_entered", _("aptitude test results entered by the school's committee")
)
