"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a person reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

AGREEMENT_DRAFTED = audit_action(
    "outreach.agreement_drafted", _("cooperation agreement with a gmina drafted")
)
AGREEMENT_SIGNED = audit_action("outreach.agreement_signed", _("cooperation agreement with a gmina signed"))
AGREEMENT_SUSPENDED = audit_action(
    "outreach.agreement_suspended", _("cooperation agreement with a gmina suspended")
)
AGREEMENT_RESUMED = audit_action(
    "outreach.agreement_resumed", _("cooperation agreement with a gmina resumed")
)
AGREEMENT_ENDED = audit_action("outreach.agreement_ended", _("cooperation agreement with a gmina ended"))
AGREEMENT_CANCELLED = audit_action(
    "outreach.agreement_cancelled", _("draft agreement with a gmina cancelled")
)
LEADER_REGISTERED = audit_action("outreach.leader_registered", _("local leader registered"))
LEADER_ERASED = audit_action("outreach.leader_erased", _("local leader's details erased"))
CONTACT_RECORDED = audit_action("outreach.contact_recorded", _("contact with a local leader recorded"))
CAMPAIGN_CREATED = audit_action("outreach.campaign_created", _("campaign created"))
CAMPAIGN_CLOSED = audit_action("outreach.campaign_closed", _("campaign closed"))
SIGNUP_RECORDED = audit_action("outreach.signup_recorded", _("registration through a campaign recorded"))
POPULATION_IMPORTED = audit_action("outreach.population_imported", _("adult residents of gminas imported"))
