"""Mandates: a participant gives a broker a mandate (scope, end date) and revokes it at any time,
with effect at once; the check through which vouchers and guidance let a broker act
(:mod:`kierunek.core.agents`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role

from .. import domain
from ..audit_actions import MANDATE_GRANTED, MANDATE_REVOKED
from ..models import Mandate, Proposal
from ..workflows import PROPOSAL

TERMS_MESSAGES = {
    "no_scope": lambda: _("Choose at least one thing the broker may do."),
    "direct_needs_book": lambda: _("Booking without your confirmation needs the booking scope."),
    "ends_before_start": lambda: _("The mandate cannot end before it starts."),
    "too_long": lambda: _("A mandate is given for a year at most."),
}


def mandate_grant(
    *,
    actor: Actor,
    broker_id: int,
    propose: bool,
    book: bool,
    portfolio: bool,
    book_without_confirmation: bool,
    valid_until: date,
    valid_from: date | None = None,
) -> Mandate:
    """The participant (``actor``) lets a broker act for them within the scope until
    ``valid_until``."""
    require_role(actor.user, Role.PARTICIPANT)
    start = valid_from or timezone.localdate()
    errors = domain.mandate_terms_errors(
        propose=propose,
        book=book,
        portfolio=portfolio,
        book_without_confirmation=book_without_confirmation,
        start=start,
        end=valid_until,
    )
    if start < timezone.localdate():
        errors.setdefault("valid_until", "ends_before_start")
    if errors:
        raise ValidationError({field: TERMS_MESSAGES[key]() for field, key in errors.items()})
    broker = User.objects.filter(pk=broker_id, role=Role.BROKER, is_active=True).first()
    if broker is None:
        raise ValidationError({"broker": _("Choose a broker.")})
    with transaction.atomic():
        mandate = Mandate.objects.create(
            participant=actor.user,
            broker=broker,
            propose=propose,
            book=book,
            portfolio=portfolio,
            book_without_confirmation=book_without_confirmation,
            valid_from=start,
            valid_until=valid_until,
        )
        audit_record(
            action=MANDATE_GRANTED,
            actor=actor,
            obj=mandate,
            details={"broker": broker.pk, "scope": mandate_scope(mandate), "until": valid_until.isoformat()},
        )
    return mandate


def mandate_scope(mandate: Mandate) -> list[str]:
    return [
        name
        for name in ("propose", "book", "book_without_confirmation", "portfolio")
        if getattr(mandate, name)
    ]


def mandate_revoke(*, actor: Actor, mandate_id: int) -> Mandate:
    """The participant revokes a mandate: from this moment the broker can do nothing under it, and
    the proposals waiting under it are withdrawn."""
    require_role(actor.user, Role.PARTICIPANT)
    with transaction.atomic():
        mandate = Mandate.objects.select_for_update().get(pk=mandate_id)
        if mandate.participant_id != actor.user.pk:
            raise PermissionDenied(_("This is not your mandate."))
        if mandate.revoked_at is not None:
            raise ValidationError(_("This mandate has already been revoked."))
        mandate.revoked_at = timezone.now()
        mandate.save(update_fields=["revoked_at"])
        audit_record(action=MANDATE_REVOKED, actor=actor, obj=mandate, details={"broker": mandate.broker_id})
        for proposal in Proposal.objects.filter(mandate=mandate, status=domain.PROPOSED):
            PROPOSAL.apply(
                proposal, "withdraw", actor=SYSTEM, note="mandate revoked", details={"reason": "revoked"}
            )
    return mandate


def mandate_for_act(
    *, broker: Any, participant: Any, act: str, day: date | None = None, lock: bool = True
) -> Mandate:
    """The mandate in force under which ``broker`` may take ``act`` for ``participant`` today, or
    PermissionDenied. Read with a lock (inside the caller's transaction), so a revocation committed
    first is seen and none commits in between."""
    day = day or timezone.localdate()
    rows = Mandate.objects.select_for_update() if lock else Mandate.objects.all()
    mandates = rows.filter(participant_id=participant.pk, broker_id=broker.pk, revoked_at__isnull=True)
    for mandate in mandates.order_by("-granted_at", "-id"):
        if domain.mandate_allows(mandate.terms, act=act, day=day):
            return mandate
    raise PermissionDenied(_("No mandate of this participant in force lets you do this."))


def agent_check(agent: Any, participant: Any, action: str) -> bool:
    """The check vouchers and guidance ask (:func:`kierunek.core.agents.may_act_for`): a broker
    acts for a participant only under a mandate in force whose scope allows the action."""
    if getattr(agent, "role", None) != Role.BROKER:
        return False
    try:
        mandate_for_act(
            broker=agent,
            participant=participant,
            act=action,
            lock=transaction.get_connection().in_atomic_block,
        )
    except PermissionDenied:
        return False
    return True
