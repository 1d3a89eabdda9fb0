"""The audit actions of brokerage (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a person reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

MANDATE_GRANTED = audit_action("brokerage.mandate_granted", _("mandate given to a broker"))
MANDATE_REVOKED = audit_action("brokerage.mandate_revoked", _("mandate of a broker revoked"))
PROPOSAL_MADE = audit_action("brokerage.proposal_made", _("service proposed by a broker"))
PROPOSAL_CONFIRMED = audit_action("brokerage.proposal_confirmed", _("broker's proposal confirmed and booked"))
PROPOSAL_DECLINED = audit_action("brokerage.proposal_declined", _("broker's proposal declined"))
PROPOSAL_WITHDRAWN = audit_action("brokerage.proposal_withdrawn", _("broker's proposal withdrawn"))
BOOKED_FOR = audit_action("brokerage.booked_for", _("service booked by a broker on the participant's behalf"))
CANCELLED_FOR = audit_action(
    "brokerage.cancelled_for", _("booking cancelled by a broker on the participant's behalf")
)
PORTFOLIO_ADDED_FOR = audit_action(
    "brokerage.portfolio_added_for", _("evidence added to the portfolio by a broker")
)
PERSON_REGISTERED = audit_action("brokerage.person_registered", _("person registered by a broker"))
LETTER_PRINTED = audit_action("brokerage.letter_printed", _("letter with the first password printed"))
CONSENT_READ = audit_action("brokerage.consent_read", _("signed consent of an assisted registration opened"))
FIRST_PASSWORD_CHANGED = audit_action(
    "brokerage.first_password_changed", _("first password from the letter changed")
)
THRESHOLD_CHANGED = audit_action("brokerage.threshold_changed", _("fraud signal threshold changed"))
SIGNALS_READ = audit_action("brokerage.signals_read", _("fraud signals of a broker read by the office"))
