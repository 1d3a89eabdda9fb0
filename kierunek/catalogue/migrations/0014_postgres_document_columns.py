"""PostgreSQL: a search document carries the columns of its card that a text search filters,
orders and counts by, kept in step by triggers, so that a text search reads the documents it
matched and nothing else (decision 0007, its next step).

Before, every match was looked up in the cards' covering index by id (three buffers a match,
about as long as ranking it): half the time of a broad text search. The columns copied are the
ones that change only when the card is edited, published or withdrawn (status, category, form of
delivery, gmina, start date, gross price, provider, service group), never those a booking or a
rating changes (seats taken, the average rating): a search that filters by those joins the card
as before (``postgres.PostgresDialect.text_filter``), so a booking writes no document.

- ``catalogue_document_card_columns`` (BEFORE INSERT OR UPDATE on the documents): a document
  takes its card's columns when it is written;
- ``catalogue_card_document_columns`` (AFTER UPDATE of those columns on the cards): a change of
  the card reaches its document in the same statement, whoever makes it (the ORM, a bulk
  ``update()``, the settlement, SQL by hand).

The columns are the database's own (the model does not declare them: Django neither reads nor
writes them); ``tests/catalogue/search/test_postgres_document_columns.py`` checks that every
document agrees with its card after each kind of change. The table is rewritten afterwards
(``VACUUM FULL``) so that the documents filled in here do not leave the table half dead rows.
SQLite: nothing (its search columns live in the process, decision 0004)."""

from django.db import migrations, transaction

TABLE = "catalogue_searchdocument"
# (column, type): the card's columns a text search reads, with their types on the cards.
COLUMNS = (
    ("status", "varchar(12)"),
    ("category_id", "bigint"),
    ("delivery_form", "varchar(20)"),
    ("gmina_id", "bigint"),
    ("starts_on", "date"),
    ("price_gross", "bigint"),
    ("provider_id", "bigint"),
    ("service_group", "bigint"),
)
NAMES = ", ".join(name for name, _type in COLUMNS)
FROM_CARD = ", ".join(f"c.{name}" for name, _type in COLUMNS)
NEW_ROW = ", ".join(f"NEW.{name}" for name, _type in COLUMNS)
OLD_ROW = ", ".join(f"OLD.{name}" for name, _type in COLUMNS)

# Every name below is a constant of this module.
FORWARD = [
    f"ALTER TABLE {TABLE} " + ", ".join(f"ADD COLUMN {name} {kind}" for name, kind in COLUMNS),
    f"""CREATE FUNCTION catalogue_document_card_columns() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        SELECT {FROM_CARD} INTO {NEW_ROW} FROM catalogue_servicecard c WHERE c.id = NEW.card_id;
        RETURN NEW;
    END $$""",  # noqa: S608
    f"""CREATE TRIGGER catalogue_document_card_columns BEFORE INSERT OR UPDATE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION catalogue_document_card_columns()""",
    f"""CREATE FUNCTION catalogue_card_document_columns() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {TABLE} d SET card_id = d.card_id WHERE d.card_id = NEW.id;
        RETURN NULL;
    END $$""",  # noqa: S608
    f"""CREATE TRIGGER catalogue_card_document_columns AFTER UPDATE OF {NAMES} ON catalogue_servicecard
    FOR EACH ROW WHEN (({OLD_ROW}) IS DISTINCT FROM ({NEW_ROW}))
    EXECUTE FUNCTION catalogue_card_document_columns()""",
    f"UPDATE {TABLE} SET card_id = card_id",  # noqa: S608
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS catalogue_card_document_columns ON catalogue_servicecard",
    "DROP FUNCTION IF EXISTS catalogue_card_document_columns()",
    f"DROP TRIGGER IF EXISTS catalogue_document_card_columns ON {TABLE}",
    "DROP FUNCTION IF EXISTS catalogue_document_card_columns()",
    f"ALTER TABLE {TABLE} " + ", ".join(f"DROP COLUMN IF EXISTS {name}" for name, _kind in COLUMNS),
]


def _run(statements, vacuum):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with transaction.atomic(using=schema_editor.connection.alias), connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
        if vacuum:
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM (FULL, ANALYZE) {TABLE}")

    return run


class Migration(migrations.Migration):
    atomic = False  # VACUUM runs outside a transaction

    dependencies = [("catalogue", "0013_validation_service_types")]

    operations = [migrations.RunPython(_run(FORWARD, vacuum=True), _run(BACKWARD, vacuum=False))]
