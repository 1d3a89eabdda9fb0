"""PostgreSQL: the facets of the whole catalogue kept as counts, in step with the cards by
triggers, so that a search with neither a text nor a filter (the catalogue's first page) reads a
few hundred rows instead of counting every published card twice (decision 0007, "the facets
kept as counts").

Without a text and a filter, the facets and the number of results were two scans of the whole
catalogue's covering index: one grouping (per category and form, per gmina) and one distinct
count of the service groups (about 70 000 groups at 100 000 cards, hashed). Two tables of the
database's own (no model: Django neither reads nor writes them) hold their outcome:

- ``catalogue_search_facet_counts``: the published cards per (category, form) (``part`` 0) and
  per gmina (``part`` 1, ``key`` 0 for a card without one); a few hundred rows;
- ``catalogue_search_group_counts``: the published cards of each service group (a card without
  a group is one of its own: ``-id``, as the search counts it); a group without any is deleted,
  so the number of results is the number of rows.

One trigger a kind of statement on the cards (``FOR EACH STATEMENT``, with the statement's old
and new rows as transition tables): the published cards the statement removed count -1, those it
added +1, summed per row of the counts; only what changes is written, in the order of the keys
(a booking, which changes no key, writes nothing; two writers lock the counts they share in the
same order). No CHECK that a count is not negative: PostgreSQL checks the row an ``INSERT ... ON
CONFLICT`` proposes (a decrement) before it finds the row to update; the test compares the
counts with the cards instead. A ``TRUNCATE`` of the cards empties the counts. A bulk insert of thousands of cards
is one update of each count it touches, not one a card.

``tests/catalogue/search/test_postgres_counts.py`` checks that the counts agree with the cards
after a save, a bulk update, a change of service group, a withdrawal and a deletion, and that a
search reading them gives what counting the cards gives. SQLite: nothing (its search columns in
the process count the whole catalogue in a few milliseconds, decision 0002)."""

from django.db import migrations, transaction

CARDS = "catalogue_servicecard"
FACETS = "catalogue_search_facet_counts"
GROUPS = "catalogue_search_group_counts"
PUBLISHED = "status = 'published'"


def _changes(*sources: tuple[str, int]) -> dict[str, str]:
    """The statements' changes of the counts, per table: (key columns, delta) rows, the published
    cards of each transition table ``source`` counted with its sign; only non-zero sums."""
    facets = " UNION ALL ".join(
        f"SELECT 0 AS part, category_id AS key, delivery_form AS form, {sign} AS n FROM {source} WHERE {PUBLISHED} "  # noqa: S608
        f"UNION ALL SELECT 1, COALESCE(gmina_id, 0), '', {sign} FROM {source} WHERE {PUBLISHED}"
        for source, sign in sources
    )
    groups = " UNION ALL ".join(
        f"SELECT COALESCE(service_group, -id) AS key, {sign} AS n FROM {source} WHERE {PUBLISHED}"  # noqa: S608
        for source, sign in sources
    )
    return {
        FACETS: (
            f"INSERT INTO {FACETS} AS t (part, key, delivery_form, cards) "  # noqa: S608
            f"SELECT part, key, form, SUM(n) FROM ({facets}) d GROUP BY part, key, form "
            "HAVING SUM(n) <> 0 ORDER BY part, key, form "
            "ON CONFLICT (part, key, delivery_form) DO UPDATE SET cards = t.cards + EXCLUDED.cards"
        ),
        GROUPS: (
            f"INSERT INTO {GROUPS} AS t (service_group, cards) "  # noqa: S608
            f"SELECT key, SUM(n) FROM ({groups}) d GROUP BY key HAVING SUM(n) <> 0 ORDER BY key "
            "ON CONFLICT (service_group) DO UPDATE SET cards = t.cards + EXCLUDED.cards"
        ),
    }


def _function(name: str, *sources: tuple[str, int]) -> str:
    changes = _changes(*sources)
    return f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {changes[FACETS]};
        {changes[GROUPS]};
        DELETE FROM {FACETS} WHERE cards = 0;
        DELETE FROM {GROUPS} WHERE cards = 0;
        RETURN NULL;
    END $$"""  # noqa: S608


# (trigger and function name, event, transition tables, the signed sources)
_TRIGGERS = (
    ("catalogue_search_counts_insert", "INSERT", "NEW TABLE AS added", (("added", 1),)),
    (
        "catalogue_search_counts_update",
        "UPDATE",
        "OLD TABLE AS removed NEW TABLE AS added",
        (("removed", -1), ("added", 1)),
    ),
    ("catalogue_search_counts_delete", "DELETE", "OLD TABLE AS removed", (("removed", -1),)),
)

# Every name below is a constant of this module.
FORWARD = [
    f"""CREATE TABLE {FACETS} (
        part smallint NOT NULL, key bigint NOT NULL, delivery_form varchar(20) NOT NULL,
        cards integer NOT NULL, PRIMARY KEY (part, key, delivery_form))""",
    f"""CREATE TABLE {GROUPS} (
        service_group bigint PRIMARY KEY, cards integer NOT NULL)""",
    # The emptied counts are found without a scan (the triggers delete them).
    f"CREATE INDEX {GROUPS}_empty ON {GROUPS} (service_group) WHERE cards = 0",
    *(_function(name, *sources) for name, _event, _tables, sources in _TRIGGERS),
    *(
        f"""CREATE TRIGGER {name} AFTER {event} ON {CARDS} REFERENCING {tables}
        FOR EACH STATEMENT EXECUTE FUNCTION {name}()"""
        for name, event, tables, _sources in _TRIGGERS
    ),
    f"""CREATE FUNCTION catalogue_search_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE {FACETS}, {GROUPS};
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER catalogue_search_counts_truncate AFTER TRUNCATE ON {CARDS}
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_search_counts_truncate()""",
    # The cards there are now.
    _changes((CARDS, 1))[FACETS],
    _changes((CARDS, 1))[GROUPS],
]
BACKWARD = [
    f"DROP TRIGGER IF EXISTS catalogue_search_counts_truncate ON {CARDS}",
    "DROP FUNCTION IF EXISTS catalogue_search_counts_truncate()",
    *(f"DROP TRIGGER IF EXISTS {name} ON {CARDS}" for name, _event, _tables, _sources in _TRIGGERS),
    *(f"DROP FUNCTION IF EXISTS {name}()" for name, _event, _tables, _sources in _TRIGGERS),
    f"DROP TABLE IF EXISTS {FACETS}",
    f"DROP TABLE IF EXISTS {GROUPS}",
]


def _run(statements):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0014_postgres_document_columns")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
