"""The Polish text analyser of the catalogue search: one analyser, in Python, feeding both search
engines (SQLite FTS5 and PostgreSQL full-text search), so that they agree on what matches.

A *token* is what the engines index and look up: lower-case ASCII letters and digits only, so both
engines' own tokenisers leave it as it is ("c+e" becomes ``cpluse``, "c++" ``cplusplus``, "c#"
``csharp``). Polish diacritics are folded (ą→a, ł→l, ś→s, ż→z, ...).

- A **document** (the text of a card) gives, for every word, its folded surface form and the folded
  lemmas Morfeusz 2 gives for it: "Księgowości" → ``ksiegowosci ksiegowosc``. A resident who types
  without diacritics ("ksiegowosc") finds the folded lemma.
- A **query** gives a tuple of *groups*, one per remaining word: a card matches when it has, for
  every group, at least one of the group's alternatives (groups ANDed, alternatives ORed). Stop
  words and, in queries only, the generic words of this domain ("kurs", "szkolenie", ...) are
  dropped, and common abbreviations are expanded ("kat." → kategoria). The alternatives of a word
  Morfeusz knows are its folded lemmas and its folded surface form. A word it does not know is
  most often typed without diacritics: then the lemmas of its spellings with diacritics that
  Morfeusz knows ("wozki" → "wózki" → ``wozek``). Failing that (a name, a word not in the
  dictionary) it is sought as a prefix, from five letters on without its last two letters, which
  cuts an inflected ending off: "python" → ``pyth*`` finds "Pythonie". A word's lemmas (known
  or restored) also bring the lemmas of their *word families* (``families``, decision 0006):
  "fryzjerka" → ``fryzjer fryzjerstwo fryzjerski``, "ksiegowa" → ``ksiegowosc``..., at query
  time, so the index does not change.

No Django here: pure functions, table-tested in tests/catalogue/search/test_text.py.
"""

from __future__ import annotations

import itertools
import math
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kierunek.geo.domain import search_key as fold

from .families import family_expansion, word_generic

if TYPE_CHECKING:  # pragma: no cover
    import morfeusz2

__all__ = [
    "Alternative",
    "QueryGroup",
    "analyse_query",
    "core_alternatives",
    "document_tokens",
    "fold",
    "word_lemmas",
]

# A word: letters and digits, optionally joined by "+" ("c+e") or ended by "++" or "#" ("c++",
# "c#"), optionally followed by a dot (which marks an abbreviation: "kat.", "j.").
_WORD_RE = re.compile(r"[^\W_]+(?:\+[^\W_]+)*(?:\+\+|#)?\.?")

# Polish stop words, folded. Dropped from queries; documents keep every word.
STOP_WORDS = frozenset(
    fold(word)
    for word in [
        "a",
        "aby",
        "ach",
        "acz",
        "aczkolwiek",
        "ale",
        "albo",
        "ani",
        "az",
        "bez",
        "bo",
        "bowiem",
        "by",
        "byc",
        "byl",
        "byla",
        "bylo",
        "byly",
        "cala",
        "cali",
        "caly",
        "ci",
        "cie",
        "co",
        "coraz",
        "czy",
        "czyli",
        "dla",
        "do",
        "dosc",
        "gdy",
        "gdyz",
        "gdzie",
        "go",
        "i",
        "ich",
        "ile",
        "im",
        "inna",
        "inne",
        "inny",
        "ja",
        "jak",
        "jaka",
        "jakie",
        "jaki",
        "jako",
        "je",
        "jego",
        "jej",
        "jemu",
        "jesli",
        "jest",
        "jestem",
        "jeszcze",
        "jezeli",
        "juz",
        "ku",
        "lecz",
        "lub",
        "ma",
        "maja",
        "moze",
        "mozna",
        "na",
        "nad",
        "nam",
        "nas",
        "nasz",
        "nasza",
        "nasze",
        "nie",
        "niech",
        "niz",
        "o",
        "od",
        "oraz",
        "po",
        "pod",
        "poza",
        "przed",
        "przez",
        "przy",
        "sa",
        "sie",
        "sobie",
        "sposob",
        "ta",
        "tak",
        "taka",
        "takie",
        "taki",
        "tam",
        "te",
        "tego",
        "tej",
        "ten",
        "to",
        "tu",
        "tutaj",
        "tym",
        "u",
        "w",
        "we",
        "wiec",
        "wszystko",
        "wy",
        "z",
        "za",
        "zas",
        "ze",
    ]
)

