"""On SQLite, a log of the changes to what the search reads of a card, written by triggers.

The search on SQLite keeps the search columns of the published cards in the process
(kierunek.catalogue.search.columns) and brings them up to date from this log before every search: each
row names a card whose published state or search columns changed (or, as card 0, says that a
quality mark case changed), in commit order (SQLite has one writer at a time), with a random token that tells a row apart from one that took its id after a
rollback. Triggers write it, so every change reaches it however it is made (ORM, bulk update, raw
SQL, a flush of the test database). It keeps the newest 10 000 rows at least; a process further
behind loads the columns again whole.

PostgreSQL counts in the server (kierunek.catalogue.search.postgres) and has no such log. Like 0003's and 0004's objects,
the table and the triggers are not known to Django's model state. (A later migration that rebuilds
catalogue_servicecard on SQLite drops these triggers with the old table: it must create them
again; tests/catalogue/search/test_columns.py fails without them.)
"""

from django.db import migrations

# The columns the search filters, counts or sorts by (models._SEARCH_COLUMNS), and the status.
_WATCHED = (
    "status",
    "category_id",
    "delivery_form",
    "gmina_id",
    "starts_on",
    "price_gross",
    "provider_id",
    "rating_average",
    "seats_taken",
    "max_participants",
)
_CHANGED = " OR ".join(f"old.{column} IS NOT new.{column}" for column in ("id", *_WATCHED))

KEEP = 10_000

SQLITE_FORWARDS = [
    """CREATE TABLE catalogue_search_changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        card_id INTEGER NOT NULL,
        token BLOB NOT NULL DEFAULT (randomblob(8))
    )""",
    # Never empty, so a process always knows the row it is up to (pruning keeps the newest).
    "INSERT INTO catalogue_search_changes (card_id) VALUES (0)",
    """CREATE TRIGGER catalogue_search_changes_insert AFTER INSERT ON catalogue_servicecard
        WHEN new.status = 'published' BEGIN
        INSERT INTO catalogue_search_changes (card_id) VALUES (new.id);
    END""",
    """CREATE TRIGGER catalogue_search_changes_delete AFTER DELETE ON catalogue_servicecard
        WHEN old.status = 'published' BEGIN
        INSERT INTO catalogue_search_changes (card_id) VALUES (old.id);
    END""",
    f"""CREATE TRIGGER catalogue_search_changes_update AFTER UPDATE ON catalogue_servicecard
        WHEN (old.status = 'published' OR new.status = 'published') AND ({_CHANGED}) BEGIN
        INSERT INTO catalogue_search_changes (card_id) VALUES (old.id);
        INSERT INTO catalogue_search_changes (card_id) SELECT new.id WHERE new.id IS NOT old.id;
    END""",  # noqa: S608 - constants of this module
    # Who holds the quality mark today (a filter and a flag of the search): a row with card 0.
    *[
        f"""CREATE TRIGGER catalogue_search_changes_mark_{event.lower()} AFTER {event}
            ON providers_qualitymarkcase BEGIN
            INSERT INTO catalogue_search_changes (card_id) VALUES (0);
        END"""  # noqa: S608 - constants of this module
        for event in ("INSERT", "UPDATE", "DELETE")
    ],
    # Every thousandth row drops what is older than the newest KEEP rows.
    f"""CREATE TRIGGER catalogue_search_changes_prune AFTER INSERT ON catalogue_search_changes
        WHEN new.id % 1000 = 0 BEGIN
        DELETE FROM catalogue_search_changes WHERE id <= new.id - {KEEP};
    END""",  # noqa: S608 - constants of this module
]
SQLITE_BACKWARDS = [
    *[
        f"DROP TRIGGER IF EXISTS catalogue_search_changes_mark_{event}"
        for event in ("insert", "update", "delete")
    ],
    "DROP TRIGGER IF EXISTS catalogue_search_changes_prune",
    "DROP TRIGGER IF EXISTS catalogue_search_changes_update",
    "DROP TRIGGER IF EXISTS catalogue_search_changes_delete",
    "DROP TRIGGER IF EXISTS catalogue_search_changes_insert",
    "DROP TABLE IF EXISTS catalogue_search_changes",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_sqlite_published_by_id"),
        ("providers", "0003_quality_constraints"),
    ]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_FORWARDS}), _run({"sqlite": SQLITE_BACKWARDS})),
    ]
