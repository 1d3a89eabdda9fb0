"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a person reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

FACTS_IMPORTED = audit_action("labourmarket.facts_imported", _("labour facts of the powiats imported"))
