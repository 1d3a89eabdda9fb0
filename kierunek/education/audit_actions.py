"""The audit actions of metropolitan education, declared by each part of the plan in its own
module (the registry: :mod:`kierunek.core.audit_registry`) and gathered here."""

from .audit_actions_diagnosis import *  # noqa: F403
from .audit_actions_edua import *  # noqa: F403
from .audit_actions_forum import *  # noqa: F403
from .audit_actions_training import *  # noqa: F403
