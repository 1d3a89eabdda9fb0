"""Membership of an institution in a partnership: the institution's staff declare accession (or
the office records the signed agreement), the office admits it, and records its leaving."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role

from .. import domain
from ..audit_actions import MEMBERSHIP_APPLIED
from ..models import JoinedBy, Membership, Partnership
from ..workflows import MEMBERSHIP
from .common import locked_institution, require_institution_access, text

REASON_MAX = 2000


def membership_apply(
    *,
    actor: Actor,
    institution_id: int,
    partnership_id: int,
    joined_by: str,
    applied_on: date | None = None,
    document_reference: str = "",
) -> Membership:
    """An accession: the institution's staff declare it, or an officer records the agreement or
    declaration signed. One open membership per institution and partnership."""
    require_institution_access(actor, institution_id)
    if joined_by not in JoinedBy.values:
        raise ValidationError({"joined_by": _("Choose how the institution joins.")})
    if actor.role == Role.PARTNER_STAFF and joined_by != JoinedBy.DECLARATION:
        # the agreement is signed with the office, which records it
        raise PermissionDenied(_("The programme office records a signed agreement."))
    today = timezone.localdate()
    applied_on = applied_on or today
    if applied_on > today:
        raise ValidationError({"applied_on": _("The day cannot be in the future.")})
    reference = text(document_reference, "document_reference", 100, required=False)
    partnership = Partnership.objects.filter(pk=partnership_id).first()
    if partnership is None:
        raise ValidationError({"partnership": _("Choose a partnership.")})
    with transaction.atomic():
        institution = locked_institution(institution_id)
        if institution.memberships.filter(
            partnership=partnership, status__in=domain.OPEN_MEMBERSHIP
        ).exists():
            raise ValidationError(_("The institution already belongs to this partnership or has applied."))
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    partnership=partnership,
                    institution=institution,
                    joined_by=joined_by,
                    document_reference=reference,
                    applied_on=applied_on,
                )
        except IntegrityError:  # a concurrent accession won the unique constraint
            raise ValidationError(
                _("The institution already belongs to this partnership or has applied.")
            ) from None
        audit_record(
            action=MEMBERSHIP_APPLIED, actor=actor, obj=membership, details={"partnership": partnership.code}
        )
    return membership


def _locked(membership_id: int) -> Membership:
    return (
        Membership.objects.select_for_update(of=("self",)).select_related("partnership").get(pk=membership_id)
    )


def membership_admit(*, actor: Actor, membership_id: int, joined_on: date | None = None) -> Membership:
    """The office admits an institution that applied, from ``joined_on`` (today by default)."""
    require_role(actor.user, Role.OFFICER)
    today = timezone.localdate()
    joined_on = joined_on or today
    with transaction.atomic():
        membership = _locked(membership_id)
        if joined_on < membership.applied_on or joined_on > today:
            raise ValidationError(
                {"joined_on": _("Membership begins between the day of accession and today.")}
            )
        membership.joined_on = joined_on
        MEMBERSHIP.apply(membership, "admit", actor=actor, fields=["joined_on"])
    return membership


def membership_end(
    *, actor: Actor, membership_id: int, left_on: date | None = None, reason: str
) -> Membership:
    """A member leaves (recorded by the office), or an accession is withdrawn (by the office or the
    institution's staff), on ``left_on`` for ``reason``."""
    reason = text(reason, "reason", REASON_MAX)
    today = timezone.localdate()
    left_on = left_on or today
    with transaction.atomic():
        membership = _locked(membership_id)
        if actor.role == Role.PARTNER_STAFF:
            require_institution_access(actor, membership.institution_id)
            if membership.status != domain.APPLIED:
                raise PermissionDenied(_("The programme office records an institution's leaving."))
        if left_on > today or not domain.left_after_joining(joined_on=membership.joined_on, left_on=left_on):
            raise ValidationError({"left_on": _("The day of leaving is between joining and today.")})
        membership.left_on = left_on
        membership.leaving_reason = reason
        transition = "leave" if membership.status == domain.MEMBER else "withdraw"
        MEMBERSHIP.apply(
            membership, transition, actor=actor, note=reason, fields=["left_on", "leaving_reason"]
        )
    return membership
