"""The office sets a fraud signal's threshold, with the reason for it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role

from .. import domain
from ..audit_actions import THRESHOLD_CHANGED
from ..models import SignalThreshold


def threshold_set(*, actor: Actor, signal: str, count: int, measure: int, reason: str) -> SignalThreshold:
    require_role(actor.user, Role.OFFICER)
    errors = {}
    if signal not in domain.SIGNALS:
        errors["signal"] = _("Choose a signal.")
    if count < 2:
        errors["count"] = _("A signal needs at least two cases.")
    if signal == domain.ONE_PROVIDER and not 1 <= measure <= 100:
        errors["measure"] = _("Give a share from 1 to 100 per cent.")
    if signal == domain.QUICK_BOOKING and measure < 1:
        errors["measure"] = _("Give the minutes after registration.")
    if not reason.strip():
        errors["reason"] = _("Say why this threshold.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row, _created = SignalThreshold.objects.update_or_create(
            signal=signal,
            defaults={"count": count, "measure": measure, "reason": reason.strip(), "changed_by": actor.user},
        )
        audit_record(
            action=THRESHOLD_CHANGED, actor=actor, obj=row, details={"count": count, "measure": measure}
        )
    return row
