"""The search ranking by field (decision 0008): a search document holds its analysed text per weight
class (kierunek.catalogue.search.weights), and both engines weigh the classes alike.

- SearchDocument's one ``tokens`` column becomes four: ``title_tokens`` (A), ``outcome_tokens``
  (B: goal, learning outcomes), ``kind_tokens`` (C: category and its parent, market qualification)
  and ``context_tokens`` (D: provider, place, programme, target group). The published cards are
  analysed again here (the analyser, kierunek.catalogue.search.text, is pure).
- SQLite: the FTS5 table ``catalogue_search_fts`` of 0003 is made again with those four columns,
  external content as before, and its triggers with it (they named the old column); its
  persistent rank is ``bm25`` with the classes' weights, so ``rank`` ranks by field wherever it is
  read. (Migration 0005's triggers are on catalogue_servicecard, which this migration leaves as
  it is. A later migration that rebuilds catalogue_searchdocument on SQLite drops these triggers
  with the old table: it must create them again; the search tests fail without them.)
- PostgreSQL: the generated ``search_vector`` becomes each column's tokens with its class's label
  (``setweight(..., 'A') || ...``), with its GIN index again; ``ts_rank`` takes the weights at
  query time (kierunek.catalogue.search.postgres).

The classes and the weights are written out here as they were when this migration was made, as a
migration's schema should be; tests/catalogue/search/test_ranking.py checks that the database says
what weights.py says, so a change of the weights without a migration fails the tests.
"""

from django.db import migrations, models

# (column, PostgreSQL label, weight, the parts of a card in it) as of this migration, strongest first.
CLASSES = (
    ("title_tokens", "A", 1.0, ("title",)),
    ("outcome_tokens", "B", 0.2, ("goal", "learning_outcomes")),
    ("kind_tokens", "C", 0.04, ("category", "parent_category", "market_qualification")),
    ("context_tokens", "D", 0.008, ("provider", "place", "programme", "target_group")),
)
COLUMNS = tuple(column for column, _label, _weight, _sources in CLASSES)
# 0003's one text: the title twice, then the rest.
OLD_SOURCES = (
    "title",
    "title",
    "category",
    "parent_category",
    "provider",
    "place",
    "goal",
    "learning_outcomes",
    "programme",
    "target_group",
    "market_qualification",
)


def _source(card, source):
    if source == "category":
        return card.category.name
    if source == "parent_category":
        return card.category.parent.name if card.category.parent_id is not None else ""
    if source == "provider":
        return card.provider.short_name or card.provider.legal_name
    if source == "place":
        return card.gmina.name if card.gmina_id is not None else card.outside_region_address
    return getattr(card, source)


def _analysed(card, sources):
    from kierunek.catalogue.search.text import document_tokens

    text = "\n".join(part for part in (_source(card, source) for source in sources) if part)
    return " ".join(document_tokens(text))


_COLS = ", ".join(COLUMNS)
_NEW = ", ".join(f"new.{column}" for column in COLUMNS)
_OLD = ", ".join(f"old.{column}" for column in COLUMNS)
RANK = "bm25(" + ", ".join(repr(weight) for _column, _label, weight, _sources in CLASSES) + ")"
VECTOR = " || ".join(
    f"setweight(to_tsvector('simple'::regconfig, {column}), '{label}')"
    for column, label, _weight, _sources in CLASSES
)

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS catalogue_search_fts_update",
    "DROP TRIGGER IF EXISTS catalogue_search_fts_delete",
    "DROP TRIGGER IF EXISTS catalogue_search_fts_insert",
    "DROP TABLE IF EXISTS catalogue_search_fts",
]
SQLITE_CREATE = [
    # The tokens are [a-z0-9] words separated by spaces: the 'ascii' tokenizer is all it takes.
    f"""CREATE VIRTUAL TABLE catalogue_search_fts USING fts5(
        {_COLS}, content='catalogue_searchdocument', content_rowid='card_id', tokenize='ascii'
    )""",
    f"""CREATE TRIGGER catalogue_search_fts_insert AFTER INSERT ON catalogue_searchdocument BEGIN
        INSERT INTO catalogue_search_fts(rowid, {_COLS}) VALUES (new.card_id, {_NEW});
    END""",  # noqa: S608 - constants of this module
    f"""CREATE TRIGGER catalogue_search_fts_delete AFTER DELETE ON catalogue_searchdocument BEGIN
        INSERT INTO catalogue_search_fts(catalogue_search_fts, rowid, {_COLS})
            VALUES ('delete', old.card_id, {_OLD});
    END""",  # noqa: S608 - constants of this module
    f"""CREATE TRIGGER catalogue_search_fts_update AFTER UPDATE ON catalogue_searchdocument BEGIN
        INSERT INTO catalogue_search_fts(catalogue_search_fts, rowid, {_COLS})
            VALUES ('delete', old.card_id, {_OLD});
        INSERT INTO catalogue_search_fts(rowid, {_COLS}) VALUES (new.card_id, {_NEW});
    END""",  # noqa: S608 - constants of this module
    # Persistent: the table's hidden column ``rank`` is this function from now on.
    f"INSERT INTO catalogue_search_fts(catalogue_search_fts, rank) VALUES ('rank', '{RANK}')",  # noqa: S608
    "INSERT INTO catalogue_search_fts(catalogue_search_fts) VALUES ('rebuild')",
]
# 0003's objects, for going back.
SQLITE_CREATE_OLD = [
    """CREATE VIRTUAL TABLE catalogue_search_fts USING fts5(
        tokens, content='catalogue_searchdocument', content_rowid='card_id', tokenize='ascii'
    )""",
    """CREATE TRIGGER catalogue_search_fts_insert AFTER INSERT ON catalogue_searchdocument BEGIN
        INSERT INTO catalogue_search_fts(rowid, tokens) VALUES (new.card_id, new.tokens);
    END""",
    """CREATE TRIGGER catalogue_search_fts_delete AFTER DELETE ON catalogue_searchdocument BEGIN
        INSERT INTO catalogue_search_fts(catalogue_search_fts, rowid, tokens) VALUES ('delete', old.card_id, old.tokens);
    END""",
    """CREATE TRIGGER catalogue_search_fts_update AFTER UPDATE ON catalogue_searchdocument BEGIN
        INSERT INTO catalogue_search_fts(catalogue_search_fts, rowid, tokens) VALUES ('delete', old.card_id, old.tokens);
        INSERT INTO catalogue_search_fts(rowid, tokens) VALUES (new.card_id, new.tokens);
    END""",
    "INSERT INTO catalogue_search_fts(catalogue_search_fts) VALUES ('rebuild')",
]

