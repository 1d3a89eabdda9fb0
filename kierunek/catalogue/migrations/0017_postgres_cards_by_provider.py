"""PostgreSQL: a covering index of the published cards led by their provider, so that a search of
the quality mark's holders without a text counts their cards alone (decision 0007, "the quality
mark's searches").

Without it such a search tested every published card's provider against the holders (40 % of the
benchmark's cards pass): the facets and the distinct count of the service groups over an index of
the whole catalogue. Led by the provider, the index gives the holders' cards as a few hundred
ranges (one a holder), with every column the counts read (category, form of delivery, gmina,
service group, and the id, which stands for a missing group), never the wide rows. Only
PostgreSQL's search asks for it (``statement.StatementEngine``, ``Dialect.cards_by_provider``);
SQLite's columns in the process count the whole catalogue in a few milliseconds (decision 0002), so
it has none."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS catalogue_card_by_provider ON catalogue_servicecard "
    "(provider_id, category_id, delivery_form, gmina_id, service_group, id) WHERE status = 'published'"
)
DROP = "DROP INDEX IF EXISTS catalogue_card_by_provider"


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0016_card_full_index")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
