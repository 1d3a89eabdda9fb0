"""Events, their sessions, and people's registrations, tickets, check-ins and certificates. Each
event has its short survey on the survey engine (``Event.survey``, made with the event; the answers
are the engine's, not a table here). A registration's state moves only through
``workflows.REGISTRATION``, its check-in through ``workflows.CHECK_IN``. The database keeps what
the services also check: an event and a session never hold more seats than they have
(``seats_taken <= capacity``), a person has one live registration per event, a demographic answer
is kept only with its consent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("conference")
    PLANNING_WORKSHOP = "planning_workshop", _("planning workshop")
    LOCAL_WORKSHOP = "local_workshop", _("local workshop")
    MEETING = "meeting", _("council or group meeting")
    WEBINAR = "webinar", _("webinar")
    LEARNING_DAY = "learning_day", _("Learning Day activity")
    TRAINING = "training", _("training")


class Audience(models.TextChoices):
    PUBLIC = "public", _("open to everyone")
    PARTNERS = "partners", _("partners only")
    INVITATION = "invitation", _("by invitation")


class RegistrationStatus(models.TextChoices):
    PENDING = domain.PENDING, _("waiting for approval")
    CONFIRMED = domain.CONFIRMED, _("confirmed")
    WAITING = domain.WAITING, _("on the waiting list")
    OFFERED = domain.OFFERED, _("seat offered")
    CANCELLED = domain.CANCELLED, _("cancelled")
    REJECTED = domain.REJECTED, _("not approved")
    LAPSED = domain.LAPSED, _("offer lapsed")


class Attendance(models.TextChoices):
    ABSENT = domain.NOT_CHECKED_IN, _("not checked in")
    PRESENT = domain.CHECKED_IN, _("checked in")


class AgeGroup(models.TextChoices):
    UNDER_25 = "under_25", _("under 25")
    FROM_25_TO_54 = "25_54", _("25 to 54")
    FROM_55 = "55_plus", _("55 or more")


class Gender(models.TextChoices):
    FEMALE = "female", _("woman")
    MALE = "male", _("man")
    OTHER = "other", _("other or prefer to describe")


class LabourStatus(models.TextChoices):
    EMPLOYED = "employed", _("employed or self-employed")
    UNEMPLOYED = "unemployed", _("unemployed")
    STUDENT = "student", _("in education")
    INACTIVE = "inactive", _("not working, not looking for work")


class Event(models.Model):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    gmina = models.ForeignKey(
        "geo.Gmina",
        verbose_name=_("gmina"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.PUBLIC
    )
    capacity = models.PositiveIntegerField(_("seats"))
    seats_taken = models.PositiveIntegerField(default=0)
    requires_approval = models.BooleanField(_("registrations need approval"), default=False)
    offer_hours = models.PositiveSmallIntegerField(_("hours to accept a freed seat"), default=48)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="+"
    )
    organiser_label = models.CharField(_("organised by"), max_length=200, blank=True)
    helpers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("helpers"), blank=True, related_name="+"
    )
    published = models.BooleanField(_("published"), default=True)
    survey = models.OneToOneField(
        "surveys.Survey",
        verbose_name=_("survey after the event"),
        on_delete=models.PROTECT,
        related_name="event",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("capacity")), name="events_event_not_overbooked"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="events_event_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="events_event_kind_valid"),
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="events_event_audience_valid"
            ),
            models.CheckConstraint(
                condition=Q(gmina__isnull=False) | ~Q(online_url=""), name="events_event_has_a_place"
            ),
            models.CheckConstraint(condition=Q(offer_hours__gte=1), name="events_event_offer_hours_positive"),
        ]
        indexes = [models.Index(fields=["published", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def seats_left(self) -> int:
        return self.capacity - self.seats_taken

    @property
    def is_online(self) -> bool:
        return self.gmina_id is None


class EventSession(models.Model):
    """A part of an event (a conference's panel or workshop) with its speakers and, optionally,
    its own quota within the event's."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    speakers = models.CharField(_("speakers"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    seats_taken = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(seats_taken__lte=F("capacity")),
                name="events_session_not_overbooked",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="events_session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else self.capacity - self.seats_taken


class Invitation(models.Model):
    """An address invited to an event of the audience "by invitation"."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "email"], name="events_invitation_once")]

    def __str__(self) -> str:
        return self.email


class Registration(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    attendance = models.CharField(
        _("check-in"), max_length=8, choices=Attendance.choices, default=Attendance.ABSENT
    )
    ticket_code = models.CharField(_("ticket code"), max_length=16, unique=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices, blank=True)
    age_group_consent_at = models.DateTimeField(_("consent to keep the age group"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    gender_consent_at = models.DateTimeField(_("consent to keep the gender"), null=True, blank=True)
    labour_status = models.CharField(
        _("situation on the labour market"), max_length=12, choices=LabourStatus.choices, blank=True
    )
    labour_status_consent_at = models.DateTimeField(
        _("consent to keep the situation on the labour market"), null=True, blank=True
    )
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(status__in=domain.ACTIVE),
                name="events_registration_one_live_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="events_registration_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=domain.OFFERED) | Q(offer_expires_at__isnull=False),
                name="events_registration_offer_has_an_end",
            ),
            models.CheckConstraint(
                condition=Q(attendance=domain.NOT_CHECKED_IN) | Q(status=domain.CONFIRMED),
                name="events_registration_checked_in_is_confirmed",
            ),
            # A demographic answer is kept only with its own consent.
            models.CheckConstraint(
                condition=Q(age_group="") | Q(age_group_consent_at__isnull=False),
                name="events_registration_age_group_consented",
            ),
            models.CheckConstraint(
                condition=Q(gender="") | Q(gender_consent_at__isnull=False),
                name="events_registration_gender_consented",
            ),
            models.CheckConstraint(
                condition=Q(labour_status="") | Q(labour_status_consent_at__isnull=False),
                name="events_registration_labour_status_consented",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "waiting_since"]),
            models.Index(fields=["status", "offer_expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.person_id} ({self.status})"

    @property
    def ticket_display(self) -> str:
        return domain.code_grouped(self.ticket_code)

    @property
    def holds_seat(self) -> bool:
        return self.status in domain.HOLDING


class SessionPlace(models.Model):
    """A session a registration chose; ``held`` while it holds one of the session's seats (a
    person on the waiting list, or whose session was full, holds none)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="places")
    session = models.ForeignKey(EventSession, on_delete=models.CASCADE, related_name="places")
    held = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="events_session_place_once")
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.session_id}"


class RegistrationChange(models.Model):
    """The registration's history: from which state to which, and when. Staff by role only."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="changes")
    status_from = models.CharField(max_length=10, choices=RegistrationStatus.choices, blank=True)
    status_to = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.status_from or '-'} -> {self.status_to}"


class Certificate(models.Model):
    """An attendance certificate: the PDF is made again on demand from these facts; the code is
    what the public verification page looks up."""

    registration = models.OneToOneField(Registration, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(_("verification code"), max_length=12, unique=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance certificate")
        verbose_name_plural = _("attendance certificates")

    def __str__(self) -> str:
        return self.code_display

    @property
    def code_display(self) -> str:
        return domain.code_grouped(self.code)


class MaterialKind(models.TextChoices):
    MATERIAL = "material", _("material")
    MINUTES = "minutes", _("minutes")


class Material(models.Model):
    """A file attached after the event (presentations, minutes), for those who may see the event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=MaterialKind.choices, default=MaterialKind.MATERIAL
    )
    file = models.FileField(_("file"), upload_to="events/%Y/")
    file_kind = models.CharField(max_length=8)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title
