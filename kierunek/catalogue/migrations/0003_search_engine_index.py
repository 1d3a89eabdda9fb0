"""The indexes of the public search (kierunek.catalogue.search).

Covering partial indexes on the published cards, one per order a search groups or sorts in
(ServiceCard.Meta.indexes); they replace the four plain indexes of 0001.

And the full-text index over SearchDocument.tokens, one per database engine:

- SQLite: an FTS5 table with external content (the tokens stay in catalogue_searchdocument only),
  kept in step by triggers on that table, so every write of a document, however made, reaches it.
- PostgreSQL: a stored generated column ``search_vector = to_tsvector('simple', tokens)`` with a
  GIN index ('simple': the analyser in Python has already lemmatised and folded the text; the
  stored vector spares re-parsing the tokens when ranking), and a covering index by id of the
  published cards for looking up the cards a text matched.

Neither full-text index is known to Django's model state: the ORM reads and writes
SearchDocument as before. (On SQLite, a later migration that rebuilds catalogue_searchdocument
would drop the triggers with the old table: it must create them again.)
"""

from django.db import migrations, models

SQLITE_FORWARDS = [
    # The tokens are [a-z0-9] words separated by spaces: the 'ascii' tokenizer is all it takes.
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
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS catalogue_search_fts_update",
    "DROP TRIGGER IF EXISTS catalogue_search_fts_delete",
    "DROP TRIGGER IF EXISTS catalogue_search_fts_insert",
    "DROP TABLE IF EXISTS catalogue_search_fts",
]

POSTGRES_FORWARDS = [
    """ALTER TABLE catalogue_searchdocument ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, tokens)) STORED""",
    "CREATE INDEX catalogue_searchdocument_search_vector ON catalogue_searchdocument USING gin (search_vector)",
    # The cards a text matched are looked up by id: an index-only scan with this one, instead of
    # reading each wide row. (SQLite has no INCLUDE, and looks its rows up by rowid anyway.)
    """CREATE INDEX catalogue_card_published_by_id ON catalogue_servicecard (id)
        INCLUDE (category_id, delivery_form, gmina_id, starts_on, price_gross, provider_id,
                 rating_average, seats_taken, max_participants, status)
        WHERE status = 'published'""",
]
POSTGRES_BACKWARDS = [
    "DROP INDEX IF EXISTS catalogue_card_published_by_id",
    "DROP INDEX IF EXISTS catalogue_searchdocument_search_vector",
    "ALTER TABLE catalogue_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_load_categories")]

    operations = [
        *[
            migrations.RemoveIndex(model_name="servicecard", name=name)
            for name in (
                "catalogue_s_status_744872_idx",
                "catalogue_s_status_8fa03f_idx",
                "catalogue_s_status_f7068f_idx",
                "catalogue_s_status_7ed915_idx",
            )
        ],
        *[
            migrations.AddIndex(
                model_name="servicecard",
                index=models.Index(condition=models.Q(("status", "published")), fields=fields, name=name),
            )
            for name, fields in (
                (
                    "catalogue_card_by_category",
                    [
                        "category",
                        "delivery_form",
                        "gmina",
                        "starts_on",
                        "price_gross",
                        "provider",
                        "rating_average",
                        "seats_taken",
                        "max_participants",
                        "status",
                    ],
                ),
                (
                    "catalogue_card_by_gmina",
                    [
                        "gmina",
                        "category",
                        "delivery_form",
                        "starts_on",
                        "price_gross",
                        "provider",
                        "rating_average",
                        "seats_taken",
                        "max_participants",
                        "status",
                    ],
                ),
                (
                    "catalogue_card_by_start",
                    [
                        "starts_on",
                        "category",
                        "delivery_form",
                        "gmina",
                        "price_gross",
                        "provider",
                        "rating_average",
                        "seats_taken",
                        "max_participants",
                        "status",
                    ],
                ),
                (
                    "catalogue_card_by_price",
                    [
                        "price_gross",
                        "category",
                        "delivery_form",
                        "gmina",
                        "starts_on",
                        "provider",
                        "rating_average",
                        "seats_taken",
                        "max_participants",
                        "status",
                    ],
                ),
            )
        ],
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARDS, "postgresql": POSTGRES_FORWARDS}),
            _run({"sqlite": SQLITE_BACKWARDS, "postgresql": POSTGRES_BACKWARDS}),
        ),
    ]
