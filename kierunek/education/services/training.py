"""The teacher-training offer: the centre publishes courses (events with sessions, seats and a
waiting list, plus what the offer adds), teachers enrol with their school and cancel, the centre
publishes consultation slots that teachers book, and networks of teachers meet and share
materials. Each change in one transaction, audited.

Enrolment reuses events: the registration takes the seat or a place on the waiting list, a
cancelled seat is offered to the next person waiting, check-in and certificates are the event's.
The course's own rule of who may enrol (function, subject, member gminas) is checked here, and
the events' gate (:mod:`kierunek.education.events_hooks`) admits to a course's event only the
enrolment made here, so nobody joins a course without their school."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.core.uploads import validate_upload
from kierunek.core.validators import normalize_nip, validate_nip
from kierunek.events import domain as events_domain
from kierunek.events import services as events_services
from kierunek.events.models import EventKind

from .. import domain_training as rules
from ..audit_actions_training import (
    CONSULTATION_BOOKED,
    CONSULTATION_CANCELLED,
    COURSE_CHANGED,
    COURSE_PUBLISHED,
    ENROLMENT_CANCELLED,
    ENROLMENT_CREATED,
    NETWORK_CREATED,
    NETWORK_JOINED,
    NETWORK_MATERIAL_ADDED,
    NETWORK_MEETING_ADDED,
    SLOT_PUBLISHED,
)
from ..models import SchoolStaff
from ..models_diagnosis import NeedTopic
from ..models_training import (
    ConsultationBooking,
    ConsultationSlot,
    CourseAudience,
    Enrolment,
    Network,
    NetworkKind,
    NetworkMaterial,
    NetworkMeeting,
    NetworkMember,
    TrainingCourse,
    TrainingForm,
)
from ..selectors import is_member

CENTRE_ROLES = (Role.TRAINING_CENTRE_STAFF.value,)
LEARNER_ROLES = (Role.TEACHER.value, Role.SCHOOL_DIRECTOR.value)
CENTRE_LABEL = "Małopolskie Centrum Doskonalenia Nauczycieli"

_EVENT_KIND = {TrainingForm.CONFERENCE.value: EventKind.CONFERENCE.value}


@dataclass(frozen=True, kw_only=True)
class CourseChanges:
    """What the centre may change in a published course; its dates and meetings are the event's
    (changed on the event's own page)."""

    title: str
    form: str
    capacity: int
    description: str = ""
    gmina_teryt: str = ""
    address: str = ""
    online_url: str = ""
    audience: str = CourseAudience.TEACHERS
    members_only: bool = True
    subject: str = ""
    topic: str = ""
    need_topic: str = ""
    hours: int = 0
    price_grosze: int = 0


@dataclass(frozen=True, kw_only=True)
class CourseData(CourseChanges):
    """A new course: its offer and places (:class:`CourseChanges`), its dates and its meetings."""

    starts_at: datetime
    ends_at: datetime
    sessions: tuple[events_services.SessionData, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class InvoiceDetails:
    name: str = ""
    nip: str = ""
    address: str = ""


def course_publish(*, actor: Actor, data: CourseData, is_demo: bool = False) -> TrainingCourse:
    """The centre publishes a course: its event (with its sessions) and the offer's facts."""
    require_role(actor.user, *CENTRE_ROLES)
    _check_offer(data)
    with transaction.atomic():
        event = events_services.event_create(
            actor=actor,
            data=events_services.EventData(
                title=data.title,
                kind=_EVENT_KIND.get(data.form, EventKind.TRAINING.value),
                starts_at=data.starts_at,
                ends_at=data.ends_at,
                capacity=data.capacity,
                description=data.description,
                gmina_teryt=data.gmina_teryt,
                address=data.address,
                online_url=data.online_url,
                organiser_label=CENTRE_LABEL,
            ),
        )
        for session in data.sessions:
            events_services.session_save(actor=actor, event_id=event.pk, data=session)
        course = TrainingCourse.objects.create(
            event=event,
            form=data.form,
            audience=data.audience,
            members_only=data.members_only,
            subject=data.subject.strip(),
            topic=data.topic.strip(),
            need_topic=data.need_topic,
            hours=data.hours,
            price_grosze=data.price_grosze,
            created_by=actor.user,
            is_demo=is_demo,
        )
        audit_record(action=COURSE_PUBLISHED, actor=actor, obj=course, details={"event": event.pk})
    return course


def _check_offer(data: CourseData | CourseChanges) -> None:
    if data.form not in TrainingForm.values:
        raise ValidationError({"form": _("Choose one of the options.")})
    if data.audience not in CourseAudience.values:
        raise ValidationError({"audience": _("Choose one of the options.")})
    if data.need_topic and data.need_topic not in NeedTopic.values:
        raise ValidationError({"need_topic": _("Choose one of the options.")})
    if data.price_grosze < 0:
        raise ValidationError({"price": _("The price cannot be below zero.")})


def course_update(
    *, actor: Actor, course_id: int, changes: CourseChanges, now: datetime | None = None
) -> TrainingCourse:
    """The member of the centre's staff who published a course changes it. Its places never drop
    below the seats taken (the event's rule, under the event's row lock); places added are offered
    to the waiting list at once. Enrolments keep the price they were made at."""
    require_role(actor.user, *CENTRE_ROLES)
    _check_offer(changes)
    with transaction.atomic():
        # The event's row lock (taken by event_update, first) serialises changes of the course.
        course = TrainingCourse.objects.select_related("event").get(pk=course_id)
        event = course.event
        if event.organiser_id != actor.user.pk:
            raise PermissionDenied(_("Only the person who published the course changes it."))
        events_services.event_update(
            actor=actor,
            event_id=event.pk,
            data=events_services.EventData(
                title=changes.title,
                kind=_EVENT_KIND.get(changes.form, EventKind.TRAINING.value),
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                capacity=changes.capacity,
                audience=event.audience,
                description=changes.description,
                gmina_teryt=changes.gmina_teryt,
                address=changes.address,
                online_url=changes.online_url,
                requires_approval=event.requires_approval,
                offer_hours=event.offer_hours,
                organiser_label=event.organiser_label,
                published=event.published,
            ),
            now=now,
        )
        course.form = changes.form
        course.audience = changes.audience
        course.members_only = changes.members_only
        course.subject = changes.subject.strip()
        course.topic = changes.topic.strip()
        course.need_topic = changes.need_topic
        course.hours = changes.hours
        course.price_grosze = changes.price_grosze
        course.save(
            update_fields=[
                "form",
                "audience",
                "members_only",
                "subject",
                "topic",
                "need_topic",
                "hours",
                "price_grosze",
            ]
        )
        audit_record(
            action=COURSE_CHANGED,
            actor=actor,
            obj=course,
            details={"event": event.pk, "capacity": changes.capacity, "price_grosze": changes.price_grosze},
        )
    course.event.refresh_from_db()
    return course


REFUSALS = {
    rules.NOT_AT_SCHOOL: gettext_lazy("Choose a school where you work now."),
    rules.WRONG_FUNCTION: gettext_lazy("This course is for another group of school staff."),
    rules.NOT_A_MEMBER: gettext_lazy("This course is for schools of the Metropolis' member gminas."),
    rules.WRONG_SUBJECT: gettext_lazy("This course is for teachers of another subject."),
}


def audience_refusal(*, course: TrainingCourse, user: Any, school_id: int) -> str | None:
    """Why the course does not admit this person enrolling with this school (None: it does)."""
    posts = list(
        SchoolStaff.objects.filter(user=user, school_id=school_id, until__isnull=True).select_related(
            "school__gmina"
        )
    )
    reason = rules.audience_refusal(
        audience=course.audience,
        members_only=course.members_only,
        subject=course.subject,
        functions={p.function for p in posts},
        subjects_taught=", ".join(p.subjects for p in posts),
        gmina_is_member=bool(posts) and is_member(gmina=posts[0].school.gmina),
    )
    return None if reason is None else str(REFUSALS[reason])


def _invoice(course: TrainingCourse, invoice: InvoiceDetails | None) -> dict[str, object]:
    if not course.is_paid:
        return {"price_grosze": 0}
    invoice = invoice or InvoiceDetails()
    errors: dict[str, list[str]] = {}
    name, address = invoice.name.strip(), invoice.address.strip()
    if not name:
        errors["invoice_name"] = [_("Give the school's name for the invoice.")]
    if not address:
        errors["invoice_address"] = [_("Give the school's address for the invoice.")]
    nip = normalize_nip(invoice.nip)
    try:
        validate_nip(nip)
    except ValidationError as error:
        errors["invoice_nip"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    return {
        "price_grosze": course.price_grosze,
        "invoice_name": name[:300],
        "invoice_nip": nip,
        "invoice_address": address[:300],
    }


def enrolment_create(
    *,
    actor: Actor,
    course_id: int,
    school_id: int,
    invoice: InvoiceDetails | None = None,
    now: datetime | None = None,
) -> Enrolment:
    """Enrol in a course with one of one's schools: a seat while seats are free, else a place on
    the waiting list. A paid course needs the school's invoice details."""
    require_role(actor.user, *LEARNER_ROLES)
    user = actor.user
    course = TrainingCourse.objects.select_related("event").get(pk=course_id, event__published=True)
    refusal = audience_refusal(course=course, user=user, school_id=school_id)
    if refusal is not None:
        raise ValidationError({"school": refusal})
    values = _invoice(course, invoice)
    with transaction.atomic():
        if Enrolment.objects.filter(
            course=course, teacher=user, registration__status__in=events_domain.ACTIVE
        ).exists():
            raise ValidationError(_("You are already enrolled in this course."))
        enrolment = Enrolment.objects.create(
            course=course, teacher=user, school_id=school_id, created_at=now or timezone.now(), **values
        )
        enrolment.registration = events_services.registration_create(
            actor=actor, event_id=course.event_id, now=now
        )
        enrolment.save(update_fields=["registration"])
        audit_record(
            action=ENROLMENT_CREATED,
            actor=actor,
            obj=enrolment,
            details={"course": course.pk, "school": school_id, "status": enrolment.registration.status},
        )
    return enrolment


def enrolment_cancel(*, actor: Actor, enrolment_id: int, now: datetime | None = None) -> Enrolment:
    """The teacher cancels; the seat goes to the next person on the waiting list."""
    if actor.user is None:
        raise PermissionDenied
    enrolment = Enrolment.objects.select_related("registration").get(
        pk=enrolment_id, teacher=actor.user, registration__isnull=False
    )
    with transaction.atomic():
        assert enrolment.registration_id is not None
        events_services.registration_cancel(actor=actor, registration_id=enrolment.registration_id, now=now)
        audit_record(
            action=ENROLMENT_CANCELLED, actor=actor, obj=enrolment, details={"course": enrolment.course_id}
        )
    if enrolment.registration is not None:
        enrolment.registration.refresh_from_db()
    return enrolment


# --- consultations ------------------------------------------------------------------------------


def slot_publish(
    *, actor: Actor, topic: str, starts_at: datetime, ends_at: datetime, place: str, is_demo: bool = False
) -> ConsultationSlot:
    require_role(actor.user, *CENTRE_ROLES)
    if not topic.strip():
        raise ValidationError({"topic": _("This field is required.")})
    if not place.strip():
        raise ValidationError({"place": _("This field is required.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The consultation cannot end before it starts.")})
    user = actor.user
    with transaction.atomic():
        clash = ConsultationSlot.objects.filter(consultant=user, starts_at__lt=ends_at, ends_at__gt=starts_at)
        if clash.exists():
            raise ValidationError(_("You already offer a consultation at this time."))
        slot = ConsultationSlot.objects.create(
            consultant=user,
            consultant_label=user.get_full_name() or user.email,
            topic=topic.strip()[:200],
            starts_at=starts_at,
            ends_at=ends_at,
            place=place.strip()[:300],
            is_demo=is_demo,
        )
        audit_record(action=SLOT_PUBLISHED, actor=actor, obj=slot, details={})
    return slot


def consultation_book(
    *, actor: Actor, slot_id: int, question: str = "", now: datetime | None = None
) -> ConsultationBooking:
    """Book a free slot. Two people booking the same slot at once: one gets it, the other is told
    it is taken (the database holds one live booking per slot)."""
    require_role(actor.user, *LEARNER_ROLES)
    now = now or timezone.now()
    question = question.strip()
    if len(question) > 2000:
        raise ValidationError({"question": _("At most %(limit)d characters.") % {"limit": 2000}})
    taken = ValidationError(_("This consultation slot is already booked. Choose another one."))
    with transaction.atomic():
        slot = ConsultationSlot.objects.select_for_update().get(pk=slot_id)
        if slot.starts_at <= now:
            raise ValidationError(_("This consultation slot has passed."))
        if slot.bookings.filter(cancelled_at__isnull=True).exists():
            raise taken
        try:
            with transaction.atomic():
                booking = ConsultationBooking.objects.create(
                    slot=slot, teacher=actor.user, question=question, booked_at=now
                )
        except IntegrityError:
            raise taken from None
        audit_record(action=CONSULTATION_BOOKED, actor=actor, obj=booking, details={"slot": slot.pk})
    return booking


def consultation_cancel(*, actor: Actor, booking_id: int, now: datetime | None = None) -> ConsultationBooking:
    if actor.user is None:
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        booking = (
            ConsultationBooking.objects.select_for_update()
            .select_related("slot")
            .get(pk=booking_id, teacher=actor.user, cancelled_at__isnull=True)
        )
        if booking.slot.starts_at <= now:
            raise ValidationError(_("The consultation has started: the booking can no longer be cancelled."))
        booking.cancelled_at = now
        booking.save(update_fields=["cancelled_at"])
        audit_record(
            action=CONSULTATION_CANCELLED, actor=actor, obj=booking, details={"slot": booking.slot_id}
        )
    return booking


# --- networks -----------------------------------------------------------------------------------


def network_create(
    *, actor: Actor, name: str, kind: str, description: str = "", is_demo: bool = False
) -> Network:
    require_role(actor.user, *CENTRE_ROLES)
    if not name.strip():
        raise ValidationError({"name": _("This field is required.")})
    if kind not in NetworkKind.values:
        raise ValidationError({"kind": _("Choose one of the options.")})
    with transaction.atomic():
        if Network.objects.filter(name__iexact=name.strip()).exists():
            raise ValidationError({"name": _("A network of this name exists.")})
        network = Network.objects.create(
            name=name.strip()[:200],
            kind=kind,
            description=description.strip(),
            coordinator=actor.user,
            is_demo=is_demo,
        )
        audit_record(action=NETWORK_CREATED, actor=actor, obj=network, details={})
    return network


def network_join(*, actor: Actor, network_id: int, now: datetime | None = None) -> NetworkMember:
    require_role(actor.user, *LEARNER_ROLES)
    with transaction.atomic():
        network = Network.objects.select_for_update().get(pk=network_id)
        if network.members.filter(user=actor.user).exists():
            raise ValidationError(_("You are a member of this network."))
        member = NetworkMember.objects.create(
            network=network, user=actor.user, joined_at=now or timezone.now()
        )
        audit_record(action=NETWORK_JOINED, actor=actor, obj=network, details={})
    return member


def _coordinated(actor: Actor, network_id: int) -> Network:
    require_role(actor.user, *CENTRE_ROLES)
    return Network.objects.get(pk=network_id, coordinator=actor.user)


def network_meeting_add(
    *, actor: Actor, network_id: int, title: str, starts_at: datetime, place: str, agenda: str = ""
) -> NetworkMeeting:
    network = _coordinated(actor, network_id)
    if not title.strip():
        raise ValidationError({"title": _("This field is required.")})
    if not place.strip():
        raise ValidationError({"place": _("This field is required.")})
    with transaction.atomic():
        meeting = NetworkMeeting.objects.create(
            network=network,
            title=title.strip()[:200],
            starts_at=starts_at,
            place=place.strip()[:300],
            agenda=agenda.strip(),
        )
        audit_record(action=NETWORK_MEETING_ADDED, actor=actor, obj=network, details={"meeting": meeting.pk})
    return meeting


def network_material_add(
    *, actor: Actor, network_id: int, title: str, url: str = "", upload: UploadedFile | None = None
) -> NetworkMaterial:
    """A member or the coordinator shares a file (PDF or an image) or a link."""
    if actor.user is None:
        raise PermissionDenied
    network = Network.objects.get(pk=network_id)
    if network.coordinator_id != actor.user.pk and not network.members.filter(user=actor.user).exists():
        raise PermissionDenied(_("Join the network to share materials."))
    if not title.strip():
        raise ValidationError({"title": _("This field is required.")})
    url = url.strip()
    if bool(url) == (upload is not None):
        raise ValidationError(_("Give either a file or a link."))
    file_kind = ""
    if upload is not None:
        file_kind = validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
    elif not url.startswith(("https://", "http://")):
        raise ValidationError({"url": _("Give a web address starting with https://.")})
    with transaction.atomic():
        material = NetworkMaterial.objects.create(
            network=network,
            title=title.strip()[:200],
            url=url,
            file=upload,
            file_kind=file_kind,
            added_by=actor.user,
        )
        audit_record(
            action=NETWORK_MATERIAL_ADDED, actor=actor, obj=network, details={"material": material.pk}
        )
    return material
