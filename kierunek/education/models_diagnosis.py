"""The diagnosis of training needs: each school year the Metropolis sends a survey (on the survey
engine, :mod:`kierunek.surveys`) to the directors, teachers and gmina staff of its member gminas;
the centre's yearly plan of courses per topic and gmina, compared at the end of the year with what
was delivered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NeedTopic(models.TextChoices):
    """Topics of teachers' professional development the survey asks about (the training offer
    names its courses' topics with the same codes)."""

    DIGITAL = "digital", _("digital competences and AI in teaching")
    CAREER = "career", _("career guidance")
    SPECIAL_NEEDS = "special_needs", _("pupils with special educational needs")
    WELLBEING = "wellbeing", _("mental health and wellbeing of pupils")
    ASSESSMENT = "assessment", _("formative assessment")
    LANGUAGES = "languages", _("foreign languages")
    STEM = "stem", _("mathematics and science (STEM)")
    MIGRANTS = "migrants", _("teaching pupils from abroad")
    LEADERSHIP = "leadership", _("school leadership and management")
    LAW = "law", _("education law")


class NeedForm(models.TextChoices):
    COURSE = "course", _("course")
    WORKSHOP = "workshop", _("workshop")
    CONFERENCE = "conference", _("conference or seminar")
    NETWORK = "network", _("network of cooperation and self-learning")
    CONSULTATION = "consultation", _("consultation")
    ONLINE = "online", _("online training")


class NeedTiming(models.TextChoices):
    AUTUMN = "autumn", _("autumn term")
    WINTER = "winter", _("winter holidays")
    SPRING = "spring", _("spring term")
    SUMMER = "summer", _("summer holidays")


class NeedsAssessment(models.Model):
    """One school year's diagnosis: its survey (on the engine) sent by the Metropolis."""

    metropolis = models.ForeignKey(
        "education.Metropolis", on_delete=models.PROTECT, related_name="assessments"
    )
    school_year = models.PositiveSmallIntegerField(_("school year (its first calendar year)"))
    survey = models.OneToOneField("surveys.Survey", on_delete=models.PROTECT, related_name="needs_assessment")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("diagnosis of training needs")
        verbose_name_plural = _("diagnoses of training needs")
        constraints = [
            models.UniqueConstraint(
                fields=["metropolis", "school_year"], name="education_assessment_once_a_year"
            ),
            models.CheckConstraint(
                condition=models.Q(school_year__gte=2000, school_year__lte=2100),
                name="education_assessment_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school_year}/{self.school_year + 1}"

    @property
    def year_label(self) -> str:
        return f"{self.school_year}/{self.school_year + 1}"


class CoursePlan(models.Model):
    """A line of the centre's yearly plan: courses and places of a topic in a gmina, and, once the
    year ends, what was delivered."""

    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="plan")
    topic = models.CharField(_("topic"), max_length=20, choices=NeedTopic.choices)
    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="+"
    )
    planned_courses = models.PositiveSmallIntegerField(_("courses planned"))
    planned_places = models.PositiveIntegerField(_("places planned"))
    delivered_courses = models.PositiveSmallIntegerField(_("courses delivered"), null=True, blank=True)
    delivered_places = models.PositiveIntegerField(_("participants trained"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("course plan line")
        verbose_name_plural = _("course plan")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "topic", "gmina"], name="education_plan_line_once"),
            models.CheckConstraint(
                condition=models.Q(topic__in=NeedTopic.values), name="education_plan_topic_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.topic} {self.gmina}"
