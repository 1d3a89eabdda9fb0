"""On SQLite too, a covering index by id of the published cards (PostgreSQL has had one since 0003).

A text search looks up every card the full-text match gave, by id, for the columns it counts and
pages by. Through the table that reads each wide row; through this narrow partial index (SQLite
has no INCLUDE: the columns are key columns after ``id``) it reads a few bytes, and the planner
takes it by itself. Like 0003's, the index is not known to Django's model state.
"""

from django.db import migrations

SQLITE_FORWARDS = [
    """CREATE INDEX catalogue_card_published_by_id ON catalogue_servicecard
        (id, category_id, delivery_form, gmina_id, starts_on, price_gross, provider_id,
         rating_average, seats_taken, max_participants, status)
        WHERE status = 'published'""",
]
SQLITE_BACKWARDS = ["DROP INDEX IF EXISTS catalogue_card_published_by_id"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_search_engine_index")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_FORWARDS}), _run({"sqlite": SQLITE_BACKWARDS})),
    ]
