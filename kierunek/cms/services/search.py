"""The portal's search index (decision 0031): each live page's text analysed by the catalogue's
Polish analyser (:func:`kierunek.catalogue.search.text.document_tokens`: folded surface forms and
Morfeusz lemmas), kept in one row per page and updated when a page is published or withdrawn.
The query is analysed the same way (:func:`~kierunek.catalogue.search.text.analyse_query`), so
"bonów" finds "bon" and "ksiegowosc" finds "Księgowość" on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from kierunek.catalogue.search.text import document_tokens

from .. import domain
from ..models import SearchEntry

TEXT_FIELDS = ("summary", "intro", "author", "search_description")


def _texts(page: Page) -> list[str]:
    texts: list[str] = []
    for field in page._meta.get_fields():
        value: Any = getattr(page, field.name, None) if hasattr(field, "attname") else None
        if value in (None, ""):
            continue
        if isinstance(field, StreamField):
            texts.extend(str(t) for t in field.stream_block.get_searchable_content(value))
        elif isinstance(field, RichTextField):
            texts.append(strip_tags(str(value)))
        elif field.name in TEXT_FIELDS:
            texts.append(str(value))
    return [strip_tags(text) for text in texts if text]


def page_index(page: Page) -> SearchEntry | None:
    """Index ``page`` (its specific, live version); a page not live or not public is removed."""
    page = page.specific
    if not page.live or page.get_view_restrictions().exists():
        page_unindex(page)
        return None
    title_tokens = domain.index_text([document_tokens(page.title)])
    tokens = domain.index_text([document_tokens(text) for text in _texts(page)])
    entry, _created = SearchEntry.objects.update_or_create(
        page_id=page.pk,
        defaults={"title_tokens": title_tokens, "tokens": tokens, "published_at": page.first_published_at},
    )
    return entry


def page_unindex(page: Page) -> None:
    SearchEntry.objects.filter(page_id=page.pk).delete()


@transaction.atomic
def search_reindex() -> int:
    """Rebuild the whole index from the live pages (after a change of the analyser)."""
    SearchEntry.objects.all().delete()
    count = 0
    for page in Page.objects.live().public().specific().iterator():
        if page.depth > 1 and page_index(page) is not None:
            count += 1
    return count
