"""Reads of the teacher-training offer: the public offer with its filters, a teacher's
enrolments and certificates, the centre's courses and their enrolments, consultation slots and
bookings, networks with their meetings and materials (by role and object)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kierunek.events import domain as events_domain
from kierunek.events.models import Certificate

from . import domain_training as rules
from .models_training import (
    ConsultationBooking,
    ConsultationSlot,
    Enrolment,
    Network,
    NetworkMaterial,
    TrainingCourse,
)


def courses_offered(
    *,
    since: date | None = None,
    form: str | None = None,
    text: str = "",
    paid: bool | None = None,
    now: datetime | None = None,
) -> QuerySet[TrainingCourse]:
    """The published courses ending on or after ``since`` (today by default), soonest first."""
    since = since or timezone.localdate(now)
    start = timezone.make_aware(datetime.combine(since, time.min))
    courses = TrainingCourse.objects.filter(event__published=True, event__ends_at__gte=start)
    if form:
        courses = courses.filter(form=form)
    if text.strip():
        words = text.strip()
        courses = courses.filter(
            Q(event__title__icontains=words) | Q(topic__icontains=words) | Q(subject__icontains=words)
        )
    if paid is True:
        courses = courses.filter(price_grosze__gt=0)
    elif paid is False:
        courses = courses.filter(price_grosze=0)
    return courses.select_related("event__gmina").order_by("event__starts_at", "pk")


def course_public(*, course_id: int) -> TrainingCourse:
    return TrainingCourse.objects.select_related("event__gmina__powiat").get(
        pk=course_id, event__published=True
    )


def enrolments_of(*, user: Any) -> QuerySet[Enrolment]:
    """A teacher's enrolments, the newest course first: the history."""
    return (
        Enrolment.objects.filter(teacher=user, registration__isnull=False)
        .select_related("course__event", "school", "registration__certificate")
        .order_by("-course__event__starts_at", "-pk")
    )


def enrolment_of(*, user: Any, enrolment_id: int) -> Enrolment:
    return enrolments_of(user=user).get(pk=enrolment_id)


def enrolment_live(*, course: TrainingCourse, user: Any) -> Enrolment | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        enrolments_of(user=user).filter(course=course, registration__status__in=events_domain.ACTIVE).first()
    )


def centre_courses(*, since: date | None = None) -> QuerySet[TrainingCourse]:
    """The centre's courses with counts of seats held and people waiting, the newest first."""
    courses = TrainingCourse.objects.all()
    if since is not None:
        courses = courses.filter(event__ends_at__date__gte=since)
    return (
        courses.select_related("event")
        .annotate(
            waiting=Count("enrolments", filter=Q(enrolments__registration__status=events_domain.WAITING)),
            certified=Count("enrolments", filter=Q(enrolments__registration__certificate__isnull=False)),
        )
        .order_by("-event__starts_at", "-pk")
    )


def course_enrolments(*, course: TrainingCourse) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(course=course, registration__isnull=False)
        .select_related("teacher", "school", "registration__certificate")
        .order_by("registration__waiting_since", "created_at", "pk")
    )


def certificate_by_code(*, code: str) -> tuple[Certificate, Enrolment | None] | None:
    """The certificate of this code and, when it is a course's, the enrolment (school, hours)."""
    normalised = events_domain.code_normalised(code)
    if not events_domain.code_well_formed(normalised, events_domain.CERTIFICATE_LENGTH):
        return None
    certificate = (
        Certificate.objects.select_related("registration__event", "registration__person")
        .filter(code=normalised)
        .first()
    )
    if certificate is None:
        return None
    enrolment = (
        Enrolment.objects.select_related("course", "school")
        .filter(registration=certificate.registration)
        .first()
    )
    return certificate, enrolment


def slots_open(*, now: datetime | None = None) -> QuerySet[ConsultationSlot]:
    """The coming slots nobody has booked."""
    now = now or timezone.now()
    booked = ConsultationBooking.objects.filter(cancelled_at__isnull=True).values("slot_id")
    return (
        ConsultationSlot.objects.filter(starts_at__gt=now).exclude(pk__in=booked).order_by("starts_at", "pk")
    )


def bookings_of(*, user: Any) -> QuerySet[ConsultationBooking]:
    return (
        ConsultationBooking.objects.filter(teacher=user).select_related("slot").order_by("-slot__starts_at")
    )


def slots_of(*, consultant: Any) -> list[tuple[ConsultationSlot, ConsultationBooking | None]]:
    """A consultant's slots from today on, each with its live booking."""
    today = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    slots = list(
        ConsultationSlot.objects.filter(consultant=consultant, starts_at__gte=today).order_by("starts_at")
    )
    live = {
        b.slot_id: b
        for b in ConsultationBooking.objects.filter(slot__in=slots, cancelled_at__isnull=True).select_related(
            "teacher"
        )
    }
    return [(slot, live.get(slot.pk)) for slot in slots]


def networks_listed() -> QuerySet[Network]:
    return Network.objects.annotate(member_count=Count("members")).order_by("name")


def network_detail(*, network_id: int) -> Network:
    return Network.objects.get(pk=network_id)


def is_network_member(*, network: Network, user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return network.coordinator_id == user.pk or network.members.filter(user=user).exists()


def network_material_for(*, material_id: int, user: Any) -> NetworkMaterial:
    """A shared file, for the network's members and its coordinator only."""
    material = NetworkMaterial.objects.select_related("network").get(pk=material_id)
    if not is_network_member(network=material.network, user=user):
        raise NetworkMaterial.DoesNotExist
    return material


def scheduled_course_places(school_year: int) -> dict[tuple[str, str], int]:
    """The offer's places as scheduled supply of the gap map (a source of :mod:`.supply`): the
    seats of the published courses starting in the school year, per diagnosis topic and the gmina
    they are held in. A course held online only, or without a diagnosis topic, is in no area of
    the map and counts nowhere."""
    first, after = rules.school_year_bounds(school_year)
    rows = TrainingCourse.objects.filter(
        event__published=True,
        event__gmina__isnull=False,
        event__starts_at__gte=timezone.make_aware(datetime.combine(first, time.min)),
        event__starts_at__lt=timezone.make_aware(datetime.combine(after, time.min)),
    ).exclude(need_topic="")
    out: dict[tuple[str, str], int] = {}
    for topic, teryt, places in rows.values_list("need_topic", "event__gmina__teryt", "event__capacity"):
        out[(topic, teryt)] = out.get((topic, teryt), 0) + places
    return out
