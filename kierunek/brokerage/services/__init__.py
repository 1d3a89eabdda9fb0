"""Brokerage's services: mandates (:mod:`.mandates`), acts under a mandate (:mod:`.acts`),
assisted registration (:mod:`.registration`), the signals' thresholds (:mod:`.thresholds`)."""

from .acts import (
    booking_cancel_for,
    booking_for,
    portfolio_add_for,
    proposal_confirm,
    proposal_decline,
    proposal_make,
    proposal_withdraw,
)
from .mandates import agent_check, mandate_grant, mandate_revoke
from .registration import consent_read, first_password_changed, letter_print, person_register
from .thresholds import threshold_set

__all__ = [
    "agent_check",
    "booking_cancel_for",
    "booking_for",
    "consent_read",
    "first_password_changed",
    "letter_print",
    "mandate_grant",
    "mandate_revoke",
    "person_register",
    "portfolio_add_for",
    "proposal_confirm",
    "proposal_decline",
    "proposal_make",
    "proposal_withdraw",
    "threshold_set",
]