# Words that say only "a service of some kind": every card is one, so a query drops them
# ("szkolenia z programowania" looks for programming). Compared with a word's folded surface form
# and with each of its folded lemmas.
GENERIC_QUERY_WORDS = frozenset(
    {
        "kurs",
        "kursy",
        "szkolenie",
        "szkolic",
        "szkoleniowy",
        "zajecia",
        "zajecie",
        "warsztat",
        "warsztaty",
        "usluga",
        "uslugi",
        "oferta",
    }
)

# Common abbreviations of the domain, by their folded form (without the dot), and the folded
# lemma each stands for. Multi-letter ones expand with or without the dot ("kat C", "kat. C");
# single letters only with the dot ("j. angielski"), otherwise they are letters ("kat. C").
ABBREVIATIONS = {
    "kat": "kategoria",
    "j": "jezyk",
    "jez": "jezyk",
    "ang": "angielski",
    "niem": "niemiecki",
    "hiszp": "hiszpanski",
    "franc": "francuski",
    "fr": "francuski",
    "wl": "wloski",
    "ros": "rosyjski",
    "podst": "podstawowy",
    "zaaw": "zaawansowany",
    "sred": "sredniozaawansowany",
    "kw": "kwalifikacja",
    "st": "stopien",
    "godz": "godzina",
    "inz": "inzynier",
    "mgr": "magister",
    "prof": "profesor",
    "ul": "ulica",
    "tel": "telefon",
}

# After the word "kategoria" a single letter is a category (of a driving licence, say), never a
# stop word: "kat. A" keeps the "a".
_CATEGORY_WORD = "kategoria"

# Morfeusz's tags whose lemma is no help for search: abbreviations ("C" → "cent", "B" → "bajt"),
# unknown words (their "lemma" is the word itself), punctuation.
_NO_LEMMA_TAGS = frozenset({"brev", "ign", "interp"})

# A query word Morfeusz does not know is sought as a prefix from this length on ("python*"), and
# from _UNKNOWN_STEM_MIN_LENGTH on without its last letters, keeping at least _UNKNOWN_STEM_KEEP.
_SURFACE_PREFIX_MIN_LENGTH = 3
_UNKNOWN_STEM_MIN_LENGTH = 5
_UNKNOWN_STEM_CUT = 2
_UNKNOWN_STEM_KEEP = 4

_morfeusz: morfeusz2.Morfeusz | None = None
# Morfeusz instances are not safe to share between threads, and loading the dictionary takes a
# tenth of a second: one instance per process, created on first use, used under this lock.
_morfeusz_lock = threading.Lock()


def _analyser() -> morfeusz2.Morfeusz:
    global _morfeusz
    if _morfeusz is None:
        with _morfeusz_lock:
            if _morfeusz is None:
                import morfeusz2

                _morfeusz = morfeusz2.Morfeusz()
    return _morfeusz


def _token(text: str) -> str:
    """``text`` as an engine token: folded, only [a-z0-9] ("c+e" → ``cpluse``)."""
    folded = fold(text).replace("+", "plus").replace("#", "sharp")
    return "".join(char for char in folded if char.isascii() and char.isalnum())


