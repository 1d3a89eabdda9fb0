"""Reads of evaluations, one module per subject: ratings (:mod:`.ratings`), comments
(:mod:`.comments`), the outcome survey (:mod:`.outcome`) and the officers' quality overview
(:mod:`.overview`). Only aggregates leave them, never a single response, except the comments an
officer moderates or has published."""

from .ratings import RatingRow, provider_ratings

__all__ = ["RatingRow", "provider_ratings"]
