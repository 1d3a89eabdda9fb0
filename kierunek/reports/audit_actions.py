"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`)."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

SUBSCRIPTION_CHANGED = audit_action(
    "reports.subscription_changed", _("subscription to the report pack changed")
)
PACK_SENT = audit_action("reports.pack_sent", _("report pack sent to a subscriber"))
