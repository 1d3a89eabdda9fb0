"""Public reads of the catalogue: one card as a resident sees it (the card page and
GET /api/v1/services/{id}). The search itself is the search package."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from kierunek.core.money import Money
from kierunek.quality.models import QualityMarkCase
from kierunek.quality.selectors import provider_valid_mark

from .models import CardRevision, CardStatus, ServiceCard

# Cards anyone may open: published ones, and completed ones (their page stays, for the record).
PUBLIC_STATUSES = (CardStatus.PUBLISHED, CardStatus.COMPLETED)

_MONEY_FIELDS = frozenset({"price_net", "price_gross"})
_EXTRA_LABELS = {"sessions": _("sessions"), "reason": _("reason"), "status": _("status")}


@dataclass(frozen=True)
class Prices:
    net: Money
    gross: Money
    net_per_hour: Money
    gross_per_hour: Money


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    changed_at: datetime
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class CardDetail:
    card: ServiceCard
    prices: Prices
    quality_mark: QualityMarkCase | None  # the mark the provider holds today, if any
    history: tuple[HistoryEntry, ...]  # newest first
    # The service's other published dates (its service group) that have not started, by date.
    other_dates: tuple[ServiceCard, ...] = ()

    @property
    def holds_quality_mark(self) -> bool:
        return self.quality_mark is not None


def per_hour(grosze: int, hours: Decimal) -> Money:
    """A price per participant divided by the hours, rounded half up to the grosz."""
    return Money(int((Decimal(grosze) / hours).quantize(Decimal("1"), rounding=ROUND_HALF_UP)))


def _shown(name: str, value: str) -> str:
    if name in _MONEY_FIELDS and value.lstrip("-").isdigit():
        return Money(int(value)).format()
    if name == "status" and value in CardStatus.values:
        return str(CardStatus(value).label)
    return value


def _label(name: str) -> str:
    try:
        return str(getattr(ServiceCard._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:
        return str(_EXTRA_LABELS.get(name, name.replace("_", " ")))


def card_history(revisions: list[CardRevision]) -> tuple[HistoryEntry, ...]:
    """The public history of a card: when which field changed from what to what (not who: the
    names of the provider's staff are not public)."""
    entries = []
    for revision in revisions:
        changes = []
        for name, pair in sorted((revision.changes or {}).items()):
            old, new = [*pair, "", ""][:2] if isinstance(pair, (list, tuple)) else ("", pair)
            changes.append(
                Change(field=name, label=_label(name), old=_shown(name, str(old)), new=_shown(name, str(new)))
            )
        entries.append(HistoryEntry(changed_at=revision.changed_at, changes=tuple(changes)))
    return tuple(entries)


def card_public_get(*, card_id: int, today: date) -> CardDetail:
    """A published or completed card with everything its page shows. Raises
    ``ServiceCard.DoesNotExist`` for any other card (drafts and cancelled cards are not public)."""
    card = (
        ServiceCard.objects.select_related("provider", "provider__gmina", "gmina__powiat", "category__parent")
        .prefetch_related(
            "sessions", Prefetch("revisions", queryset=CardRevision.objects.order_by("-changed_at", "-id"))
        )
        .get(pk=card_id, status__in=PUBLIC_STATUSES)
    )
    return CardDetail(
        card=card,
        prices=Prices(
            net=card.price_net_money,
            gross=card.price_gross_money,
            net_per_hour=per_hour(card.price_net, card.hours),
            gross_per_hour=card.price_gross_per_hour,
        ),
        quality_mark=provider_valid_mark(provider=card.provider, today=today),
        history=card_history(list(card.revisions.all())),
        other_dates=card_other_dates(card=card, today=today),
    )


# A service rarely runs on more dates than this at once; past it, the list says how many it left out.
MAX_OTHER_DATES = 60


def card_other_dates(*, card: ServiceCard, today: date) -> tuple[ServiceCard, ...]:
    """The other published cards of ``card``'s service (the same service group: the provider's
    same service on other dates) that start from ``today`` on, by start date then id; the search
    lists a result's first dates, and its "and N later dates" leads here."""
    if card.service_group is None:
        return ()
    others = (
        ServiceCard.objects.filter(
            service_group=card.service_group, status=CardStatus.PUBLISHED, starts_on__gte=today
        )
        .exclude(pk=card.pk)
        .select_related("gmina")
        .order_by("starts_on", "id")
    )
    return tuple(others[:MAX_OTHER_DATES])
