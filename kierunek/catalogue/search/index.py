"""Keeps the search index in step with the cards: a published card has exactly one
SearchDocument holding its analysed text (kierunek.catalogue.search.text); any other card has none.

The engines follow the SearchDocument table by themselves (migration 0003): on SQLite the FTS5
table ``catalogue_search_fts`` is an external-content index kept by triggers on the table; on
PostgreSQL the generated column ``search_vector`` (``to_tsvector('simple', tokens)``) carries a GIN
index. So writing the document, inside the caller's transaction, is all there is to do, and a
rolled-back change of a card rolls back its index entry with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from ..models import CardStatus, SearchDocument, ServiceCard
from .text import document_tokens

__all__ = ["card_document_text", "card_index_update", "cards_index_bulk", "search_index_rebuild"]

# The title and the category say what a service is; the rest says it at length. The title counts
# twice, so that a word of the title weighs more in the relevance ranking than one of the
# programme.
_TITLE_WEIGHT = 2
# How often (in cards analysed) a rebuild reports its progress.
PROGRESS_EVERY = 500


def card_document_text(card: ServiceCard) -> str:
    """The text a card is found by: title, category (and its parent), provider, place, and the
    descriptive fields. Reads card.category (and its parent), card.provider and card.gmina:
    select them with the card when indexing many."""
    category = card.category
    parts = [card.title] * _TITLE_WEIGHT
    parts.append(category.name)
    if category.parent_id is not None:
        parts.append(category.parent.name)  # type: ignore[union-attr]
    parts += [
        card.provider.short_name or card.provider.legal_name,
        card.gmina.name if card.gmina is not None else card.outside_region_address,
        card.goal,
        card.learning_outcomes,
        card.programme,
        card.target_group,
        card.market_qualification,
    ]
    return "\n".join(part for part in parts if part)


def _tokens(card: ServiceCard) -> str:
    return " ".join(document_tokens(card_document_text(card)))


def card_index_update(*, card: ServiceCard) -> None:
    """Write or update the search document of ``card`` when it is published, delete it for any
    other status. Call it, inside the transaction, after every change of a card's status or
    content."""
    if card.status != CardStatus.PUBLISHED:
        SearchDocument.objects.filter(card_id=card.pk).delete()
        return
    tokens = _tokens(card)
    with transaction.atomic():
        if not SearchDocument.objects.filter(card_id=card.pk).update(tokens=tokens):
            SearchDocument.objects.create(card_id=card.pk, tokens=tokens)


def cards_index_bulk(cards: Iterable[ServiceCard], *, batch_size: int = 1000) -> int:
    """Write the documents of many cards at once (none of which has one yet), for loading data
    and for rebuilding; unpublished cards are skipped. Returns how many were written."""
    written = 0
    batch: list[SearchDocument] = []
    for card in cards:
        if card.status != CardStatus.PUBLISHED:
            continue
        batch.append(SearchDocument(card_id=card.pk, tokens=_tokens(card)))
        if len(batch) >= batch_size:
            SearchDocument.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    if batch:
        SearchDocument.objects.bulk_create(batch)
        written += len(batch)
    return written


def search_index_rebuild(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Analyse every published card again and rebuild the engine's index from scratch (after a
    change of the analyser). Returns the number of documents. ``progress(done, total)`` hears
    how far the analysis got, every ``PROGRESS_EVERY`` cards.

    The analysis is the long part, and it only reads: it runs before the transaction, so the write
    lock (on SQLite, the whole database's) is held only to swap the documents in one step. Cards
    changed or published while the analysis ran are analysed again inside the transaction."""
    started = timezone.now()
    total = _published().count()
    documents: dict[int, str] = {}
    for card in _published().iterator(chunk_size=2000):
        documents[card.pk] = _tokens(card)
        if progress is not None and len(documents) % PROGRESS_EVERY == 0:
            progress(len(documents), max(total, len(documents)))
    with transaction.atomic():
        published = dict(_published().values_list("pk", "updated_at"))
        late = [pk for pk, updated_at in published.items() if pk not in documents or updated_at >= started]
        for card in _published().filter(pk__in=late):
            documents[card.pk] = _tokens(card)
        SearchDocument.objects.all().delete()
        SearchDocument.objects.bulk_create(
            (SearchDocument(card_id=pk, tokens=documents[pk]) for pk in sorted(published)), batch_size=1000
        )
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                # Also repairs an FTS5 index that drifted from its content table.
                cursor.execute("INSERT INTO catalogue_search_fts(catalogue_search_fts) VALUES ('rebuild')")
    if progress is not None:
        progress(len(published), len(published))
    return len(published)


def _published() -> QuerySet[ServiceCard]:
    return (
        ServiceCard.objects.filter(status=CardStatus.PUBLISHED)
        .select_related("category__parent", "provider", "gmina")
        .order_by("pk")
    )
