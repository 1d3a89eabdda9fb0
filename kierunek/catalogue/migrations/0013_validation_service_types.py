"""Two more kinds of service (issue 16): the validation of a qualification's learning outcomes and
the certification after it.

Only the field's choices change, so the database is left alone: on SQLite an AlterField may rebuild
the card table, and the rebuild would drop the change-log triggers of 0005 (the search columns kept
in the process would no longer follow the cards). The column has no CHECK on its values.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0012_card_qualification_code"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="servicecard",
                    name="service_type",
                    field=models.CharField(
                        choices=[
                            ("training", "training"),
                            ("advisory", "advisory service"),
                            ("exam", "exam"),
                            ("postgraduate", "postgraduate studies"),
                            ("validation", "validation of learning outcomes"),
                            ("certification", "certification"),
                        ],
                        max_length=16,
                        verbose_name="type",
                    ),
                ),
            ],
        ),
    ]
