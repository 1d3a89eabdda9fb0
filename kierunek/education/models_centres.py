"""Local Knowledge and Education Centres (LOWE): the metropolitan guidelines for organising and
running them as a versioned document, the register of centres by gmina, and their activities as
events of the events context."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GuidelinesVersion(models.Model):
    """One version of the guidelines. Versions are never edited once published: a change is a new
    version; the current one is the latest published on or before today."""

    number = models.PositiveSmallIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary_of_changes = models.TextField(_("what changed"), blank=True)
    body = models.TextField(_("text"))
    adopted_on = models.DateField(_("adopted on"))
    published_on = models.DateField(_("published on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("version of the LOWE guidelines")
        verbose_name_plural = _("versions of the LOWE guidelines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gt=0), name="education_guidelines_number_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(published_on__gte=models.F("adopted_on")),
                name="education_guidelines_published_after_adopted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


class CentreStatus(models.TextChoices):
    PLANNED = "planned", _("being set up")
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")


class Centre(models.Model):
    """A Local Knowledge and Education Centre in a gmina, usually at a school."""

    name = models.CharField(_("name"), max_length=200)
    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="+"
    )
    school = models.ForeignKey(
        "education.School",
        verbose_name=_("school"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="centres",
    )
    status = models.CharField(_("status"), max_length=10, choices=CentreStatus.choices)
    offer = models.TextField(_("offer"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    registered_on = models.DateField(_("registered on"), default=timezone.localdate)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("Local Knowledge and Education Centre")
        verbose_name_plural = _("Local Knowledge and Education Centres")
        constraints = [
            models.UniqueConstraint(fields=["gmina", "name"], name="education_centre_name_once"),
            models.CheckConstraint(
                condition=models.Q(status__in=CentreStatus.values), name="education_centre_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CentreEvent(models.Model):
    """An event of the events context that is a centre's activity."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="event_links")
    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="lowe_centre")

    class Meta:
        verbose_name = _("activity of a centre")
        verbose_name_plural = _("activities of centres")

    def __str__(self) -> str:
        return f"{self.centre} — {self.event}"
