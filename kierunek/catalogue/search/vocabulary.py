"""The catalogue's own vocabulary, which a mistyped query word is corrected against: the words of
the published cards' titles, categories (with their parents) and market qualifications, each with
the number of cards whose text has it.

Why these fields: they say what a service *is*, in the words the catalogue uses; a correction
towards a word that only a programme mentions would show results that are not about it. Why
rapidfuzz: its edit distances (here the optimal string alignment distance, which counts a swap of
two neighbouring letters as one edit, "exel"/"exle") run in C++ over the whole vocabulary in well
under a millisecond, with a cut-off; the same in Python costs tens of milliseconds at 100 000
cards.

Kept per process and database: read again when the catalogue changed (``search_version``, on
SQLite; at most every ``MIN_AGE`` seconds) or, where no change log says so (PostgreSQL), after
``MAX_AGE`` seconds. A search needs it
only when it found nothing or very little (kierunek.catalogue.search.fallback), so the one grouped
read of the published cards it costs is paid then, not by the searches that find something.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..models import CardStatus, ServiceCard
from .families import family_expansion, family_spellings
from .reference import Reference
from .text import STOP_WORDS, fold, restored_lemmas, word_lemmas

__all__ = ["Vocabulary", "correction", "vocabulary", "vocabulary_build"]

# Where no change log tells when the catalogue changed (PostgreSQL), the vocabulary is read again
# after this many seconds: a new word of a title is then corrected towards a few minutes late.
MAX_AGE = 300.0
# Where one does (SQLite), a changed catalogue is read again only once the vocabulary is this old:
# places taken change the version all day long and the titles hardly ever, and a correction is
# checked by a search anyway (one towards a word no card has any more finds nothing and is not
# made).
MIN_AGE = 30.0
# Words shorter than this are neither corrected nor corrections: at three letters one edit makes
# another word of almost anything ("kat" / "kot" / "kit").
MIN_LENGTH = 4
# From this length on a word may be two edits away from its correction ("ksiegwsc"); shorter, one.
TWO_EDITS_FROM = 9

# A word of a title: letters only (numbers and "c++" are never typos of anything).
_LETTERS_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Vocabulary:
    """``words``: folded word → how many cards have it (in a title, category or qualification;
    0 for a member of a family of those words that no card has itself);
    ``shown``: folded word → how the catalogue writes it most often (lower case, with its
    diacritics: ``ksiegowosc`` → "księgowość"); ``known``: every token those fields index (the
    words and their lemmas), which a query word that finds cards there matches."""

    key: tuple[Any, ...]  # the database's alias and name
    version: tuple[Any, ...] | None  # search_version() when read
    loaded_at: float
    words: Mapping[str, int]
    shown: Mapping[str, str]
    known: frozenset[str]

    def is_known(self, token: str, *, prefix: bool = False) -> bool:
        """Whether the vocabulary's fields have ``token`` (or, with ``prefix``, a token starting
        with it)."""
        if not prefix:
            return token in self.known
        return any(known.startswith(token) for known in self.known)


def vocabulary_build(
    texts: Iterable[tuple[str, int]],
) -> tuple[dict[str, int], dict[str, str], frozenset[str]]:
    """The words, their shown forms and the known tokens of ``texts``: pairs of a card's text
    (its title, category and qualification) and how many cards have that text. Each distinct
    word is folded and analysed once (a catalogue repeats its words across titles)."""
    words: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    tokens: dict[str, str] = {}  # a word as written (lower case) → its folded token
    for text, cards in texts:
        in_text: set[str] = set()
        for match in _LETTERS_RE.finditer(text.lower()):
            written = match.group()
            token = tokens.get(written)
            if token is None:
                token = tokens[written] = fold(written)
            if len(token) < MIN_LENGTH or token in STOP_WORDS:
                continue
            in_text.add(token)
            spellings.setdefault(token, Counter())[written] += cards
        for token in in_text:
            words[token] += cards
    known = set(tokens.values())
    lemmas: dict[str, set[str]] = {}  # a word's token → its own and its lemmas
    for written, token in tokens.items():
        known.update(word_lemmas(written))
        lemmas.setdefault(token, {token}).update(word_lemmas(written))
    shown = {token: counts.most_common(1)[0][0] for token, counts in spellings.items()}
    # The words' lemmas and the members of their families (kierunek.catalogue.search.families)
    # are words to correct towards too: a resident types the noun ("fotowoltaika") that no title
    # has, only its family ("fotowoltaicznych"), and mistypes it ("fotowoltanika"); the word
    # corrected finds the cards through its family. With no cards of their own (0): at equal
    # edits a word of the catalogue is preferred, and none is offered as "Did you mean" beside
    # results (SUGGEST_MIN_CARDS). Only lemmas the families' data write (with their diacritics,
    # to be shown): Morfeusz gives them folded.
    spelled = family_spellings()
    for token in list(words):
        own = lemmas.get(token, {token})
        for member in own | family_expansion(own):
            if member not in words and member in spelled and len(member) >= MIN_LENGTH:
                words[member] = 0
                shown[member] = spelled[member]
    return dict(words), shown, frozenset(known)


_lock = threading.Lock()
_kept: dict[str, Vocabulary] = {}


def vocabulary(reference: Reference, version: tuple[Any, ...] | None) -> Vocabulary:
    """The vocabulary of the published cards, read again when ``version`` (``search_version()``)
    changed and it is MIN_AGE seconds old or, without a version, after MAX_AGE seconds."""
    key = (connection.alias, connection.settings_dict["NAME"])
    kept = _kept.get(connection.alias)
    now = time.monotonic()
    if kept is not None and kept.key == key:
        age = now - kept.loaded_at
        if version is None and age < MAX_AGE:
            return kept
        if version is not None and (kept.version == version or age < MIN_AGE):
            return kept
    categories = reference.category_models
    names: dict[int, str] = {}
    for pk, category in categories.items():
        parent = categories.get(category.parent_id) if category.parent_id is not None else None
        names[pk] = f"{category.name} {parent.name}" if parent is not None else category.name
    # One grouped read: a catalogue repeats its titles (the same course on several dates).
    rows = (
        ServiceCard.objects.filter(status=CardStatus.PUBLISHED)
        .values_list("title", "category_id", "market_qualification")
        .annotate(cards=Count("id"))
        .order_by()
    )
    texts = (
        (f"{title}\n{names.get(category_id, '')}\n{qualification}", cards)
        for title, category_id, qualification, cards in rows
    )
    words, shown, known = vocabulary_build(texts)
    made = Vocabulary(key=key, version=version, loaded_at=now, words=words, shown=shown, known=known)
    with _lock:
        _kept[connection.alias] = made
    return made


def vocabulary_forget() -> None:
    """Drop the vocabularies kept (tests that change the catalogue between searches on
    PostgreSQL, where no version says so)."""
    with _lock:
        _kept.clear()


def correction(
    token: str,
    words: Mapping[str, int],
    *,
    known: frozenset[str] = frozenset(),
    max_edits: int | None = None,
) -> str | None:
    """The word of ``words`` (folded word → cards) that the folded query word ``token`` is most
    likely a mistyping of: the fewest edits (letters inserted, deleted, replaced or two
    neighbours swapped), then the most cards, then the alphabet. None when ``token`` is itself a
    word of the vocabulary, too short, or no word is near enough: one edit, or two from
    TWO_EDITS_FROM letters on, and only one for a word the dictionary knows (a real word that the
    catalogue lacks is not turned into another one). Never for a word whose lemmas (or those of
    its spellings with diacritics) are ``known`` tokens: the analyser finds it as it is
    ("spawania" is "spawanie")."""
    if len(token) < MIN_LENGTH or token in words or not token.isalpha():
        return None
    lemmas = word_lemmas(token) or restored_lemmas(token)
    if token in known or any(lemma in known for lemma in lemmas):
        return None
    if max_edits is None:
        max_edits = 2 if len(token) >= TWO_EDITS_FROM and not word_lemmas(token) else 1
    found = process.extract(token, words.keys(), scorer=OSA.distance, score_cutoff=max_edits, limit=None)
    if not found:
        return None
    best = min(found, key=lambda item: (item[1], -words[item[0]], item[0]))
    return str(best[0])
