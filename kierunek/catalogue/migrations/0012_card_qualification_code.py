"""The ZRK code of the qualification a card leads to (issues 15 and 16).

On SQLite the column is added with ALTER TABLE, not by Django's AddField: a NOT NULL column with a
default makes Django rebuild the table, and the rebuild would drop the change-log triggers of 0005
and the index of 0004 (then the search columns kept in the process would no longer follow the
cards). SQLite adds a NOT NULL column with a constant default in place.
"""

from django.db import migrations, models

COLUMN_SQL = "ALTER TABLE catalogue_servicecard ADD COLUMN qualification_code varchar(40) DEFAULT '' NOT NULL"


def add_column(apps, schema_editor):
    model = apps.get_model("catalogue", "ServiceCard")
    field = model._meta.get_field("qualification_code")
    if schema_editor.connection.vendor != "sqlite":
        schema_editor.add_field(model, field)
        return
    schema_editor.execute(COLUMN_SQL)
    schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))


def drop_column(apps, schema_editor):
    model = apps.get_model("catalogue", "ServiceCard")
    schema_editor.remove_field(model, model._meta.get_field("qualification_code"))


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0011_postgres_search_speed"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="servicecard",
                    name="qualification_code",
                    field=models.CharField(
                        blank=True,
                        db_index=True,
                        max_length=40,
                        verbose_name="qualification code in the register (ZRK)",
                    ),
                ),
            ],
        ),
        migrations.RunPython(add_column, drop_column),
    ]
