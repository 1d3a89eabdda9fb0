"""The service group of each card (issue 14): a provider's cards of the same service on several
dates (same title, ignoring case, accents and spacing, and the same delivery form:
catalogue.domain.service_group) share it, and the search shows them as one result with its dates.

- The column is nullable so that SQLite adds it without rebuilding the table (a rebuild would
  drop the triggers of 0005 and the index of 0004); every card is filled in here, and save() and
  bulk_create() keep it from then on.
- It is a search column: the covering indexes of the published cards hold it (the model's four,
  and the by-id ones of 0003 on PostgreSQL and 0004 on SQLite, made again here), a fifth one
  leads with it (the statement looks there for a better date of the same service), and on SQLite
  the change log's update trigger of 0005 watches it too, so that the search columns kept in the
  process follow a card that changes its group.
"""

from django.db import migrations, models

from kierunek.catalogue.domain import service_group

BATCH = 2000

# 0005's update trigger with service_group among the watched columns.
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
_BY_ID = (
    "category_id, delivery_form, gmina_id, starts_on, price_gross, provider_id, "
    "rating_average, seats_taken, max_participants"
)


def _trigger(watched):
    changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in ("id", *watched))
    return [
        "DROP TRIGGER IF EXISTS catalogue_search_changes_update",
        f"""CREATE TRIGGER catalogue_search_changes_update AFTER UPDATE ON catalogue_servicecard
            WHEN (old.status = 'published' OR new.status = 'published') AND ({changed}) BEGIN
            INSERT INTO catalogue_search_changes (card_id) VALUES (old.id);
            INSERT INTO catalogue_search_changes (card_id) SELECT new.id WHERE new.id IS NOT old.id;
        END""",  # noqa: S608 - constants of this module
    ]


def _by_id(vendor, columns):
    drop = "DROP INDEX IF EXISTS catalogue_card_published_by_id"
    if vendor == "postgresql":
        return [
            drop,
            f"""CREATE INDEX catalogue_card_published_by_id ON catalogue_servicecard (id)
                INCLUDE ({columns}, status) WHERE status = 'published'""",
        ]
    return [
        drop,
        f"""CREATE INDEX catalogue_card_published_by_id ON catalogue_servicecard
            (id, {columns}, status) WHERE status = 'published'""",
    ]


FORWARDS = {
    "sqlite": [*_trigger((*_WATCHED, "service_group")), *_by_id("sqlite", f"{_BY_ID}, service_group")],
    "postgresql": _by_id("postgresql", f"{_BY_ID}, service_group"),
}
BACKWARDS = {
    "sqlite": [*_trigger(_WATCHED), *_by_id("sqlite", _BY_ID)],
    "postgresql": _by_id("postgresql", _BY_ID),
}


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def fill(apps, schema_editor):
    """Every card's group, a batch at a time (the historical model has no save() of its own)."""
    ServiceCard = apps.get_model("catalogue", "ServiceCard")
    cards = ServiceCard.objects.filter(service_group__isnull=True).only(
        "provider_id", "title", "delivery_form"
    )
    while batch := list(cards.order_by("pk")[:BATCH]):
        for card in batch:
            card.service_group = service_group(
                provider_id=card.provider_id, title=card.title, delivery_form=card.delivery_form
            )
        ServiceCard.objects.bulk_update(batch, ["service_group"])


def _index(name, leading):
    rest = [
        column
        for column in (
            "category",
            "delivery_form",
            "gmina",
            "starts_on",
            "price_gross",
            "provider",
            "rating_average",
            "seats_taken",
            "max_participants",
            "service_group",
        )
        if column not in leading
    ]
    return models.Index(
        condition=models.Q(("status", "published")), fields=[*leading, *rest, "status"], name=name
    )


_INDEXES = (
    ("catalogue_card_by_category", ("category", "delivery_form")),
    ("catalogue_card_by_gmina", ("gmina",)),
    ("catalogue_card_by_start", ("starts_on",)),
    ("catalogue_card_by_price", ("price_gross",)),
)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0008_search_fields")]

    operations = [
        migrations.AddField(
            model_name="servicecard",
            name="service_group",
            field=models.BigIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        *[migrations.RemoveIndex(model_name="servicecard", name=name) for name, _leading in _INDEXES],
        *[
            migrations.AddIndex(model_name="servicecard", index=_index(name, leading))
            for name, leading in _INDEXES
        ],
        migrations.AddIndex(
            model_name="servicecard", index=_index("catalogue_card_by_group", ("service_group", "starts_on"))
        ),
        migrations.RunPython(_run(FORWARDS), _run(BACKWARDS)),
    ]
