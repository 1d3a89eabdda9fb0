"""The Metropolis and its schools: the association of gminas that runs the education plan, its
member gminas (configurable: a gmina joins and may leave), the schools by gmina with their number
in the national register of schools (RSPO), and the people who work in them (directors and
teachers, by function). The funding sources, the career-orientation offer, the centres, the Forum
Edukacji, the teacher-training offer and the diagnosis of needs build on these tables."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Metropolis(models.Model):
    """An association of gminas with an education plan (Metropolia Krakowska: 15 gminas)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("metropolis")
        verbose_name_plural = _("metropolises")
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="education_metropolis_name_set")
        ]

    def __str__(self) -> str:
        return self.name


class MetropolisMember(models.Model):
    """A gmina's membership of the association, with the dates: figures of a year count the gminas
    that were members in it."""

    metropolis = models.ForeignKey(Metropolis, on_delete=models.CASCADE, related_name="members")
    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="metropolis_memberships"
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("member gmina")
        verbose_name_plural = _("member gminas")
        constraints = [
            models.UniqueConstraint(
                fields=["metropolis", "gmina", "joined_on"], name="education_member_once"
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="education_member_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gmina} ({self.metropolis})"


class SchoolType(models.TextChoices):
    """Types of the national register of schools (RSPO) that the plan concerns."""

    PRIMARY = "primary", _("primary school")
    GENERAL_SECONDARY = "general_secondary", _("general secondary school (liceum)")
    TECHNICAL = "technical", _("technical secondary school (technikum)")
    VOCATIONAL_1 = "vocational_1", _("first-stage vocational school")
    VOCATIONAL_2 = "vocational_2", _("second-stage vocational school")
    SPECIAL_WORK = "special_work", _("special school preparing for work")
    POST_SECONDARY = "post_secondary", _("post-secondary school")
    ART = "art", _("art school")


UPPER_SECONDARY_TYPES = frozenset(
    {SchoolType.GENERAL_SECONDARY, SchoolType.TECHNICAL, SchoolType.VOCATIONAL_1, SchoolType.SPECIAL_WORK}
)


class School(models.Model):
    """A school, identified by its RSPO number."""

    rspo = models.PositiveIntegerField(_("RSPO number"), unique=True)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    type = models.CharField(_("type"), max_length=30, choices=SchoolType.choices)
    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="schools"
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_public = models.BooleanField(_("public school"), default=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="education_school_name_set"),
            models.CheckConstraint(
                condition=models.Q(type__in=SchoolType.values), name="education_school_type_valid"
            ),
            models.CheckConstraint(condition=models.Q(rspo__gt=0), name="education_school_rspo_positive"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def is_upper_secondary(self) -> bool:
        return self.type in UPPER_SECONDARY_TYPES


class SchoolFunction(models.TextChoices):
    DIRECTOR = "director", _("director")
    DEPUTY_DIRECTOR = "deputy_director", _("deputy director")
    TEACHER = "teacher", _("teacher")
    COUNSELLOR = "counsellor", _("career counsellor")


class SchoolStaff(models.Model):
    """A person's work at a school, by function. A teacher may teach at several schools; the
    school a teacher enrols with is one of theirs. ``until`` ends the link without deleting it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_posts")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="staff")
    function = models.CharField(_("function"), max_length=20, choices=SchoolFunction.choices)
    subjects = models.CharField(_("subjects taught"), max_length=300, blank=True)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("school staff member")
        verbose_name_plural = _("school staff")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "school", "function"],
                condition=models.Q(until__isnull=True),
                name="education_schoolstaff_once_current",
            ),
            models.CheckConstraint(
                condition=models.Q(function__in=SchoolFunction.values),
                name="education_schoolstaff_function_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="education_schoolstaff_until_after_since",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.school} ({self.get_function_display()})"


# The parts of the plan keep their tables in modules of their own.
from .models_career import ActivityKind, CareerActivity, CareerBooking, CareerPlan, SchoolLevel  # noqa: E402, F401
from .models_centres import Centre, CentreEvent, CentreStatus, GuidelinesVersion  # noqa: E402, F401

# The diagnosis of training needs and the Forum Edukacji keep their tables in modules of their own.
from .models_diagnosis import CoursePlan, NeedForm, NeedsAssessment, NeedTiming, NeedTopic  # noqa: E402, F401
from .models_forum import (  # noqa: E402, F401
    ForumMeeting,
    ForumMember,
    ForumTopic,
    MemberKind,
    Standard,
    StandardComment,
    StandardVersion,
    VersionStatus,
)
from .models_funding import (  # noqa: E402, F401
    AlertKind,
    BudgetLine,
    BudgetSpending,
    DevelopmentBudget,
    DevelopmentForm,
    FundingAlert,
    FundingSource,
    FundingSubscription,
)
from .models_materials import Licence, Material, MaterialAudience, MaterialStatus  # noqa: E402, F401
from .models_training import (  # noqa: E402, F401 - the teacher-training offer's tables
    ConsultationBooking,
    ConsultationSlot,
    Enrolment,
    Network,
    NetworkMaterial,
    NetworkMeeting,
    NetworkMember,
    TrainingCourse,
)
