"""The settled bookings by when they were settled, with the person, card and value that the vouchers
used and the money settled count, so those indicators read the index alone (decision 0032)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("vouchers", "0013_payment_days"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="booking",
            index=models.Index(
                condition=models.Q(("status__in", ["settled", "clawed_back"])),
                fields=["settled_at", "participant", "card", "amount", "vouchers"],
                name="vouchers_booking_settled_at",
            ),
        ),
    ]
