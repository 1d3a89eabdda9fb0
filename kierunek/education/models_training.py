"""The teacher-training centre's offer (MCDN): courses (each is an event of the events context,
which keeps its sessions, seats, waiting list, check-in and certificates), enrolments (an event
registration with the teacher's school and, for a paid course, the school's invoice details),
consultation slots and their bookings, and networks of cooperation and self-learning with their
meetings and shared materials.

The database keeps what the services also check: a consultation slot has at most one live
booking; a paid enrolment carries a NIP; a network material is a file or a link, never both."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain_training as rules
from .models_diagnosis import NeedTopic


class TrainingForm(models.TextChoices):
    TRAINING = "training", _("training")
    SEMINAR = "seminar", _("seminar")
    CONFERENCE = "conference", _("conference")
    LECTURE = "lecture", _("lecture")
    WORKSHOP = "workshop", _("workshop")
    QUALIFYING_COURSE = "qualifying_course", _("qualifying course")


class CourseAudience(models.TextChoices):
    SCHOOL_STAFF = rules.AUDIENCE_SCHOOL_STAFF, _("all school staff")
    TEACHERS = rules.AUDIENCE_TEACHERS, _("teachers")
    DIRECTORS = rules.AUDIENCE_DIRECTORS, _("directors")


class TrainingCourse(models.Model):
    """A course of the centre's offer: the event (title, dates, place, seats, sessions) and what
    the offer adds to it."""

    event = models.OneToOneField(
        "events.Event", verbose_name=_("event"), on_delete=models.PROTECT, related_name="training_course"
    )
    form = models.CharField(_("form"), max_length=20, choices=TrainingForm.choices)
    audience = models.CharField(
        _("who may enrol"), max_length=20, choices=CourseAudience.choices, default=CourseAudience.TEACHERS
    )
    members_only = models.BooleanField(_("only schools of the Metropolis' gminas"), default=True)
    subject = models.CharField(_("for teachers of the subject"), max_length=100, blank=True)
    topic = models.CharField(_("topic area"), max_length=100, blank=True)
    need_topic = models.CharField(
        _("topic of the needs diagnosis"),
        max_length=20,
        choices=NeedTopic.choices,
        blank=True,
        help_text=_("The course's places count as the offer for this topic on the gap map."),
    )
    hours = models.PositiveSmallIntegerField(_("hours"), default=0)
    price_grosze = models.PositiveIntegerField(_("price (grosze)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["event__starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(form__in=TrainingForm.values), name="education_course_form_valid"
            ),
            models.CheckConstraint(
                condition=Q(audience__in=CourseAudience.values), name="education_course_audience_valid"
            ),
            models.CheckConstraint(
                condition=Q(need_topic="") | Q(need_topic__in=NeedTopic.values),
                name="education_course_need_topic_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.event)

    @property
    def is_paid(self) -> bool:
        return self.price_grosze > 0


class Enrolment(models.Model):
    """A teacher's enrolment: the event registration (its state, seat, waiting list, check-in
    and certificate live in events) with the school the teacher enrols with. ``registration`` is
    empty only inside the service that makes it, which then registers the teacher."""

    course = models.ForeignKey(
        TrainingCourse, verbose_name=_("course"), on_delete=models.PROTECT, related_name="enrolments"
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teacher"),
        on_delete=models.PROTECT,
        related_name="training_enrolments",
    )
    school = models.ForeignKey(
        "education.School", verbose_name=_("school"), on_delete=models.PROTECT, related_name="+"
    )
    registration = models.OneToOneField(
        "events.Registration",
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_enrolment",
    )
    price_grosze = models.PositiveIntegerField(_("price (grosze)"), default=0)
    invoice_name = models.CharField(_("invoice to (name)"), max_length=300, blank=True)
    invoice_nip = models.CharField(_("NIP"), max_length=10, blank=True)
    invoice_address = models.CharField(_("invoice address"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("enrolled"), default=timezone.now)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_grosze=0)
                | (~Q(invoice_nip="") & ~Q(invoice_name="") & ~Q(invoice_address="")),
                name="education_enrolment_paid_has_invoice",
            ),
            models.UniqueConstraint(
                fields=["course", "teacher"],
                condition=Q(registration__isnull=True),
                name="education_enrolment_one_in_making",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course_id}: {self.teacher_id}"


class ConsultationSlot(models.Model):
    """A time a member of the centre's staff offers for a consultation."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("consultant"), on_delete=models.PROTECT, related_name="+"
    )
    consultant_label = models.CharField(_("consultant"), max_length=200)
    topic = models.CharField(_("topic"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place or link"), max_length=300)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("consultation slot")
        verbose_name_plural = _("consultation slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="education_slot_ends_after_start"
            ),
            models.UniqueConstraint(fields=["consultant", "starts_at"], name="education_slot_once"),
        ]

    def __str__(self) -> str:
        return self.topic


class ConsultationBooking(models.Model):
    """A teacher's booking of a slot. One live booking per slot, whatever code runs."""

    slot = models.ForeignKey(
        ConsultationSlot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="bookings"
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teacher"),
        on_delete=models.PROTECT,
        related_name="consultation_bookings",
    )
    question = models.TextField(_("what the consultation is about"), blank=True)
    booked_at = models.DateTimeField(_("booked"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation booking")
        verbose_name_plural = _("consultation bookings")
        ordering = ["-booked_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"], condition=Q(cancelled_at__isnull=True), name="education_slot_booked_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.slot_id}: {self.teacher_id}"


class NetworkKind(models.TextChoices):
    COOPERATION = "cooperation", _("network of cooperation")
    SELF_LEARNING = "self_learning", _("network of self-learning")


class Network(models.Model):
    """A network of cooperation or self-learning: teachers who meet and share materials, led by
    a coordinator of the centre."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=NetworkKind.choices)
    description = models.TextField(_("description"), blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("coordinator"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NetworkKind.values), name="education_network_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name


class NetworkMember(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_memberships"
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="education_network_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.network_id}: {self.user_id}"


class NetworkMeeting(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    place = models.CharField(_("place or link"), max_length=300)
    agenda = models.TextField(_("agenda"), blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class NetworkMaterial(models.Model):
    """A file or a link shared in a network, for its members."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="education/networks/%Y/", blank=True)
    file_kind = models.CharField(max_length=8, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-added_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="education_network_material_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title
