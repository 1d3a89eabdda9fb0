"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a person reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

INSTITUTION_CREATED = audit_action("partnership.institution_created", _("partner institution added"))
INSTITUTION_UPDATED = audit_action(
    "partnership.institution_updated", _("partner institution's profile changed")
)
STAFF_LINKED = audit_action("partnership.staff_linked", _("account linked to a partner institution"))
MEMBERSHIP_APPLIED = audit_action("partnership.membership_applied", _("accession to a partnership declared"))
MEMBERSHIP_ADMITTED = audit_action(
    "partnership.membership_admitted", _("institution admitted to a partnership")
)
MEMBERSHIP_WITHDRAWN = audit_action(
    "partnership.membership_withdrawn", _("accession to a partnership withdrawn")
)
MEMBERSHIP_LEFT = audit_action("partnership.membership_ended", _("institution left a partnership"))
ENTRY_CREATED = audit_action("partnership.entry_created", _("directory entry added"))
ENTRY_UPDATED = audit_action("partnership.entry_updated", _("directory entry changed"))
PRACTICE_CREATED = audit_action("partnership.practice_created", _("good practice written"))
PRACTICE_UPDATED = audit_action("partnership.practice_updated", _("good practice changed"))
PRACTICE_SUBMITTED = audit_action("partnership.practice_submitted", _("good practice submitted for review"))
PRACTICE_PUBLISHED = audit_action("partnership.practice_published", _("good practice published"))
PRACTICE_RETURNED = audit_action("partnership.practice_returned", _("good practice returned for changes"))
# The indicators (decision 0023).
ROUND_OPENED = audit_action("partnership.self_assessment_round_opened", _("self-assessment round opened"))
SELF_ASSESSMENT_ANSWERED = audit_action(
    "partnership.self_assessment_answered", _("partnership self-assessment answered")
)
RECOGNITION_RULE_SET = audit_action("partnership.recognition_rule_set", _("recognition rule set"))
RECOGNITION_COMPUTED = audit_action("partnership.recognition_list_computed", _("recognition list computed"))
RECOGNITION_APPROVED = audit_action(
    "partnership.recognition_list_approved", _("recognition list approved and published")
)
RECOGNITION_REOPENED = audit_action(
    "partnership.recognition_list_reopened", _("recognition list taken back for correction")
)

from . import audit_actions_bodies  # noqa: E402, F401  (bodies and groups, decision 0020)
