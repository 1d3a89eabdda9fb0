"""Reads of the anonymous survey: a provider's averages, never a single response."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count

from kierunek.providers.models import Provider

from ..models import MIN_RESPONSES_SHOWN, SCORE_FIELDS, SurveyResponse


@dataclass(frozen=True)
class RatingRow:
    card_id: int | None
    title: str
    count: int
    averages: list[float | None]  # in the order of SCORE_FIELDS
    overall: float | None
    hidden: bool = False  # too few responses to show averages without showing one person's


def _rating_row(card_id: int | None, title: str, stats: Mapping[str, Any]) -> RatingRow:
    raw = [stats[name] for name in SCORE_FIELDS]
    count = int(stats["count"] or 0)
    if 0 < count < MIN_RESPONSES_SHOWN:
        return RatingRow(
            card_id=card_id,
            title=title,
            count=count,
            averages=[None] * len(SCORE_FIELDS),
            overall=None,
            hidden=True,
        )
    present = [float(value) for value in raw if value is not None]
    overall = round(sum(present) / len(present), 1) if present and count else None
    averages = [_round(value) for value in raw]
    return RatingRow(card_id=card_id, title=title, count=count, averages=averages, overall=overall)


def _round(value: float | int | None) -> float | None:
    return None if value is None else round(float(value), 1)


def provider_ratings(*, provider: Provider) -> tuple[list[RatingRow], RatingRow]:
    """Averages of the anonymous survey per service and over all the provider's services. Only
    aggregates: no comment and no single response leaves this function, and no average of fewer
    than ``MIN_RESPONSES_SHOWN`` responses."""
    aggregates = {name: Avg(name) for name in SCORE_FIELDS}
    per_card = (
        SurveyResponse.objects.filter(provider=provider)
        .values("card_id", "card__title")
        .annotate(count=Count("id"), **aggregates)
        .order_by("card__title", "card_id")
    )
    rows = [_rating_row(row["card_id"], row["card__title"], row) for row in per_card]
    total = SurveyResponse.objects.filter(provider=provider).aggregate(count=Count("id"), **aggregates)
    return rows, _rating_row(None, "", total)
