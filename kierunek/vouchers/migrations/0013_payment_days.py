"""The time to payment's kept counts (vouchers.PaymentDays, decision 0032), filled from the paid
bookings' view as kierunek.vouchers.payment_days counts them whenever a batch is paid."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Whole days from the report to the payment, none for a report after the payment.
DAYS = {
    "postgresql": "GREATEST(FLOOR(EXTRACT(EPOCH FROM (paid_at - reported_at)) / 86400), 0)",
    # Django's own function gives the microseconds between two date-times (as DaysBetween reads
    # them); a negative span divided towards zero is still at most 0.
    "sqlite": "MAX(django_timestamp_diff(paid_at, reported_at) / 86400000000, 0)",
}


def fill(apps, schema_editor):
    days = DAYS[schema_editor.connection.vendor]
    schema_editor.execute(
        "INSERT INTO vouchers_paymentdays (paid_at, participant_id, days, bookings) "  # noqa: S608 - constants only
        f"SELECT paid_at, participant_id, {days}, COUNT(*) FROM vouchers_paid_booking "
        "WHERE status IN ('settled', 'clawed_back') AND reported_at IS NOT NULL "
        f"GROUP BY paid_at, participant_id, {days}"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("vouchers", "0012_paid_booking_view_and_first_booking_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PaymentDays",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("paid_at", models.DateTimeField()),
                ("days", models.PositiveIntegerField()),
                ("bookings", models.PositiveIntegerField()),
                (
                    "participant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["paid_at", "participant", "days", "bookings"],
                        name="vouchers_payment_days_read",
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("bookings__gt", 0)), name="vouchers_payment_days_bookings"
                    ),
                    models.UniqueConstraint(
                        fields=("paid_at", "participant", "days"), name="vouchers_payment_days_unique"
                    ),
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
