"""Pure rules of the Forum's standards: the states of a version and when it may be adopted."""

from __future__ import annotations

DRAFT = "draft"
CONSULTATION = "consultation"
ADOPTED = "adopted"
PUBLISHED = "published"
WITHDRAWN = "withdrawn"


def may_adopt(*, comments: int, unanswered: int) -> bool:
    """A version is adopted only once every comment of its consultation has an answer."""
    return unanswered == 0 and comments >= 0
