"""When each person's first voucher account was issued, as a view the reach's step "vouchers issued"
joins once (decision 0032). The same SQL on SQLite and PostgreSQL.

A view reads its table by name: a later migration that rebuilds vouchers_voucheraccount on SQLite
(altering or removing a field) or changes the type of issued_at or participant_id on PostgreSQL
drops this view first and creates it again after, as the bookings' views of vouchers_booking
(outreach 0002, vouchers 0012) need too."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FIRST_VOUCHERS = """
CREATE VIEW outreach_first_vouchers AS
SELECT participant_id, MIN(issued_at) AS first_issued_at
FROM vouchers_voucheraccount
WHERE participant_id IS NOT NULL
GROUP BY participant_id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0002_first_booking_view"),
        ("vouchers", "0014_settled_at_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="FirstVouchers",
            fields=[
                (
                    "participant",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="first_vouchers",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("first_issued_at", models.DateTimeField(null=True)),
            ],
            options={
                "db_table": "outreach_first_vouchers",
                "managed": False,
            },
        ),
        migrations.RunSQL(FIRST_VOUCHERS, "DROP VIEW outreach_first_vouchers"),
    ]
