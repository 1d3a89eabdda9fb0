"""The audit actions of metropolitan education, declared by each part of the plan in its own
module (the registry: :mod:`kierunek.core.audit_registry`)."""

from . import audit_actions_diagnosis, audit_actions_forum  # noqa: F401  (they register themselves)
