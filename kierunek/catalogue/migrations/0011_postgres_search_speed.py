"""PostgreSQL: the search documents' vectors kept in the table's own rows, their GIN index
without a pending list, and no parallel workers for a search (decision 0007).

A text search ranks every document it matched: ``ts_rank`` reads the document's whole vector.
About 1.5 kB a card, the vector did not fit in the row beside the tokens, so PostgreSQL kept it
out of line in the TOAST table: every ranked match cost a lookup in the TOAST table's index and
a read of its chunk, most of a text search's time. ``STORAGE MAIN`` keeps the vector in the row
(the tokens, which no search reads, go out of line instead); the table is rewritten so that the
documents already written move too (``VACUUM FULL``, which cannot run in a transaction: the
migration is not atomic).

``fastupdate = off``: new entries go straight into the GIN index instead of a pending list that
every search reads through sequentially until a vacuum merges it (up to 4 MB of entries on a
catalogue that changes all day). Writing a document costs a little more; searching does not
depend on when the last vacuum ran.

``parallel_workers = 0``: with the vectors in the rows, the planner's estimate of a text search
rose past the point where it starts a parallel worker for the matched documents; starting one
costs more than the whole search of a few thousand matches (and on a busy server, much more).
The setting is the table's: no other statement's plan changes.

All apply to whatever the search's vector column and its GIN indexes are at the time (found in
the catalog, not named), so they hold when the documents' columns change. SQLite: nothing.
"""

from django.db import migrations

TABLE = "catalogue_searchdocument"
VECTOR = "search_vector"


def _gin_indexes(cursor):
    cursor.execute(
        "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
        "JOIN pg_am a ON a.oid = i.relam WHERE x.indrelid = %s::regclass AND a.amname = 'gin'",
        [TABLE],
    )
    return [name for (name,) in cursor.fetchall()]


def _storage(storage, fastupdate, workers):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {quote(TABLE)} ALTER COLUMN {quote(VECTOR)} SET STORAGE {storage}")
            cursor.execute(f"ALTER TABLE {quote(TABLE)} {workers}")
            for index in _gin_indexes(cursor):
                cursor.execute(f"ALTER INDEX {quote(index)} SET (fastupdate = {fastupdate})")
            # Rewrites every row under the column's new storage, and empties any pending list.
            cursor.execute(f"VACUUM (FULL, ANALYZE) {quote(TABLE)}")

    return run


class Migration(migrations.Migration):
    atomic = False  # VACUUM runs outside a transaction

    dependencies = [("catalogue", "0010_saved_searches")]

    operations = [
        migrations.RunPython(
            _storage("MAIN", "off", "SET (parallel_workers = 0)"),
            _storage("EXTENDED", "on", "RESET (parallel_workers)"),
        ),
    ]
