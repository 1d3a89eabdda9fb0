"""The e-mail alerts of saved searches: the daily step (``manage.py catalogue_daily``, task
``send_saved_search_digests``) writes each person one e-mail with the services published since
their last digest that their due searches find.

How a run goes, and why it stays cheap with many saved searches:

- The due searches are read in one query: e-mails on, a daily search not looked at today, a
  weekly one not for seven days (``checked_on``).
- The cards published since the oldest of their ``sent_until`` (and up to the run's cut-off) are
  read in one query. Without any, the run ends there; a search with none in its own window is
  not run at all.
- Each remaining search runs once through :func:`kierunek.catalogue.search.search_cards` limited
  to those new cards (``among``): the same search as the page's, over a handful of cards.
  Searches with the same parameters and window share one run.

Never twice, and safe under a second worker: each search is claimed with a conditional UPDATE
(its ``checked_on`` and ``sent_until`` as read): only the run whose UPDATE changed the row writes
its part of the e-mail, and the e-mail is queued when the claim commits. ``sent_until`` becomes
the run's cut-off, so every publication is looked at by exactly one digest of each search.

A search looks back at most LOOKBACK. The cut-off is a few minutes before the run (SETTLE): a
card is published with its ``published_at`` set in a short transaction that commits just after;
a cut-off of "now" could pass a publication not yet visible, which the next run would then never
look at."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from kierunek.core.notify import notify, site_link

from .models import AlertFrequency, CardStatus, SavedSearch, ServiceCard
from .saved_searches import saved_search_params, unsubscribe_token
from .search import SearchParamsError, SearchResult, search_cards

logger = logging.getLogger(__name__)

SETTLE = timedelta(minutes=5)
WEEK = timedelta(days=7)
# How far back one digest looks: a search switched on again after months gets the services of
# the last weeks, not the year's (and a run never reads an unbounded list of cards).
LOOKBACK = timedelta(days=31)
CARDS_PER_SEARCH = 10  # the e-mail lists the first ones in the search's order, then links to all


@dataclass(frozen=True)
class DigestSection:
    """One saved search's part of a digest."""

    label: str
    search_url: str
    unsubscribe_url: str
    count: int
    cards: tuple[dict[str, Any], ...]

    @property
    def more(self) -> int:
        return self.count - len(self.cards)


def _due(today: Any) -> Q:
    return Q(active=True, user__is_active=True) & (
        Q(frequency=AlertFrequency.DAILY, checked_on__lt=today)
        | Q(frequency=AlertFrequency.WEEKLY, checked_on__lte=today - WEEK)
    )


def unsubscribe_url(*, user_id: int, saved_search_ids: list[int]) -> str:
    token = unsubscribe_token(user_id=user_id, saved_search_ids=saved_search_ids)
    return site_link(reverse("catalogue:saved_search_unsubscribe", args=[token]))


_SOME_ID = 987_654_321


def _card_links() -> Callable[[int], str]:
    """The cards' addresses from one reverse() (the same for every card but its id)."""
    prefix, suffix = site_link(reverse("catalogue:card", args=[_SOME_ID])).split(str(_SOME_ID))
    return lambda pk: f"{prefix}{pk}{suffix}"


def _section(saved: SavedSearch, result: SearchResult, card_link: Callable[[int], str]) -> DigestSection:
    cards = tuple(
        {
            "title": hit.card.title,
            "provider": str(hit.card.provider),
            "starts_on": hit.card.starts_on,
            "place": hit.card.gmina.name if hit.card.gmina else "",
            "remote": hit.card.is_remote,
            "url": card_link(hit.card.pk),
        }
        for hit in result.items
    )
    search = reverse("catalogue:search")
    return DigestSection(
        label=saved.label,
        search_url=site_link(f"{search}?{saved.query}" if saved.query else search),
        unsubscribe_url=unsubscribe_url(user_id=saved.user_id, saved_search_ids=[saved.pk]),
        count=result.count,
        cards=cards,
    )


def _claimed(saved: SavedSearch, *, today: Any, cutoff: datetime) -> bool:
    """Take the search for this run: only one run changes the row from what it read."""
    return bool(
        SavedSearch.objects.filter(
            pk=saved.pk, active=True, checked_on=saved.checked_on, sent_until=saved.sent_until
        ).update(checked_on=today, sent_until=max(saved.sent_until, cutoff))
    )


def saved_search_digests_send(*, now: datetime | None = None) -> dict[str, int]:
    """Send each person with due saved searches one e-mail of the new services they find (none
    when nothing is new). Idempotent: a second run the same day finds nothing due. Returns how
    many searches were looked at, how many found something and how many e-mails were queued."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    cutoff = now - SETTLE
    due = list(SavedSearch.objects.filter(_due(today)).select_related("user").order_by("user_id", "pk"))
    counts = {"searches": 0, "found": 0, "emails": 0}
    if not due:
        return counts
    floor = cutoff - LOOKBACK
    oldest = max(floor, min(saved.sent_until for saved in due))
    published = list(
        ServiceCard.objects.filter(
            status=CardStatus.PUBLISHED,
            staged_in__isnull=True,
            published_at__gt=oldest,
            published_at__lte=cutoff,
        ).values_list("pk", "published_at")
    )
    published_at: list[tuple[int, datetime]] = [(pk, at) for pk, at in published if at is not None]
    results: dict[tuple[str, tuple[int, ...]], SearchResult | None] = {}
    card_link = _card_links()
    for _user_id, group in itertools.groupby(due, key=lambda saved: saved.user_id):
        searches = list(group)
        with transaction.atomic():
            sections = []
            for saved in searches:
                if not _claimed(saved, today=today, cutoff=cutoff):
                    continue  # another run took it
                counts["searches"] += 1
                since = max(saved.sent_until, floor)
                new = tuple(pk for pk, at in published_at if since < at <= cutoff)
                if not new:
                    continue
                key = (saved.query, new)
                if key not in results:
                    try:
                        params = saved_search_params(saved.query, page_size=CARDS_PER_SEARCH)
                        results[key] = search_cards(params, today=today, among=new)
                    except SearchParamsError as error:  # a category or gmina gone since it was saved
                        logger.warning("Saved search %s no longer runs: %s", saved.pk, error)
                        results[key] = None
                result = results[key]
                if result is not None and result.count:
                    sections.append((saved, _section(saved, result, card_link)))
            if not sections:
                continue
            user = searches[0].user
            SavedSearch.objects.filter(pk__in=[saved.pk for saved, _section in sections]).update(
                last_sent_at=now
            )
            everything = unsubscribe_url(
                user_id=user.pk, saved_search_ids=[saved.pk for saved, _s in sections]
            )
            notify(
                recipients=[user],
                subject=gettext_noop("New services for your saved searches"),
                template="catalogue/email/saved_search_digest.txt",
                context={
                    "sections": [section for _saved, section in sections],
                    "manage_url": site_link(reverse("catalogue:saved_searches")),
                    "unsubscribe_all_url": everything,
                },
                headers={
                    "List-Unsubscribe": f"<{everything}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
            counts["found"] += len(sections)
            counts["emails"] += 1
    return counts
