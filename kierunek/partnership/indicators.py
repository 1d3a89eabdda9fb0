"""The partnership's indicators (:mod:`kierunek.core.indicators`): what the partnership's bodies
and partners did in the period — meetings of its councils and groups held, the groups' products
published, good practices published — as counts of things, each with the people behind it for the
disclosure rule: the people checked in at the meetings, the authors of the products and of the
practices (one person per item whose author is not recorded). The yearly activity record per
institution and consultant (:mod:`kierunek.partnership.activity`) stays the partnership's own page:
it names institutions and people, which open data does not."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.core.indicators import (
    TOTAL,
    Breakdown,
    Figure,
    Indicator,
    Period,
    Unit,
    indicator_register,
    sum_by_group,
)
from kierunek.events.models import Registration

from . import domain, domain_bodies
from .models import GoodPractice
from .models_bodies import BodyMeeting, Product


def _month(moment: datetime | None, breakdown: Breakdown | None) -> str:
    if breakdown != Breakdown.MONTH:
        return TOTAL
    assert moment is not None  # the rows are chosen by this moment
    return f"{timezone.localtime(moment):%Y-%m}"


def meetings_held(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    """Meetings of the bodies that began in the period; the people behind a group are the distinct
    people checked in at its meetings (a meeting nobody was checked in at counts, about nobody)."""
    meetings = dict(
        BodyMeeting.objects.filter(
            event__starts_at__gte=period.since, event__starts_at__lt=period.before
        ).values_list("event_id", "event__starts_at")
    )
    present: dict[int, set[int]] = {}
    for event_id, person_id in Registration.objects.filter(
        event_id__in=meetings, checked_in_at__isnull=False
    ).values_list("event_id", "person_id"):
        present.setdefault(event_id, set()).add(person_id)
    values: dict[str, int] = {}
    people: dict[str, set[int]] = {}
    for event_id, starts_at in meetings.items():
        group = _month(starts_at, breakdown)
        values[group] = values.get(group, 0) + 1
        people.setdefault(group, set()).update(present.get(event_id, ()))
    return {group: Figure(values[group], len(people[group])) for group in values}


def _authored(rows: list[tuple[int, int | None, str]]) -> dict[str, Figure]:
    """``(item id, author id, group)`` rows as items per group with their distinct authors."""
    counted: list[tuple[Hashable, str, int]] = [
        (("person", author) if author is not None else ("item", item), group, 1)
        for item, author, group in rows
    ]
    return sum_by_group(counted)


def products_published(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    published = Product.objects.filter(
        status=domain_bodies.PUBLISHED, published_at__gte=period.since, published_at__lt=period.before
    ).values_list("pk", "created_by_id", "published_at")
    return _authored([(pk, author, _month(at, breakdown)) for pk, author, at in published])


def practices_published(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    published = GoodPractice.objects.filter(
        Q(status=domain.PUBLISHED), published_at__gte=period.since, published_at__lt=period.before
    ).values_list("pk", "author_id", "published_at", "institution__powiat__teryt")
    return _authored(
        [
            (pk, author, powiat if breakdown == Breakdown.POWIAT else _month(at, breakdown))
            for pk, author, at, powiat in published
        ]
    )


def indicators_register() -> None:
    """Called from ``PartnershipConfig.ready()``."""
    source = _("Partnership")
    for indicator in (
        Indicator(
            key="partnership.meetings",
            name=_("Meetings of the partnership's bodies"),
            definition=_(
                "Meetings of the councils, task and working groups that began in the period; the people "
                "behind the figure are those checked in at them."
            ),
            unit=Unit.COUNT,
            source=source,
            breakdowns=(Breakdown.MONTH,),
            compute=meetings_held,
            order=70,
        ),
        Indicator(
            key="partnership.products",
            name=_("Products of the groups published"),
            definition=_("Products of task and working groups published in the period."),
            unit=Unit.COUNT,
            source=source,
            breakdowns=(Breakdown.MONTH,),
            compute=products_published,
            order=71,
        ),
        Indicator(
            key="partnership.practices",
            name=_("Good practices published"),
            definition=_(
                "Partners' good practices published in the period, by the powiat of the partner institution."
            ),
            unit=Unit.COUNT,
            source=source,
            breakdowns=(Breakdown.MONTH, Breakdown.POWIAT),
            compute=practices_published,
            order=72,
        ),
    ):
        indicator_register(indicator)
