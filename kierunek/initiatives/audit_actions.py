"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a person reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

EDITION_SAVED = audit_action("initiatives.edition_saved", _("contest edition created or changed"))
EDITION_OPENED = audit_action("initiatives.edition_opened", _("contest edition opened to applications"))
EDITION_APPLICATIONS_CLOSED = audit_action(
    "initiatives.edition_applications_closed", _("contest applications closed")
)
EDITION_JUDGING_STARTED = audit_action(
    "initiatives.edition_judging_started", _("contest jury started scoring")
)
EDITION_PUBLISHED = audit_action("initiatives.edition_published", _("contest results published"))
CRITERION_ADDED = audit_action("initiatives.criterion_added", _("contest criterion added"))
WORKSHOP_ADDED = audit_action("initiatives.workshop_added", _("contest workshop added"))
APPLICATION_SUBMITTED = audit_action("initiatives.application_submitted", _("contest application submitted"))
APPLICATION_ADMITTED = audit_action("initiatives.application_admitted", _("contest application admitted"))
APPLICATION_REJECTED = audit_action("initiatives.application_rejected", _("contest application not admitted"))
APPLICATION_WITHDRAWN = audit_action("initiatives.application_withdrawn", _("contest application withdrawn"))
STAGE_ONE_COMPLETED = audit_action("initiatives.stage_one_completed", _("contest stage I completed"))
EVIDENCE_UPLOADED = audit_action("initiatives.evidence_uploaded", _("contest evidence uploaded"))
REPORT_SUBMITTED = audit_action("initiatives.report_submitted", _("contest implementation report submitted"))
JUROR_APPOINTED = audit_action("initiatives.juror_appointed", _("contest juror appointed"))
CONFLICT_DECLARED = audit_action(
    "initiatives.conflict_declared", _("contest juror declared a conflict of interest or none")
)
SCORES_SAVED = audit_action("initiatives.scores_saved", _("contest scores saved"))
AWARD_GRANTED = audit_action("initiatives.award_granted", _("contest award granted"))
CAMPAIGN_SAVED = audit_action("initiatives.campaign_saved", _("campaign created or changed"))
ACTIVITY_REGISTERED = audit_action("initiatives.activity_registered", _("campaign activity registered"))
ACTIVITY_COUNTED = audit_action("initiatives.activity_counted", _("campaign activity's participants counted"))
