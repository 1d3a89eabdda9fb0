"""Keeps the search index in step with the cards: a published card has exactly one
SearchDocument holding its analysed text (kierunek.catalogue.search.text), one column per weight
class of kierunek.catalogue.search.weights (title; goal and outcomes; category and qualification;
provider, place, programme and target group); any other card has none.

The engines follow the SearchDocument table by themselves (migration 0008): on SQLite the FTS5
table ``catalogue_search_fts`` (a column per class, ranked by ``bm25`` with the classes' weights)
is an external-content index kept by triggers on the table; on PostgreSQL the generated column
``search_vector`` (each class's tokens with its weight label) carries a GIN index. So writing the
document, inside the caller's transaction, is all there is to do, and a rolled-back change of a
card rolls back its index entry with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from ..models import CardStatus, SearchDocument, ServiceCard
from .text import document_tokens
from .weights import FIELD_CLASSES

__all__ = [
    "card_document_fields",
    "card_document_texts",
    "card_index_update",
    "cards_index_bulk",
    "search_index_rebuild",
]

# How often (in cards analysed) a rebuild reports its progress.
PROGRESS_EVERY = 500


def _place(card: Any) -> str:
    return card.gmina.name if card.gmina is not None else card.outside_region_address


def _parent_category(card: Any) -> str:
    parent = card.category.parent
    return parent.name if parent is not None else ""


# The parts of a card the weight classes name (weights.FieldClass.sources), each read from the
# card. Duck-typed: migration 0008 passes its historical models.
SOURCES: dict[str, Callable[[Any], str]] = {
    "title": lambda card: card.title,
    "goal": lambda card: card.goal,
    "learning_outcomes": lambda card: card.learning_outcomes,
    "category": lambda card: card.category.name,
    "parent_category": _parent_category,
    "market_qualification": lambda card: card.market_qualification,
    "provider": lambda card: card.provider.short_name or card.provider.legal_name,
    "place": _place,
    "programme": lambda card: card.programme,
    "target_group": lambda card: card.target_group,
}


def card_document_texts(card: Any) -> dict[str, str]:
    """The text a card is found by, per SearchDocument column (weight class): the parts the class
    names, one a line. Reads card.category (and its parent), card.provider and card.gmina: select
    them with the card when indexing many."""
    return {
        field_class.column: "\n".join(
            text for text in (SOURCES[source](card) for source in field_class.sources) if text
        )
        for field_class in FIELD_CLASSES
    }


def card_document_fields(card: Any) -> dict[str, str]:
    """The analysed tokens of a card per SearchDocument column: the values of its document."""
    return {column: " ".join(document_tokens(text)) for column, text in card_document_texts(card).items()}


def card_index_update(*, card: ServiceCard) -> None:
    """Write or update the search document of ``card`` when it is published, delete it for any
    other status. Call it, inside the transaction, after every change of a card's status or
    content."""
    if card.status != CardStatus.PUBLISHED:
        SearchDocument.objects.filter(card_id=card.pk).delete()
        return
    fields = card_document_fields(card)
    with transaction.atomic():
        if not SearchDocument.objects.filter(card_id=card.pk).update(**fields):
            SearchDocument.objects.create(card_id=card.pk, **fields)


def cards_index_bulk(cards: Iterable[ServiceCard], *, batch_size: int = 1000) -> int:
    """Write the documents of many cards at once (none of which has one yet), for loading data
    and for rebuilding; unpublished cards are skipped. Returns how many were written."""
    written = 0
    batch: list[SearchDocument] = []
    for card in cards:
        if card.status != CardStatus.PUBLISHED:
            continue
        batch.append(SearchDocument(card_id=card.pk, **card_document_fields(card)))
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
    how far the analysis got, every ``PROGRESS_EVERY`` cards. The engines' ranking (the FTS5
    table's rank function, the weight labels of PostgreSQL's vector) is schema, set by
    migrations: a rebuild keeps it.

    The analysis is the long part, and it only reads: it runs before the transaction, so the write
    lock (on SQLite, the whole database's) is held only to swap the documents in one step. Cards
    changed or published while the analysis ran are analysed again inside the transaction."""
    started = timezone.now()
    total = _published().count()
    documents: dict[int, dict[str, str]] = {}
    for card in _published().iterator(chunk_size=2000):
        documents[card.pk] = card_document_fields(card)
        if progress is not None and len(documents) % PROGRESS_EVERY == 0:
            progress(len(documents), max(total, len(documents)))
    with transaction.atomic():
        published = dict(_published().values_list("pk", "updated_at"))
        late = [pk for pk, updated_at in published.items() if pk not in documents or updated_at >= started]
        for card in _published().filter(pk__in=late):
            documents[card.pk] = card_document_fields(card)
        SearchDocument.objects.all().delete()
        SearchDocument.objects.bulk_create(
            (SearchDocument(card_id=pk, **documents[pk]) for pk in sorted(published)), batch_size=1000
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
