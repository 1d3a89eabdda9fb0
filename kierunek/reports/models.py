"""The open data as last published: one row per file (the data in CSV and JSON and each one's
metadata), written by ``manage.py opendata_refresh`` (daily) in one transaction, so a reader gets
either the old set or the new one, never a mix."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OpenDataFile(models.Model):
    name = models.CharField(_("file name"), max_length=120, unique=True)
    media_type = models.CharField(_("media type"), max_length=60)
    content = models.TextField(_("content"))
    indicator = models.CharField(_("indicator"), max_length=80)
    period = models.CharField(_("period"), max_length=10)
    generated_at = models.DateTimeField(_("generated"))

    class Meta:
        verbose_name = _("open data file")
        verbose_name_plural = _("open data files")
        ordering = ["indicator", "period", "name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="reports_opendatafile_name_set")
        ]

    def __str__(self) -> str:
        return self.name


class Cadence(models.TextChoices):
    MONTHLY = "monthly", _("every month")
    QUARTERLY = "quarterly", _("every quarter")


class ReportSubscription(models.Model):
    """A person who gets the report pack by e-mail when a month or a quarter closes.
    ``last_sent`` is the key of the last period sent, so a period is sent once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_subscription"
    )
    cadence = models.CharField(_("how often"), max_length=10, choices=Cadence.choices)
    last_sent = models.CharField(_("last period sent"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("subscribed"), auto_now_add=True)

    class Meta:
        verbose_name = _("report subscription")
        verbose_name_plural = _("report subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cadence__in=["monthly", "quarterly"]),
                name="reports_subscription_cadence_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.cadence})"
