"""What an officer may do with money after upholding a complaint, through the vouchers' own
services (so the ledger moves only as vouchers moves it): freeze the provider's payouts
(``payout_freeze``) or claw back the complained-of booking once settled (``booking_clawback``).
Each is its own confirmed action after the decision; the complaint keeps the link to what it did
(the freeze, the clawback's ledger transaction) and the audit log records it against the complaint."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.vouchers import domain as vouchers_domain
from kierunek.vouchers.models import LedgerTransaction
from kierunek.vouchers.services import booking_clawback, payout_freeze

from .. import domain
from ..audit_actions import COMPLAINT_CLAWED_BACK, COMPLAINT_PAYOUT_FROZEN
from ..models import Complaint


def _locked_upheld(complaint_id: int) -> Complaint:
    complaint = (
        Complaint.objects.select_for_update(of=("self",)).select_related("booking").get(pk=complaint_id)
    )
    if complaint.status != domain.UPHELD:
        raise ValidationError(_("Money can be stopped or reclaimed only after the complaint is upheld."))
    return complaint


def _reason(complaint: Complaint) -> str:
    """The reason the vouchers' records keep, in the programme's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Complaint %(number)s upheld: %(subject)s") % {
            "number": complaint.number,
            "subject": complaint.subject,
        }


def clawback_key(complaint: Complaint) -> str:
    """One clawback per complaint: a retry finds the first one."""
    return f"complaint-clawback-{complaint.pk}"


def can_claw_back(complaint: Complaint) -> bool:
    return (
        complaint.status == domain.UPHELD
        and complaint.clawback_id is None
        and complaint.booking is not None
        and complaint.booking.status == vouchers_domain.SETTLED
    )


def complaint_payout_freeze(*, complaint_id: int, actor: Actor) -> Complaint:
    """Freeze the provider's payouts (nothing of it is settled or paid until an officer lifts the
    freeze on the freezes page). A freeze already in force is linked, not doubled."""
    require_role(actor.user, Role.OFFICER)
    with transaction.atomic():
        complaint = _locked_upheld(complaint_id)
        if complaint.payout_freeze_id is not None:
            return complaint
        freeze = payout_freeze(provider_id=complaint.provider_id, actor=actor, reason=_reason(complaint))
        complaint.payout_freeze = freeze
        complaint.save(update_fields=["payout_freeze", "updated_at"])
        audit_record(
            action=COMPLAINT_PAYOUT_FROZEN, actor=actor, obj=complaint, details={"payout_freeze": freeze.pk}
        )
    return complaint


def complaint_clawback(*, complaint_id: int, actor: Actor) -> Complaint:
    """Claw back the settled booking the complaint is about: its amount leaves the provider's
    receivable and returns to the programme's budget (``vouchers.services.booking_clawback``)."""
    require_role(actor.user, Role.OFFICER)
    with transaction.atomic():
        complaint = _locked_upheld(complaint_id)
        if complaint.clawback_id is not None:
            return complaint
        if complaint.booking is None:
            raise ValidationError(_("This complaint is not about a booking: there is nothing to claw back."))
        if complaint.booking.status != vouchers_domain.SETTLED:
            raise ValidationError(_("Only a settled booking can be clawed back."))
        key = clawback_key(complaint)
        booking_clawback(
            booking_id=complaint.booking.pk, actor=actor, reason=_reason(complaint), idempotency_key=key
        )
        complaint.clawback = LedgerTransaction.objects.get(idempotency_key=key)
        complaint.save(update_fields=["clawback", "updated_at"])
        audit_record(
            action=COMPLAINT_CLAWED_BACK,
            actor=actor,
            obj=complaint,
            details={"booking": complaint.booking_id, "transaction": str(complaint.clawback.pk)},
        )
    return complaint
