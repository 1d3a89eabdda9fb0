"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a complainant reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

COMPLAINT_FILED = audit_action("complaints.complaint_filed", _("complaint filed"))
COMPLAINT_TAKEN = audit_action("complaints.complaint_taken", _("complaint taken up by an officer"))
COMPLAINT_ANSWERED = audit_action("complaints.complaint_answered", _("complaint answered by the provider"))
COMPLAINT_UPHELD = audit_action("complaints.complaint_found_justified", _("complaint upheld"))
COMPLAINT_DISMISSED = audit_action("complaints.complaint_dismissed", _("complaint dismissed"))
COMPLAINT_PAYOUT_FROZEN = audit_action(
    "complaints.payout_frozen", _("provider's payouts frozen after a complaint")
)
COMPLAINT_CLAWED_BACK = audit_action(
    "complaints.booking_clawed_back", _("payment for the booking reclaimed after a complaint")
)
COMPLAINT_ATTACHMENT_READ = audit_action("complaints.attachment_read", _("complaint's attachment opened"))
