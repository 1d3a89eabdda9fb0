"""Saved searches of the catalogue and their e-mail alerts (kierunek.catalogue.saved_searches)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0009_service_group"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SavedSearch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("query", models.CharField(blank=True, max_length=1000, verbose_name="search parameters")),
                ("label", models.CharField(max_length=500, verbose_name="search")),
                (
                    "frequency",
                    models.CharField(
                        choices=[("daily", "every day"), ("weekly", "once a week")],
                        default="weekly",
                        max_length=8,
                        verbose_name="e-mail with new services",
                    ),
                ),
                ("active", models.BooleanField(default=True, verbose_name="e-mails on")),
                ("created_at", models.DateTimeField(verbose_name="saved")),
                ("checked_on", models.DateField(verbose_name="last looked at for new services")),
                (
                    "sent_until",
                    models.DateTimeField(verbose_name="services published until then already looked at"),
                ),
                ("last_sent_at", models.DateTimeField(blank=True, null=True, verbose_name="last e-mail")),
                ("idempotency_key", models.CharField(editable=False, max_length=200, unique=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="saved_searches",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "saved search",
                "verbose_name_plural": "saved searches",
                "ordering": ["-created_at", "-id"],
                "indexes": [models.Index(fields=["active", "checked_on"], name="catalogue_saved_search_due")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "query"), name="catalogue_saved_search_once_per_person"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("frequency__in", ["daily", "weekly"])),
                        name="catalogue_saved_search_frequency_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("idempotency_key", ""), _negated=True),
                        name="catalogue_saved_search_key_set",
                    ),
                ],
            },
        ),
    ]
