"""The audit actions of the teacher-training offer (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a person reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

COURSE_PUBLISHED = audit_action("training.course_published", _("training course published"))
COURSE_CHANGED = audit_action("training.course_changed", _("training course changed"))
ENROLMENT_CREATED = audit_action("training.enrolment_created", _("enrolled in a training course"))
ENROLMENT_CANCELLED = audit_action(
    "training.enrolment_cancelled", _("enrolment in a training course cancelled")
)
SLOT_PUBLISHED = audit_action("training.slot_published", _("consultation slot published"))
CONSULTATION_BOOKED = audit_action("training.consultation_booked", _("consultation booked"))
CONSULTATION_CANCELLED = audit_action("training.consultation_cancelled", _("consultation booking cancelled"))
NETWORK_CREATED = audit_action("training.network_created", _("network of teachers created"))
NETWORK_JOINED = audit_action("training.network_joined", _("joined a network of teachers"))
NETWORK_MEETING_ADDED = audit_action("training.network_meeting_added", _("network meeting added"))
NETWORK_MATERIAL_ADDED = audit_action("training.network_material_added", _("material shared in a network"))
