"""Reads of the portal: the search over live pages (its own index, :mod:`.services.search`), the
news for the feeds, the office's reports, who may download a document."""

from __future__ import annotations

from functools import reduce
from operator import and_, or_
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from wagtail.documents.models import AbstractDocument
from wagtail.documents.permissions import permission_policy as document_permissions
from wagtail.models import Page, ReferenceIndex

from kierunek.catalogue.search.text import analyse_query

from . import domain
from .models import AccessibilityReport, NewsPage, SearchEntry, SectionPage

SEARCH_LIMIT = 50


def _alternative_q(field: str, token: str, prefix: bool) -> Q:
    return Q(**{f"{field}__contains": f" {token}" if prefix else f" {token} "})


def pages_search(*, text: str) -> list[Page]:
    """Live public pages matching every word of ``text`` (each in one of its forms), those with
    a match in the title first, then the newest."""
    groups = analyse_query(text)
    if not groups:
        return []
    conditions = [
        reduce(
            or_,
            [
                _alternative_q("tokens", a.token, a.prefix)
                | _alternative_q("title_tokens", a.token, a.prefix)
                for a in group
            ],
        )
        for group in groups
    ]
    entries = list(
        SearchEntry.objects.filter(reduce(and_, conditions), page__live=True).order_by(
            "-published_at", "-pk"
        )[: SEARCH_LIMIT * 2]
    )

    def in_title(entry: SearchEntry) -> int:
        return sum(
            any((f" {a.token}" if a.prefix else f" {a.token} ") in entry.title_tokens for a in group)
            for group in groups
        )

    entries.sort(key=lambda e: -in_title(e))
    ids = [e.page_id for e in entries[:SEARCH_LIMIT]]
    pages = {p.pk: p for p in Page.objects.filter(pk__in=ids).live().public().specific()}
    return [pages[i] for i in ids if i in pages]


def news_for_feed(*, section: SectionPage | None = None, limit: int = 30) -> QuerySet[NewsPage]:
    news = NewsPage.objects.live().public()
    if section is not None:
        news = news.child_of(section)
    return news.order_by("-first_published_at", "-pk")[:limit]


def section_by_slug(slug: str) -> SectionPage:
    """Raises ``SectionPage.DoesNotExist``."""
    return SectionPage.objects.live().public().get(slug=slug)


def reports_for_office(*, open_only: bool) -> QuerySet[AccessibilityReport]:
    reports = AccessibilityReport.objects.all()
    if open_only:
        reports = reports.filter(status__in=list(domain.OPEN))
    return reports.order_by("due_on", "pk")


def document_is_public(document: AbstractDocument) -> bool:
    """Whether a live public page uses ``document`` (a file block, a link in rich text), by
    Wagtail's reference index. A page's row holds its live content (a draft's changes wait in a
    revision), so a file only a draft uses, or a page not yet published, does not count."""
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return Page.objects.filter(pk__in=[int(i) for i in page_ids]).live().public().exists()


def document_editor_may_see(*, user: Any, document: AbstractDocument) -> bool:
    """An editor who may change or choose ``document`` in its collection (the office anywhere, a
    partnership's editors in their section's collection) sees it before it is published."""
    if not getattr(user, "is_authenticated", False):
        return False
    return document_permissions.user_has_any_permission_for_instance(user, ["change", "choose"], document)
