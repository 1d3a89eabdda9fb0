"""The bookings paid, each with the moment its money was paid, as a view the time to payment joins
once (decision 0032), with an index of the settled bookings it reads alone; and an index of each
person's bookings by when they were made, which the reach of outreach's steps reads alone. The same SQL on SQLite and PostgreSQL (a window function)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# A settled booking is paid by the first paid batch with a transfer to its provider built at or
# after it was settled: the batch whose build follows the booking's settlement and whose
# predecessor among the provider's paid batches (in the order of built_at, then id) was built
# before it.
PAID_BOOKING = """
CREATE VIEW vouchers_paid_booking AS
SELECT booking.id AS booking_id, booking.participant_id, booking.status, booking.reported_at, paid.paid_at
FROM vouchers_booking booking
JOIN (
    SELECT line.provider_id, batch.paid_at, batch.built_at,
        LAG(batch.built_at) OVER (
            PARTITION BY line.provider_id ORDER BY batch.built_at, batch.id
        ) AS built_before
    FROM vouchers_paymentline line
    JOIN vouchers_paymentbatch batch ON batch.id = line.batch_id
    WHERE batch.status = 'paid' AND batch.paid_at IS NOT NULL
) paid ON paid.provider_id = booking.provider_id
    AND booking.settled_at <= paid.built_at
    AND (paid.built_before IS NULL OR booking.settled_at > paid.built_before)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0017_postgres_cards_by_provider"),
        ("programmes", "0009_newest_application_views"),
        ("providers", "0005_bank_account_statement_and_withdrawal"),
        ("vouchers", "0011_contribution_status_labels"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PaidBooking",
            fields=[
                (
                    "booking",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="payment",
                        serialize=False,
                        to="vouchers.booking",
                    ),
                ),
                ("status", models.CharField(max_length=14)),
                ("reported_at", models.DateTimeField(null=True)),
                ("paid_at", models.DateTimeField()),
            ],
            options={
                "db_table": "vouchers_paid_booking",
                "managed": False,
            },
        ),
        migrations.AddIndex(
            model_name="booking",
            index=models.Index(
                fields=["participant", "created_at", "status"], name="vouchers_booking_person_first"
            ),
        ),
        migrations.AddIndex(
            model_name="booking",
            index=models.Index(
                condition=models.Q(("status__in", ["settled", "clawed_back"])),
                fields=["provider", "settled_at", "reported_at", "participant"],
                name="vouchers_booking_settled",
            ),
        ),
        migrations.RunSQL(PAID_BOOKING, "DROP VIEW vouchers_paid_booking"),
    ]
