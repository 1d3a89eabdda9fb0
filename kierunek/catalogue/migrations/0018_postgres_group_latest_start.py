"""PostgreSQL: each service group's kept count (migration 0015) also keeps the latest start of the
group's published cards, so that a search without a text from a date on counts its results as the
groups whose latest start is on or after the date (a range of an index) instead of joining every
group with cards before the date to the kept counts (decision 0007, "the groups' latest start").

Before, the number of results of such a search was the catalogue's groups less those whose every
card starts before the date: the cards before the date counted per group (up to a third of the
catalogue) and joined to the 70 000 kept group counts (a hash of them), about three quarters of
the statement and what held the facets' p95 above 50 ms. A group is excluded whole exactly when
its latest start is before the date: one range of ``catalogue_search_group_counts_latest``.

The triggers of 0015 keep the column in step in the same statements that keep the counts: a group
that gains cards takes the later of its latest start and theirs (a bulk insert reads no card); a
group that loses a card, or one of whose cards changes its start, has its latest start read again
from its published cards (the group index, ``catalogue_card_by_group``). A booking or a rating
changes neither: nothing is written. ``tests/catalogue/search/test_postgres_counts.py`` compares
the column with the cards after every kind of change. SQLite: nothing (decision 0002)."""

import importlib

from django.db import migrations, transaction

CARDS = "catalogue_servicecard"
FACETS = "catalogue_search_facet_counts"
GROUPS = "catalogue_search_group_counts"
PUBLISHED = "status = 'published'"

_counts = importlib.import_module("kierunek.catalogue.migrations.0015_postgres_search_counts")


def _added_groups(*sources: tuple[str, int]) -> str:
    """The groups' counts changed by the statement, as 0015 writes them, with the latest start of
    the cards counted: a new group's, or the later of a group's and its added cards' (a group that
    lost cards is read again below)."""
    groups = " UNION ALL ".join(
        f"SELECT COALESCE(service_group, -id) AS key, {sign} AS n, starts_on FROM {source} WHERE {PUBLISHED}"  # noqa: S608
        for source, sign in sources
    )
    return (
        f"INSERT INTO {GROUPS} AS t (service_group, cards, latest_start) "  # noqa: S608
        f"SELECT key, SUM(n), MAX(starts_on) FROM ({groups}) d GROUP BY key HAVING SUM(n) <> 0 ORDER BY key "
        "ON CONFLICT (service_group) DO UPDATE SET cards = t.cards + EXCLUDED.cards, "
        "latest_start = GREATEST(t.latest_start, EXCLUDED.latest_start)"
    )


def _latest_again(removed: str, added: str | None) -> str:
    """The latest start read again from the cards for the groups of which the statement removed
    a published card or changed its start (``removed`` less the same rows in ``added``): one
    range of the group index a group, only the groups whose latest start changes written."""
    gone = f"SELECT id, service_group, starts_on FROM {removed} WHERE {PUBLISHED}"  # noqa: S608
    if added:
        gone += f" EXCEPT SELECT id, service_group, starts_on FROM {added} WHERE {PUBLISHED}"  # noqa: S608
    return (
        f"WITH gone AS MATERIALIZED ({gone}), latest AS ("  # noqa: S608
        f"SELECT c.service_group AS key, MAX(c.starts_on) AS latest FROM {CARDS} c "
        f"WHERE c.{PUBLISHED} AND c.service_group IN (SELECT service_group FROM gone) GROUP BY c.service_group "
        f"UNION ALL SELECT -c.id, c.starts_on FROM {CARDS} c WHERE c.{PUBLISHED} AND c.service_group IS NULL "
        "AND c.id IN (SELECT id FROM gone WHERE service_group IS NULL)) "
        f"UPDATE {GROUPS} t SET latest_start = latest.latest FROM latest "
        "WHERE t.service_group = latest.key AND t.latest_start <> latest.latest"
    )


def _function(name: str, *sources: tuple[str, int]) -> str:
    changes = _counts._changes(*sources)
    names = {sign: source for source, sign in sources}
    again = f"{_latest_again(names[-1], names.get(1))};" if -1 in names else ""
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {changes[FACETS]};
        {_added_groups(*sources)};
        DELETE FROM {FACETS} WHERE cards = 0;
        DELETE FROM {GROUPS} WHERE cards = 0;
        {again}
        RETURN NULL;
    END $$"""  # noqa: S608


FORWARD = [
    f"ALTER TABLE {GROUPS} ADD COLUMN latest_start date",
    f"""UPDATE {GROUPS} t SET latest_start = l.latest FROM (
        SELECT COALESCE(service_group, -id) AS key, MAX(starts_on) AS latest FROM {CARDS}
        WHERE {PUBLISHED} GROUP BY 1) l WHERE t.service_group = l.key""",  # noqa: S608
    f"ALTER TABLE {GROUPS} ALTER COLUMN latest_start SET NOT NULL",
    f"CREATE INDEX {GROUPS}_latest ON {GROUPS} (latest_start)",
    # (The planner's estimate of a range of it: without, it expects a third of the rows.)
    f"ANALYZE {GROUPS}",
    *(_function(name, *sources) for name, _event, _tables, sources in _counts._TRIGGERS),
]
BACKWARD = [
    *(
        _counts._function(name, *sources).replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
        for name, _event, _tables, sources in _counts._TRIGGERS
    ),
    f"DROP INDEX IF EXISTS {GROUPS}_latest",
    f"ALTER TABLE {GROUPS} DROP COLUMN IF EXISTS latest_start",
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
    dependencies = [("catalogue", "0017_postgres_cards_by_provider")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