POSTGRES_DROP = [
    "DROP INDEX IF EXISTS catalogue_searchdocument_search_vector",
    "ALTER TABLE catalogue_searchdocument DROP COLUMN IF EXISTS search_vector",
]
POSTGRES_CREATE = [
    f"""ALTER TABLE catalogue_searchdocument ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS ({VECTOR}) STORED""",
    "CREATE INDEX catalogue_searchdocument_search_vector ON catalogue_searchdocument USING gin (search_vector)",
]
POSTGRES_CREATE_OLD = [
    """ALTER TABLE catalogue_searchdocument ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, tokens)) STORED""",
    "CREATE INDEX catalogue_searchdocument_search_vector ON catalogue_searchdocument USING gin (search_vector)",
]


def _run(statements_by_vendor, *, empty_documents=False):
    def run(apps, schema_editor):
        if empty_documents:
            # Going back: the old column is added NOT NULL without a default, to an empty table.
            apps.get_model("catalogue", "SearchDocument").objects.all().delete()
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def _write_documents(apps, schema_editor, document):
    SearchDocument = apps.get_model("catalogue", "SearchDocument")
    cards = (
        apps.get_model("catalogue", "ServiceCard")
        .objects.filter(status="published")
        .select_related("category__parent", "provider", "gmina")
        .order_by("pk")
    )
    SearchDocument.objects.all().delete()
    batch = []
    for card in cards.iterator(chunk_size=2000):
        batch.append(SearchDocument(card_id=card.pk, **document(card)))
        if len(batch) >= 1000:
            SearchDocument.objects.bulk_create(batch)
            batch = []
    SearchDocument.objects.bulk_create(batch)
    if schema_editor.connection.vendor == "postgresql":
        # The new rows' deferred foreign-key checks now, not at commit: PostgreSQL alters no table
        # with pending trigger events, and this migration alters the table next.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def reanalyse(apps, schema_editor):
    """The documents of the published cards, per weight class."""
    _write_documents(
        apps,
        schema_editor,
        lambda card: {column: _analysed(card, sources) for column, _label, _weight, sources in CLASSES},
    )


def reanalyse_old(apps, schema_editor):
    """Going back: 0003's documents, one text."""
    _write_documents(apps, schema_editor, lambda card: {"tokens": _analysed(card, OLD_SOURCES)})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0007_hours_rule")]

    operations = [
        # 0003's index names the old column: it goes first (on SQLite, before the table is made
        # again for the new columns, which would drop the triggers anyway).
        migrations.RunPython(
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
            _run({"sqlite": SQLITE_CREATE_OLD, "postgresql": POSTGRES_CREATE_OLD}),
        ),
        *[
            migrations.AddField(model_name="searchdocument", name=column, field=models.TextField(default=""))
            for column in COLUMNS
        ],
        migrations.RunPython(reanalyse, reanalyse_old),
        migrations.RemoveField(model_name="searchdocument", name="tokens"),
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}, empty_documents=True),
        ),
    ]
