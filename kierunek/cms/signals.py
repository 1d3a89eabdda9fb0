"""What follows Wagtail's publication of a page: the search index is updated at once, and after
the commit a news item's first publication is announced to the newsletter (the publisher is
known only from Wagtail's log entry, written after its signal). Audited as the portal's own
actions (``cms.page_published``, ``cms.page_unpublished``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from wagtail.models import Page, PageLogEntry
from wagtail.signals import page_published, page_unpublished

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record

from . import services
from .audit_actions import PAGE_PUBLISHED, PAGE_UNPUBLISHED
from .models import NewsPage

# Wagtail's own log action for a publication (its page history), not an audit action of ours.
WAGTAIL_PUBLISH = "wagtail.publish"


def _publisher(page_id: int) -> Any:
    entry = (
        PageLogEntry.objects.filter(page_id=page_id, action=WAGTAIL_PUBLISH)
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.user if entry is not None else None


def _after_commit(page_id: int) -> None:
    page = Page.objects.filter(pk=page_id).specific().first()
    if page is None or not page.live:
        return
    publisher = _publisher(page_id)
    audit_record(
        action=PAGE_PUBLISHED,
        actor=Actor.of(publisher),
        obj=page,
        details={"title": page.title, "url": page.url},
    )
    if isinstance(page, NewsPage):
        services.news_announce(page=page, published_by=publisher)


def on_published(sender: Any, instance: Page, **kwargs: Any) -> None:
    services.page_index(instance)
    page_id = instance.pk
    transaction.on_commit(lambda: _after_commit(page_id))


def on_unpublished(sender: Any, instance: Page, **kwargs: Any) -> None:
    services.page_unindex(instance)
    audit_record(action=PAGE_UNPUBLISHED, actor=Actor(), obj=instance, details={"title": instance.title})


def signals_connect() -> None:
    page_published.connect(on_published, dispatch_uid="cms.page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="cms.page_unpublished")
