"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a person reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

EVENT_CREATED = audit_action("events.event_created", _("event created"))
EVENT_CHANGED = audit_action("events.event_changed", _("event changed"))
SESSION_SAVED = audit_action("events.session_saved", _("event's session added or changed"))
HELPER_ADDED = audit_action("events.helper_added", _("helper added to an event"))
INVITATION_ADDED = audit_action("events.invitation_added", _("invitation to an event added"))
MATERIAL_ATTACHED = audit_action("events.material_attached", _("material attached to an event"))
REGISTRATION_CREATED = audit_action("events.registration_created", _("registered for an event"))
REGISTRATION_APPROVED = audit_action("events.registration_approved", _("registration approved"))
REGISTRATION_REJECTED = audit_action("events.registration_rejected", _("registration not approved"))
REGISTRATION_CANCELLED = audit_action("events.registration_cancelled", _("registration cancelled"))
SEAT_OFFERED = audit_action("events.seat_offered", _("freed seat offered from the waiting list"))
OFFER_ACCEPTED = audit_action("events.offer_accepted", _("offered seat accepted"))
OFFER_LAPSED = audit_action("events.offer_lapsed", _("offered seat not taken in time"))
ATTENDEE_CHECKED_IN = audit_action("events.attendee_checked_in", _("checked in at the event"))
CHECK_IN_UNDONE = audit_action("events.check_in_undone", _("check-in at the event undone"))
CERTIFICATE_ISSUED = audit_action("events.certificate_issued", _("attendance certificate issued"))
SURVEY_ANSWERED = audit_action("events.survey_answered", _("survey after the event answered"))
