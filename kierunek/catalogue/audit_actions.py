"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a participant reads in their data export."""

from kierunek.core.audit_registry import audit_action

CATALOGUE_CARD_CANCELLED = audit_action("catalogue.card_cancelled")
CATALOGUE_CARD_CHANGED = audit_action("catalogue.card_changed")
CATALOGUE_CARD_COMPLETED = audit_action("catalogue.card_completed")
CATALOGUE_CARD_CREATED = audit_action("catalogue.card_created")
CATALOGUE_CARD_PUBLISHED = audit_action("catalogue.card_published")
CATALOGUE_CARDS_IMPORT_STARTED = audit_action("catalogue.cards_import_started")
CATALOGUE_CARDS_IMPORTED = audit_action("catalogue.cards_imported")
