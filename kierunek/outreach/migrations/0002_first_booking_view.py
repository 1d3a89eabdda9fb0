"""Each person's first booking that holds or spent their vouchers and their first completed one,
as a view the reach's steps join once (decision 0032). The same SQL on SQLite and PostgreSQL."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The states are outreach.figures.USED_STATES and COMPLETED_STATES (a subset of them), written out:
# a migration keeps the SQL it created.
FIRST_BOOKING = """
CREATE VIEW outreach_first_booking AS
SELECT participant_id,
    MIN(created_at) AS first_used_at,
    MIN(CASE WHEN status IN ('completed', 'settled') THEN created_at END) AS first_completed_at
FROM vouchers_booking
WHERE participant_id IS NOT NULL
    AND status IN ('requested', 'accepted', 'completed', 'unconfirmed', 'settled')
GROUP BY participant_id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_more_roles_and_gmina_staff"),
        ("outreach", "0001_initial"),
        ("vouchers", "0012_paid_booking_view_and_first_booking_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="FirstBooking",
            fields=[
                (
                    "participant",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="first_booking",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("first_used_at", models.DateTimeField(null=True)),
                ("first_completed_at", models.DateTimeField(null=True)),
            ],
            options={
                "db_table": "outreach_first_booking",
                "managed": False,
            },
        ),
        migrations.RunSQL(FIRST_BOOKING, "DROP VIEW outreach_first_booking"),
    ]
