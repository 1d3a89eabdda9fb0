"""Polish alphabetical order, the same on SQLite and PostgreSQL: lists of gminas, powiats, people
and providers are sorted in Python with :func:`polish_key`, never by the database's collation
(SQLite compares code points and puts "Łapanów" after "Zakopane"; PostgreSQL's order depends on
the collation the cluster was created with).

The key follows the Polish alphabet, a ą b c ć d e ę f g h i j k l ł m n ń o ó p q r s ś t u v w x
y z ź ż: a letter with a Polish diacritic is a letter of its own, right after its base letter
("Dąbrowa" before "Drwinia", "Lanckorona" before "Łapanów" before "Łącko"). Other accented letters
sort with their base letter ("Müller" with "Muller"). At the first level case is ignored; then
spaces come before punctuation, punctuation before digits, digits before letters (as in ICU's
Polish collation, whose order this matches for the names of the register); ties are broken by
case (lower case first) and, last, by the text itself, so the order is total.

No Django here: pure functions, table-tested in tests/core/test_collation.py."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = ["POLISH_ALPHABET", "polish_key", "polish_sorted"]

T = TypeVar("T")

POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(POLISH_ALPHABET)}

# Groups of characters at the first level, in their order.
_SPACE, _PUNCTUATION, _DIGIT, _LETTER, _OTHER = range(5)


def _base_letter(char: str) -> str:
    """``char`` without a diacritic that is not a letter of the Polish alphabet ("é" → "e")."""
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if decomposed else char


def _weight(char: str) -> tuple[int, int]:
    if char in _LETTER_RANK:
        return (_LETTER, _LETTER_RANK[char])
    if char.isspace():
        return (_SPACE, 0)
    if char.isdigit():
        return (_DIGIT, unicodedata.digit(char, 0))
    if char.isalpha():
        base = _base_letter(char)
        if base in _LETTER_RANK:
            return (_LETTER, _LETTER_RANK[base])
        return (_OTHER, ord(char))
    return (_PUNCTUATION, ord(char))


def polish_key(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], str]:
    """A sort key of ``text`` in Polish alphabetical order (see the module's description)."""
    text = unicodedata.normalize("NFC", text or "")
    # Spaces in a row count as one, and leading or trailing ones not at all.
    text = " ".join(text.split())
    lowered = text.lower()
    primary = tuple(_weight(char) for char in lowered)
    case = tuple(0 if char == low else 1 for char, low in zip(text, lowered, strict=False))
    return (primary, case, text)


def polish_sorted(items: Iterable[T], *, key: Callable[[T], str | tuple[str, ...]] = str) -> list[T]:
    """``items`` in Polish alphabetical order of ``key(item)``: one text, or a tuple of texts
    compared in turn (a person's last name, then first name)."""

    def sort_key(item: T) -> tuple[object, ...]:
        value = key(item)
        texts = (value,) if isinstance(value, str) else value
        return tuple(polish_key(text) for text in texts)

    return sorted(items, key=sort_key)
