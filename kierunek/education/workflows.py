"""The lifecycles of metropolitan education, declared by each part of the plan in its own module."""

from .workflows_forum import STANDARD_VERSION  # noqa: F401
