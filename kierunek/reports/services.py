"""The report pack's subscriptions: a person subscribes or stops (:func:`subscription_set`), and
the daily step (:func:`packs_send`, ``manage.py reports_periodic``) e-mails each subscriber the
link to the pack of the month or quarter that has closed since the last one sent, once."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from kierunek.accounts.models import STAFF_ROLES
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify, site_link

from .audit_actions import PACK_SENT, SUBSCRIPTION_CHANGED
from .domain import period_last_closed
from .models import Cadence, ReportSubscription


@transaction.atomic
def subscription_set(*, actor: Actor, cadence: str) -> ReportSubscription | None:
    """Subscribe the actor (staff) to the pack ``cadence`` ("monthly", "quarterly"), or stop
    (""). The first pack is the next period to close, not one already closed."""
    user = actor.user
    if user is None or user.role not in STAFF_ROLES:
        raise PermissionDenied
    current = ReportSubscription.objects.select_for_update().filter(user=user).first()
    if not cadence:
        if current is not None:
            current.delete()
            audit_record(action=SUBSCRIPTION_CHANGED, actor=actor, details={"cadence": ""})
        return None
    if cadence not in Cadence.values:
        raise ValueError(cadence)
    unit = "month" if cadence == Cadence.MONTHLY else "quarter"
    closed = period_last_closed(timezone.localdate(), unit=unit).key
    if current is None:
        current = ReportSubscription.objects.create(user=user, cadence=cadence, last_sent=closed)
    elif current.cadence != cadence:
        current.cadence, current.last_sent = cadence, closed
        current.save(update_fields=["cadence", "last_sent"])
    else:
        return current
    audit_record(action=SUBSCRIPTION_CHANGED, actor=actor, obj=current, details={"cadence": cadence})
    return current


def packs_send(*, today: date | None = None) -> int:
    """E-mail every subscriber whose period has closed since the last pack sent; the number sent.
    Each subscription is claimed in its own transaction, so a second run sends nothing again."""
    today = today or timezone.localdate()
    sent = 0
    for pk in ReportSubscription.objects.values_list("pk", flat=True):
        with transaction.atomic():
            subscription = ReportSubscription.objects.select_for_update().select_related("user").get(pk=pk)
            unit = "month" if subscription.cadence == Cadence.MONTHLY else "quarter"
            period = period_last_closed(today, unit=unit)
            if subscription.last_sent == period.key or not subscription.user.is_active:
                continue
            subscription.last_sent = period.key
            subscription.save(update_fields=["last_sent"])
            notify(
                recipients=[subscription.user],
                subject=gettext_noop("The report pack"),
                template="reports/email/pack.txt",
                context={
                    "period": period.key,
                    "link": site_link(reverse("reports:pack", args=[period.key])),
                    "settings_link": site_link(reverse("reports:subscription")),
                },
            )
            audit_record(action=PACK_SENT, obj=subscription, details={"period": period.key})
            sent += 1
    return sent