@lru_cache(maxsize=200_000)
def word_lemmas(word: str) -> tuple[str, ...]:
    """The folded lemmas Morfeusz 2 gives for ``word`` (without its qualifiers: "prawo:S" →
    ``prawo``), in the dictionary's order; empty when Morfeusz does not know the word. Only the
    first segment counts ("zrobiłem" is "zrobił" + "em")."""
    morfeusz = _analyser()
    with _morfeusz_lock:
        interpretations = morfeusz.analyse(word)
    lemmas: list[str] = []
    for start, _end, (_form, lemma, tag, *_rest) in interpretations:
        if start != 0 or tag.split(":", 1)[0] in _NO_LEMMA_TAGS:
            continue
        base = lemma.split(":", 1)[0]
        if "_" in base or " " in base:  # multi-word lemmas ("Ewangelia_świętego_Jana")
            continue
        token = _token(base)
        if token and token not in lemmas:
            lemmas.append(token)
    return tuple(lemmas)


@dataclass(frozen=True)
class _Word:
    surface: str  # the token of the surface form
    is_abbreviation: bool  # a known abbreviation, expanded
    lemmas: tuple[str, ...]
    is_plain: bool = True  # letters only (not "c++", "c+e" or "3")

    @property
    def is_letter(self) -> bool:
        return len(self.surface) == 1 and self.surface.isalpha()


def _words(text: str) -> list[_Word]:
    words: list[_Word] = []
    for match in _WORD_RE.finditer(text):
        raw = match.group()
        has_dot = raw.endswith(".")
        raw = raw.rstrip(".")
        surface = _token(raw)
        if not surface:
            continue
        expansion = ABBREVIATIONS.get(surface)
        if expansion and (has_dot or len(surface) > 1):
            words.append(_Word(surface=surface, is_abbreviation=True, lemmas=(expansion,)))
        elif len(surface) == 1 or not raw.isalpha():
            # Letters, numbers and "c+e": themselves. Morfeusz would make "C" a cent.
            words.append(_Word(surface=surface, is_abbreviation=False, lemmas=(), is_plain=raw.isalpha()))
        else:
            words.append(_Word(surface=surface, is_abbreviation=False, lemmas=word_lemmas(raw)))
    return words


def document_tokens(text: str) -> list[str]:
    """The tokens a document indexes for ``text``: for every word its folded surface form and
    then its folded lemmas (each once per word), in the order of the text. Stop words stay (a
    query may need "a" of "kategoria A")."""
    tokens: list[str] = []
    for word in _words(text):
        tokens.append(word.surface)
        tokens.extend(lemma for lemma in word.lemmas if lemma != word.surface)
    return tokens


@dataclass(frozen=True, order=True)
class Alternative:
    """One token a query word may match; with ``prefix`` any token starting with it. A
    ``family`` alternative comes from the word's family, not from the word as typed (its surface
    form and lemmas): it matches as well, and ranks below (both engines rank the matches twice,
    once with every alternative and once with the typed ones only: ``core_alternatives``)."""

    token: str
    prefix: bool = False
    family: bool = False

    def __str__(self) -> str:
        return f"{self.token}*" if self.prefix else self.token


# One query word: the alternatives of which a matching document has at least one.
QueryGroup = tuple[Alternative, ...]


# Letters a word typed without diacritics may stand for.
_WITH_DIACRITICS = {"a": "ą", "c": "ć", "e": "ę", "l": "ł", "n": "ń", "o": "ó", "s": "ś", "z": "źż"}
# Past this many spellings to try, a word is left to the prefix alone.
_MAX_RESTORATIONS = 512


@lru_cache(maxsize=20_000)
def restored_lemmas(word: str) -> tuple[str, ...]:
    """The folded lemmas of the Polish words ``word`` may be when typed without diacritics:
    "wozki" → ``wozek`` (from "wózki"), "ksiegowosci" → ``ksiegowosc``. Empty when no spelling
    is a word Morfeusz knows, or when there are too many spellings to try."""
    options = [letter + _WITH_DIACRITICS.get(letter, "") for letter in word.lower()]
    if math.prod(len(option) for option in options) > _MAX_RESTORATIONS:
        return ()
    lemmas: list[str] = []
    for spelling in itertools.product(*options):
        for lemma in word_lemmas("".join(spelling)):
            if lemma not in lemmas:
                lemmas.append(lemma)
    return tuple(lemmas)


