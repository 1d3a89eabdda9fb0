"""The officers' quality overview: per provider and per category, the ratings (the average of the
survey's four scores), the outcome survey's results and every registered quality signal
(``hooks.QUALITY_SIGNALS``, e.g. complaints), with the providers to monitor flagged.

A provider is flagged when its average rating, shown from ``MIN_RESPONSES_SHOWN`` responses on, is
below ``RATING_FLAG_BELOW`` (the setting ``KIERUNEK_QUALITY_RATING_FLAG_BELOW``, 3.5 by default on
the scale of 1 to 5), or when a signal's count reaches its ``flag_at``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, F
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kierunek.catalogue.models import Category
from kierunek.providers.models import Provider
from kierunek.quality.models import CaseState, QualityMarkCase

from ..hooks import QUALITY_SIGNALS, QualitySignal
from ..models import MIN_RESPONSES_SHOWN, SCORE_FIELDS, SurveyResponse
from .outcome import OutcomeRow, outcome_rows

RATING_FLAG_BELOW: float = float(getattr(settings, "KIERUNEK_QUALITY_RATING_FLAG_BELOW", 3.5))
MARK_IN_FORCE = (CaseState.GRANTED, CaseState.SUSPENDED)


@dataclass
class QualityRow:
    key: Any  # provider id or category code
    label: str
    ratings: int = 0
    rating: float | None = None  # None: no ratings, or fewer than MIN_RESPONSES_SHOWN
    outcome: OutcomeRow | None = None
    signals: list[int] = field(default_factory=list)  # in the order of the overview's signals
    flags: list[str] = field(default_factory=list)
    mark_case: QualityMarkCase | None = None  # a provider's mark in force: a visit can be opened


def _mean() -> Any:
    return sum((F(name) for name in SCORE_FIELDS[1:]), F(SCORE_FIELDS[0])) / float(len(SCORE_FIELDS))


def _ratings(by: str, since: date | None) -> dict[Any, tuple[int, float | None]]:
    key = {"provider": "provider_id", "category": "card__category__code"}[by]
    responses = SurveyResponse.objects.all()
    if since is not None:
        responses = responses.filter(month__gte=since.replace(day=1))
    found = {}
    for row in responses.values(key=F(key)).annotate(count=Count("id"), mean=Avg(_mean())):
        mean = row["mean"]
        shown = row["count"] >= MIN_RESPONSES_SHOWN and mean is not None
        found[row["key"]] = (row["count"], round(mean, 1) if shown else None)
    return found


def _signals(by: str, since: date | None) -> list[tuple[QualitySignal, dict[Any, int]]]:
    counts = []
    for signal in QUALITY_SIGNALS.values():
        source = signal.per_provider if by == "provider" else signal.per_category
        counts.append((signal, dict(source(since=since))))
    return counts


def signals_shown() -> list[QualitySignal]:
    return list(QUALITY_SIGNALS.values())


def _rows(by: str, since: date | None, labels: dict[Any, str]) -> list[QualityRow]:
    ratings = _ratings(by, since)
    outcomes = outcome_rows(by=by, since=since)
    signals = _signals(by, since)
    keys = {*ratings, *outcomes, *(k for _signal, counts in signals for k, n in counts.items() if n)}
    rows = []
    for key in keys:
        if key not in labels:
            continue
        count, average = ratings.get(key, (0, None))
        row = QualityRow(key=key, label=labels[key], ratings=count, rating=average, outcome=outcomes.get(key))
        row.signals = [counts.get(key, 0) for _signal, counts in signals]
        if by == "provider":
            if average is not None and average < RATING_FLAG_BELOW:
                row.flags.append(
                    _("average rating %(rating)s, below %(limit)s")
                    % {"rating": number_format(average, 1), "limit": number_format(RATING_FLAG_BELOW, 1)}
                )
            for (signal, _counts), n in zip(signals, row.signals, strict=True):
                if signal.flag_at is not None and n >= signal.flag_at:
                    row.flags.append(
                        _("%(signal)s: %(count)d (flagged from %(limit)d)")
                        % {"signal": signal.label, "count": n, "limit": signal.flag_at}
                    )
        rows.append(row)
    return sorted(rows, key=lambda r: (not r.flags, r.label.casefold()))


def quality_by_provider(*, since: date | None = None) -> list[QualityRow]:
    """Every provider with ratings, outcome invitations or a signal; flagged ones first, each
    flagged provider with its quality mark in force (if any), from which a visit is opened."""
    names = dict(Provider.objects.values_list("pk", "legal_name"))
    rows = _rows("provider", since, names)
    flagged = [row.key for row in rows if row.flags]
    if flagged:
        cases = (
            QualityMarkCase.objects.filter(provider_id__in=flagged, state__in=MARK_IN_FORCE)
            .select_related("provider")
            .order_by("provider_id", "-created_at")
        )
        newest: dict[int, QualityMarkCase] = {}
        for case in cases:
            newest.setdefault(case.provider_id, case)
        for row in rows:
            row.mark_case = newest.get(row.key)
    return rows


def quality_by_category(*, since: date | None = None) -> list[QualityRow]:
    english = (get_language() or "").startswith("en")
    names = {
        code: (en if english and en else pl)
        for code, pl, en in Category.objects.values_list("code", "name", "name_en")
    }
    return sorted(_rows("category", since, names), key=lambda r: r.label.casefold())
