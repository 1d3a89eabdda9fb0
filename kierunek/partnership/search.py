"""The directory's and the library's search text, analysed by the catalogue's Polish analyser
(:mod:`kierunek.catalogue.search.text`): inflected forms and words typed without diacritics find
the same lemmas. The tokens are stored between spaces in a text column (``domain.search_text``)
and sought with LIKE on both engines, so SQLite and PostgreSQL agree on what matches; the
directory and the library are small (hundreds of rows), which a full-text index would not speed."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from kierunek.catalogue.search.text import analyse_query, document_tokens
from kierunek.core.collation import polish_key

from . import domain

Groups = list[list[tuple[str, bool]]]


def text_of(*parts: str | None) -> str:
    """The stored search text of a document made of ``parts``."""
    return domain.search_text(document_tokens(" ".join(part for part in parts if part)))


def query_groups(q: str) -> Groups:
    """The query's words as groups of (token, is_prefix) alternatives; empty when nothing is left."""
    return [[(alternative.token, alternative.prefix) for alternative in group] for group in analyse_query(q)]


def matching(groups: Groups, field: str = "search_text") -> Q:
    """Rows whose ``field`` has, for every group, one of its alternatives (``domain.matches``)."""
    condition = Q()
    for group in groups:
        either = Q()
        for token, prefix in group:
            either |= Q(**{f"{field}__contains": domain.token_pattern(token, prefix=prefix)})
        condition &= either
    return condition


def ranked(rows: Iterable[object], groups: Groups, title: str) -> list[object]:
    """Rows with the query's words in their title first; then in Polish order of the title."""
    return sorted(
        rows,
        key=lambda row: (
            -domain.rank(getattr(row, "title_text", ""), groups),
            polish_key(getattr(row, title)),
        ),
    )
