"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a participant reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

CATALOGUE_CARD_CANCELLED = audit_action("catalogue.card_cancelled", _("service card cancelled"))
CATALOGUE_CARD_CHANGED = audit_action("catalogue.card_changed", _("service card changed"))
CATALOGUE_CARD_COMPLETED = audit_action("catalogue.card_completed", _("service card completed"))
CATALOGUE_CARD_CREATED = audit_action("catalogue.card_created", _("service card created"))
CATALOGUE_CARD_PUBLISHED = audit_action("catalogue.card_published", _("service card published"))
CATALOGUE_CARDS_IMPORT_STARTED = audit_action(
    "catalogue.cards_import_started", _("import of service cards started")
)
CATALOGUE_CARDS_IMPORTED = audit_action("catalogue.cards_imported", _("service cards imported"))
