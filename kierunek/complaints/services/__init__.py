"""Every change of a complaint, one module per subject, each in one transaction and audited:
filing (a participant about a booking, anyone about a public card), handling (an officer takes it
up and decides, the provider answers) and the money actions of an upheld complaint (a payout
freeze or a clawback, through the vouchers' own services)."""

from .filing import (
    PUBLIC_COMPLAINTS_PER_HOUR,
    ComplaintFiled,
    complaint_file_about_booking,
    complaint_file_about_card,
    public_complaints_limited,
)
from .handling import complaint_answer, complaint_decide, complaint_take
from .money import complaint_clawback, complaint_payout_freeze

__all__ = [
    "PUBLIC_COMPLAINTS_PER_HOUR",
    "ComplaintFiled",
    "complaint_answer",
    "complaint_clawback",
    "complaint_decide",
    "complaint_file_about_booking",
    "complaint_file_about_card",
    "complaint_payout_freeze",
    "complaint_take",
    "public_complaints_limited",
]
