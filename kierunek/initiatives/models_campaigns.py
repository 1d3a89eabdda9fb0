"""The Learning Day (8 June) and the Career Week: a campaign per edition, and the activities
partners, gminas and providers register for it, each an event of the events context (its place,
its registration where the activity needs one, its check-ins), with the count of participants the
organiser enters afterwards."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CampaignKind(models.TextChoices):
    LEARNING_DAY = "learning_day", _("Learning Day")
    CAREER_WEEK = "career_week", _("Career Week")


# The campaign's address: /inicjatywy/<slug>/<year>/
KIND_SLUGS = {CampaignKind.LEARNING_DAY: "dzien-uczenia-sie", CampaignKind.CAREER_WEEK: "tydzien-kariery"}


class Campaign(models.Model):
    kind = models.CharField(_("campaign"), max_length=12, choices=CampaignKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    registration_closes_on = models.DateField(_("activities registered until"))

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="initiatives_campaign_once_a_year"),
            models.CheckConstraint(
                condition=Q(kind__in=CampaignKind.values), name="initiatives_campaign_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="initiatives_campaign_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def slug(self) -> str:
        return KIND_SLUGS[CampaignKind(self.kind)]


class OrganiserKind(models.TextChoices):
    OFFICE = "office", _("programme office")
    PARTNER = "partner", _("partner institution")
    GMINA = "gmina", _("gmina")
    PROVIDER = "provider", _("training provider")


class Activity(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="activities")
    event = models.OneToOneField("events.Event", on_delete=models.PROTECT, related_name="+")
    organiser_kind = models.CharField(_("organiser"), max_length=10, choices=OrganiserKind.choices)
    needs_registration = models.BooleanField(_("needs registration"), default=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    counted_at = models.DateTimeField(_("counted"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("campaign activity")
        verbose_name_plural = _("campaign activities")
        ordering = ["event__starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organiser_kind__in=OrganiserKind.values),
                name="initiatives_activity_organiser_valid",
            ),
            models.CheckConstraint(
                condition=Q(participants__isnull=True) | Q(counted_at__isnull=False),
                name="initiatives_activity_count_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.event_id}"
