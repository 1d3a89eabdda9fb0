"""The career-orientation offer: activities for pupils by grade published by external partners
(or by the Metropolis on their behalf), bookings of places by schools and gminas, and each gmina's
yearly plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain_career as rules


class ActivityKind(models.TextChoices):
    WORKSHOP = "workshop", _("workshop")
    WORKPLACE_VISIT = "workplace_visit", _("workplace visit")
    JOB_SHADOWING = "job_shadowing", _("job shadowing")
    TALK = "talk", _("talk")


class SchoolLevel(models.TextChoices):
    PRIMARY = rules.PRIMARY, _("primary school")
    SECONDARY = rules.SECONDARY, _("upper-secondary school")


class CareerActivity(models.Model):
    """An activity a partner offers to classes of pupils: for grades ``grade_from``-``grade_to`` of
    a level, on a day, with ``places`` pupils in all; ``places_taken`` is kept by the bookings."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=ActivityKind.choices)
    description = models.TextField(_("description"))
    institution = models.ForeignKey(
        "partnership.Institution",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="career_activities",
    )
    level = models.CharField(_("school level"), max_length=10, choices=SchoolLevel.choices)
    grade_from = models.PositiveSmallIntegerField(_("from grade"))
    grade_to = models.PositiveSmallIntegerField(_("to grade"))
    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("where"), on_delete=models.PROTECT, related_name="career_activities"
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    held_on = models.DateField(_("date"))
    places = models.PositiveIntegerField(_("places (pupils)"))
    places_taken = models.PositiveIntegerField(default=0)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("career-orientation activity")
        verbose_name_plural = _("career-orientation activities")
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="education_activity_title_set"),
            models.CheckConstraint(
                condition=models.Q(kind__in=ActivityKind.values), name="education_activity_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(grade_from__gte=1, grade_to__gte=models.F("grade_from"), grade_to__lte=8),
                name="education_activity_grades_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(places__gt=0), name="education_activity_places_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(places_taken__lte=models.F("places")),
                name="education_activity_not_overbooked",
            ),
            models.CheckConstraint(  # a cancelled activity says why
                condition=models.Q(cancelled_at__isnull=True) | ~models.Q(cancel_reason=""),
                name="education_activity_cancel_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def places_left(self) -> int:
        return rules.places_left(places=self.places, taken=self.places_taken)


class CareerBooking(models.Model):
    """Places a school's class takes in an activity, booked by its director or by the gmina."""

    activity = models.ForeignKey(CareerActivity, on_delete=models.PROTECT, related_name="bookings")
    school = models.ForeignKey("education.School", on_delete=models.PROTECT, related_name="career_bookings")
    gmina = models.ForeignKey("geo.Gmina", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("school level"), max_length=10, choices=SchoolLevel.choices)
    grade = models.PositiveSmallIntegerField(_("grade"))
    pupils = models.PositiveIntegerField(_("pupils"))
    note = models.CharField(_("note for the partner"), max_length=300, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    booked_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("career-orientation booking")
        verbose_name_plural = _("career-orientation bookings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pupils__gt=0), name="education_booking_pupils_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(grade__gte=1, grade__lte=8), name="education_booking_grade_range"
            ),
            models.CheckConstraint(  # a cancelled booking says why
                condition=models.Q(cancelled_at__isnull=True) | ~models.Q(cancel_reason=""),
                name="education_booking_cancel_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} — {self.activity} ({self.pupils})"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class CareerPlan(models.Model):
    """A gmina's plan of career orientation for a year: how many activities and pupils it aims at,
    and its priorities."""

    gmina = models.ForeignKey("geo.Gmina", on_delete=models.PROTECT, related_name="career_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    planned_activities = models.PositiveIntegerField(_("activities planned"))
    planned_pupils = models.PositiveIntegerField(_("pupils to reach"))
    priorities = models.TextField(_("priorities"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("career-orientation plan")
        verbose_name_plural = _("career-orientation plans")
        constraints = [models.UniqueConstraint(fields=["gmina", "year"], name="education_career_plan_once")]

    def __str__(self) -> str:
        return f"{self.gmina} {self.year}"
