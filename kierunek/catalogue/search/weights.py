"""The field weights of the search ranking: which parts of a card say what it is about, and how
much a query word found in each counts. Data in one place, read by the index (which analysed text
goes in which column of SearchDocument) and by both engines (SQLite FTS5's ``bm25`` and
PostgreSQL's ``ts_rank``), whose index migration 0008 built with these classes (decision 0008).

Four classes, because PostgreSQL has four weight labels (A to D):

- **A, the title**: what the provider says the service is. A resident's words are found here
  first, and a card whose title has them belongs at the top.
- **B, the goal and learning outcomes**: what a participant will be able to do; they name the
  subject at length, but beside it also the skills around it.
- **C, the category (and its parent) and the market qualification**: the kind of service, broad
  (every card of a category shares the words) yet chosen for this card.
- **D, the provider's name, the programme, the target group and the place**: context. The
  provider's name names the provider's trade, not this service ("Akademia Księgowości" also runs
  courses of VAT, cybersecurity and time management); a programme lists everything touched on.
  They make a card findable and break ties, never lift a card above one about the subject.

Each class counts a fifth of the one above it. Why: a document holds, for every word, its surface
form and its lemmas, and a query word matches either (kierunek.catalogue.search.text), so a word in
a weak field may match twice (surface and lemma) where the title's inflected word matches once
(the lemma). A class's weight must then outweigh twice the weight of the class below:

- PostgreSQL (``ts_rank``, no IDF): one query token found in a class counts at most the class's
  weight (the sum of weight/i² over its occurrences, divided by π²/6 ≈ 1.645) and at least
  weight/1.645 when found once; so a class above must weigh more than 2 * 1.645 ≈ 3.3 times
  the class below.
- SQLite (FTS5 ``bm25``): a token's frequency is the sum of the weights of the columns it is found
  in, saturated (k1 = 1.2), and the token's rarity (IDF) multiplies it. At equal rarity and card
  length a fifth keeps a title lemma ahead of a surface-and-lemma pair in the outcomes by 1.6
  times, and ahead of one in the provider's name by 34 times; a quarter would leave the outcomes
  at 1.3 times, too close for the rarity of an inflected form to be sure not to turn it.

PostgreSQL reads the numbers at query time; FTS5 keeps them in its table, so changing a number takes
a migration that sets the FTS5 rank again (``fts5_rank()``), and changing a class one that also
makes the FTS5 table and PostgreSQL's generated ``search_vector`` (``tsvector_expression()``) again;
tests/catalogue/search/test_ranking.py checks that the database says what this module says.
Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "FIELD_CLASSES",
    "TYPED_WORD_BOOST",
    "FieldClass",
    "columns",
    "fts5_rank",
    "ts_rank_weights",
    "tsvector_expression",
]


@dataclass(frozen=True)
class FieldClass:
    """One weight class: the SearchDocument column (and FTS5 column) of its analysed text, its
    PostgreSQL weight label, its weight on both engines (0 < weight ≤ 1: PostgreSQL's range), the
    parts of a card it holds (named as kierunek.catalogue.search.index reads them), and why."""

    column: str
    label: str
    weight: float
    sources: tuple[str, ...]
    rationale: str


# Strongest first: the order of the FTS5 columns, of bm25's arguments and of the tsvector.
FIELD_CLASSES: tuple[FieldClass, ...] = (
    FieldClass(
        column="title_tokens",
        label="A",
        weight=1.0,
        sources=("title",),
        rationale="What the service is: a card whose title has the query's words comes first.",
    ),
    FieldClass(
        column="outcome_tokens",
        label="B",
        weight=0.2,
        sources=("goal", "learning_outcomes"),
        rationale="What a participant learns: the subject at length, with the skills around it.",
    ),
    FieldClass(
        column="kind_tokens",
        label="C",
        weight=0.04,
        sources=("category", "parent_category", "market_qualification"),
        rationale="The kind of service: chosen for the card, but shared by every card of its kind.",
    ),
    FieldClass(
        column="context_tokens",
        label="D",
        weight=0.008,
        sources=("provider", "place", "programme", "target_group"),
        rationale=(
            "Context: the provider's name says its trade, not this service's subject; a programme "
            "lists everything touched on. Findable, a tie-breaker, never a reason to come first."
        ),
    ),
)


def columns() -> tuple[str, ...]:
    """The SearchDocument (and FTS5) columns, strongest first."""
    return tuple(field_class.column for field_class in FIELD_CLASSES)


def fts5_rank() -> str:
    """The FTS5 table's persistent rank function: ``bm25`` with one weight per column, in the
    columns' order."""
    return "bm25(" + ", ".join(repr(field_class.weight) for field_class in FIELD_CLASSES) + ")"


def ts_rank_weights() -> str:
    """PostgreSQL's ``ts_rank`` weights as an array literal: ``{D, C, B, A}``, weakest first."""
    by_label = {field_class.label: field_class.weight for field_class in FIELD_CLASSES}
    return "{" + ",".join(repr(by_label[label]) for label in "DCBA") + "}"


def tsvector_expression() -> str:
    """PostgreSQL's ``search_vector``: each column's tokens ('simple': the analyser has already
    lemmatised and folded them) with its class's label, strongest first."""
    return " || ".join(
        f"setweight(to_tsvector('simple'::regconfig, {field_class.column}), '{field_class.label}')"
        for field_class in FIELD_CLASSES
    )


# A query word matches its word family too (kierunek.catalogue.search.families: "księgowa" finds
# "księgowość"), yet the word as typed says best what the resident wants: both engines rank the
# matches by every alternative, plus this many times again by the typed words alone
# (kierunek.catalogue.search.text.core_alternatives). A family may bring several alternatives,
# rarer than the typed word, all found in one title ("Excel dla księgowych" has ``ksiegowy`` and
# ``ksiegowa`` for "księgowość"): the typed word's own rank once more would not outweigh them.
# A whole number: SQLite writes each typed word this many more times in one match
# (``sqlite.fts5_ranked_expression``), or takes the plain match's rank 1 + this many times less
# this many times that of the rest (the family words, and a word typed twice: its second time;
# ``sqlite.fts5_boosted``), the same ranks; PostgreSQL multiplies a second ``ts_rank`` by it.
TYPED_WORD_BOOST = 3.0
assert TYPED_WORD_BOOST.is_integer()
