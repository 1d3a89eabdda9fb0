"""Every change of events, one module per subject, each in one transaction and audited: organising
(events, sessions, helpers, invitations, materials), registrations (registering, cancelling,
approval, the waiting list's offers, reminders) and attendance (check-in, certificates, survey)."""

from .attendance import attendee_check_in, certificates_issue, check_in_undo, survey_answer
from .events import (
    EventData,
    SessionData,
    event_create,
    event_update,
    helper_add,
    invitations_add,
    material_attach,
    session_save,
)
from .registrations import (
    Answers,
    offer_accept,
    offers_lapse,
    registration_approve,
    registration_cancel,
    registration_create,
    registration_reject,
    reminders_send,
)

__all__ = [
    "Answers",
    "EventData",
    "SessionData",
    "attendee_check_in",
    "certificates_issue",
    "check_in_undo",
    "event_create",
    "event_update",
    "helper_add",
    "invitations_add",
    "material_attach",
    "offer_accept",
    "offers_lapse",
    "registration_approve",
    "registration_cancel",
    "registration_create",
    "registration_reject",
    "reminders_send",
    "session_save",
    "survey_answer",
]
