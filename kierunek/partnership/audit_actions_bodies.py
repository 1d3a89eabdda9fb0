"""The audit actions of bodies and groups (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`); imported by :mod:`.audit_actions` with the rest."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

BODY_CREATED = audit_action("partnership.body_created", _("body or group of a partnership set up"))
BODY_UPDATED = audit_action("partnership.body_updated", _("body or group of a partnership changed"))
TERM_ADDED = audit_action("partnership.term_added", _("term of a council added"))
MEMBER_ADDED = audit_action("partnership.body_member_added", _("member of a body or group added"))
MEMBER_LEFT = audit_action("partnership.body_member_left", _("member left a body or group"))
MEETING_SCHEDULED = audit_action("partnership.meeting_scheduled", _("meeting of a body or group scheduled"))
MINUTES_ATTACHED = audit_action("partnership.minutes_attached", _("minutes of a meeting attached"))
DECISION_RECORDED = audit_action("partnership.decision_recorded", _("decision of a body recorded"))
DECISION_IMPLEMENTED = audit_action("partnership.decision_implemented", _("decision marked implemented"))
DECISION_REPEALED = audit_action("partnership.decision_repealed", _("decision repealed"))
PRODUCT_CREATED = audit_action("partnership.product_created", _("product of a group started"))
PRODUCT_VERSION_ADDED = audit_action("partnership.product_version_added", _("version of a product added"))
PRODUCT_SUBMITTED = audit_action("partnership.product_submitted", _("product submitted for review"))
PRODUCT_RETURNED = audit_action("partnership.product_returned", _("product returned for changes"))
PRODUCT_APPROVED = audit_action("partnership.product_approved", _("product approved"))
PRODUCT_PUBLISHED = audit_action("partnership.product_published", _("product published"))
