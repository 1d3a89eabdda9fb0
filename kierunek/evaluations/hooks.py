"""What evaluations offers the contexts above it: quality signals (complaints, say) that the
officers' quality overview shows next to ratings and outcome results, per provider and per
category, and that can flag a provider for monitoring."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class QualitySignal:
    """One column of the quality overview. ``per_provider`` maps a provider id to a count,
    ``per_category`` a category code to a count (both over the same period the overview shows,
    given as ``since``, a date or None for all time). A provider whose count reaches ``flag_at``
    is flagged for monitoring; None never flags."""

    key: str
    label: str | Promise
    per_provider: Callable[..., Mapping[int, int]]
    per_category: Callable[..., Mapping[str, int]]
    flag_at: int | None = None


QUALITY_SIGNALS: dict[str, QualitySignal] = {}


def quality_signal_register(signal: QualitySignal) -> None:
    """Add a signal (once per key: ready() may run again in tests)."""
    QUALITY_SIGNALS[signal.key] = signal
