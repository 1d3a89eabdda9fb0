"""The lifecycles of metropolitan education, declared by each part of the plan in its own module
and gathered here."""

from .workflows_forum import STANDARD_VERSION  # noqa: F401
from .workflows_materials import *  # noqa: F403
