"""Builders for the teacher-training tests, through the real services: the Metropolis with a
member gmina, schools and their teachers, the centre's staff, courses, enrolments, attendance."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count

from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.education.models import Metropolis, MetropolisMember, School, SchoolStaff, SchoolType
from kierunek.education.models_training import Enrolment, TrainingCourse
from kierunek.education.services import training as services
from kierunek.events import services as events_services
from kierunek.geo.models import Gmina
from tests.accounts.factories import StaffUserFactory, UserFactory

WIELICZKA = "1219053"  # a member gmina
NOWY_TARG = "1211011"  # not a member
_rspo = count(800_001)


def metropolis() -> Metropolis:
    found, created = Metropolis.objects.get_or_create(name="Metropolia testowa")
    if created:
        MetropolisMember.objects.create(
            metropolis=found, gmina=Gmina.objects.get(teryt=WIELICZKA), joined_on=date(2014, 6, 26)
        )
    return found


def school(teryt: str = WIELICZKA, name: str = "Szkoła Podstawowa nr 1") -> School:
    metropolis()
    gmina = Gmina.objects.get(teryt=teryt)
    return School.objects.create(rspo=next(_rspo), name=name, type=SchoolType.PRIMARY, gmina=gmina)


def teacher(at: School | None = None, *, subjects: str = "matematyka", function: str = "teacher", role=None):
    user = UserFactory(role=role or (Role.SCHOOL_DIRECTOR if function == "director" else Role.TEACHER))
    SchoolStaff.objects.create(
        user=user, school=at or school(), function=function, subjects=subjects, since=date(2020, 9, 1)
    )
    return user


def centre_staff():
    return StaffUserFactory(role=Role.TRAINING_CENTRE_STAFF)


def course(
    *,
    by=None,
    capacity: int = 10,
    days: float = 7,
    hours: float = 3,
    price_grosze: int = 0,
    now: datetime | None = None,
    **fields,
) -> TrainingCourse:
    starts = (now or timezone.now()) + timedelta(days=days)
    data = services.CourseData(
        title=fields.pop("title", "Ocenianie kształtujące w praktyce"),
        form=fields.pop("form", "training"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        capacity=capacity,
        gmina_teryt=fields.pop("gmina_teryt", WIELICZKA),
        address=fields.pop("address", "ul. Szkolna 1"),
        price_grosze=price_grosze,
        **fields,
    )
    return services.course_publish(actor=Actor.of(by or centre_staff()), data=data)


def enrol(course: TrainingCourse, who=None, *, now: datetime | None = None, **invoice) -> Enrolment:
    who = who or teacher()
    school_id = who.school_posts.first().school_id
    return services.enrolment_create(
        actor=Actor.of(who),
        course_id=course.pk,
        school_id=school_id,
        invoice=services.InvoiceDetails(**invoice) if invoice else None,
        now=now,
    )


def completed(enrolment: Enrolment) -> Enrolment:
    """The teacher attended and the centre issued the certificates (at the course's own time)."""
    event = enrolment.course.event
    organiser = Actor.of(event.organiser)
    assert enrolment.registration is not None
    events_services.attendee_check_in(
        actor=organiser,
        event_id=event.pk,
        code=enrolment.registration.ticket_code,
        now=event.starts_at + timedelta(minutes=5),
    )
    events_services.certificates_issue(
        actor=organiser, event_id=event.pk, now=event.ends_at + timedelta(hours=1)
    )
    enrolment.registration.refresh_from_db()
    return enrolment


INVOICE = {
    "name": "Szkoła Podstawowa nr 1 w Wieliczce",
    "nip": "526-000-12-46",
    "address": "ul. Szkolna 1, Wieliczka",
}
