"""What complaints gives the officers' quality overview (:mod:`kierunek.evaluations.hooks`): the
upheld complaints per provider and per category (two upheld flag a provider for monitoring) and
the complaints still open."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.utils.translation import gettext_lazy as _

from kierunek.evaluations.hooks import QualitySignal, quality_signal_register

from . import domain, selectors

UPHELD_FLAG_AT = 2


def upheld_per_provider(since: date | None = None) -> Mapping[int, int]:
    return selectors.complaints_per_provider(statuses=(domain.UPHELD,), since=since)


def upheld_per_category(since: date | None = None) -> Mapping[str, int]:
    return selectors.complaints_per_category(statuses=(domain.UPHELD,), since=since)


def open_per_provider(since: date | None = None) -> Mapping[int, int]:
    return selectors.complaints_per_provider(statuses=domain.OPEN, since=since)


def open_per_category(since: date | None = None) -> Mapping[str, int]:
    return selectors.complaints_per_category(statuses=domain.OPEN, since=since)


def evaluations_hooks_register() -> None:
    quality_signal_register(
        QualitySignal(
            key="complaints_upheld",
            label=_("Complaints upheld"),
            per_provider=upheld_per_provider,
            per_category=upheld_per_category,
            flag_at=UPHELD_FLAG_AT,
        )
    )
    quality_signal_register(
        QualitySignal(
            key="complaints_open",
            label=_("Complaints open"),
            per_provider=open_per_provider,
            per_category=open_per_category,
        )
    )