def _with_family(tokens: Iterable[str]) -> QueryGroup:
    """The alternatives of a query word whose tokens are ``tokens``: they, the masculine of a
    feminine job title (as typed: "spawaczka" → ``spawacz``, which course titles use for
    everybody), and the lemmas of their word families (kierunek.catalogue.search.families:
    "fryzjerka" → ``fryzjerstwo``...), sorted."""
    tokens = set(tokens)
    for token in list(tokens):
        tokens |= word_generic(token)
    family = family_expansion(tokens) - tokens
    return tuple(
        sorted(
            [
                *(Alternative(token) for token in tokens),
                *(Alternative(token, family=True) for token in family),
            ]
        )
    )


def core_alternatives(groups: Iterable[QueryGroup]) -> tuple[Alternative, ...]:
    """The alternatives of a query's words as typed (not of their families), each once, when some
    group has a family alternative; empty otherwise (then every match is of a typed word and the
    second ranking would change no order)."""
    groups = tuple(groups)
    if not any(alternative.family for group in groups for alternative in group):
        return ()
    core: list[Alternative] = []
    for group in groups:
        core.extend(
            alternative for alternative in group if not alternative.family and alternative not in core
        )
    return tuple(core)


def _group(word: _Word) -> QueryGroup:
    if word.is_abbreviation:
        return tuple(Alternative(lemma) for lemma in word.lemmas)
    if word.is_plain and not word.lemmas and len(word.surface) >= _SURFACE_PREFIX_MIN_LENGTH:
        # Morfeusz does not know it: a word typed without diacritics ("wozki" is "wózki"), or a
        # name ("python", to find "Pythonie"), or a word missing from the dictionary. Then the
        # lemmas of its spellings with diacritics, if any, and their families; if none, a prefix
        # instead (which covers the exact token), from _UNKNOWN_STEM_MIN_LENGTH letters on
        # without the ending.
        restored = restored_lemmas(word.surface)
        if restored:
            return _with_family((word.surface, *restored))
        keep = len(word.surface)
        if keep >= _UNKNOWN_STEM_MIN_LENGTH:
            keep = max(_UNKNOWN_STEM_KEEP, keep - _UNKNOWN_STEM_CUT)
        return (Alternative(word.surface[:keep], prefix=True),)
    return _with_family((word.surface, *word.lemmas))


def _is_dropped(word: _Word, *, words: frozenset[str]) -> bool:
    return word.surface in words or any(lemma in words for lemma in word.lemmas)


def analyse_query(text: str) -> tuple[QueryGroup, ...]:
    """The groups of a query, in the order of its words, each once: an empty tuple when nothing
    is left to look for. Stop words go; generic words of the domain ("kurs", "szkolenia") go
    unless nothing else is left ("kurs" alone still looks for courses); a letter after "kategoria"
    stays."""
    words = [word for word in _words(text) if not word.is_abbreviation or word.lemmas]
    kept: list[_Word] = []
    for index, word in enumerate(words):
        after_category = index > 0 and _CATEGORY_WORD in (
            words[index - 1].lemmas or (words[index - 1].surface,)
        )
        if word.is_letter and after_category:
            kept.append(word)
        elif not word.is_abbreviation and word.surface in STOP_WORDS:
            continue
        else:
            kept.append(word)
    specific = [
        word for word in kept if word.is_abbreviation or not _is_dropped(word, words=GENERIC_QUERY_WORDS)
    ]
    groups: list[QueryGroup] = []
    for word in specific or kept:
        group = _group(word)
        if group and group not in groups:
            groups.append(group)
    return tuple(groups)
