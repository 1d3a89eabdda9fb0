"""The teacher-training API, mounted by config/api.py at /api/v1/training. The offer and a
course are public; a teacher's enrolments, enrolling with one of their schools and cancelling
take the session (with the CSRF token) or a bearer token, for teachers and directors.

An enrolment sent twice is made once: the second answers 409 ("already enrolled")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from kierunek.accounts.api_auth import session_or_token
from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.api_errors import ErrorOut
from kierunek.core.notify import site_link
from kierunek.core.permissions import api_require_roles

from . import selectors_training
from .models_training import Enrolment, TrainingCourse, TrainingForm
from .services import training as services

router = Router(auth=None)
LEARNERS = (Role.TEACHER, Role.SCHOOL_DIRECTOR)


class OfferFilters(Schema):
    from_: date | None = Field(
        None, alias="from", description="Courses ending on or after this day (YYYY-MM-DD); today by default"
    )
    form: TrainingForm | None = Field(None, description="Form of the course")
    q: str = Field("", max_length=100, description="Words of the title, topic or subject")
    paid: bool | None = Field(None, description="Only paid (true) or only free (false) courses")


class CourseOut(Schema):
    id: int
    title: str
    form: str
    form_label: str
    starts_at: datetime
    ends_at: datetime
    gmina: str | None
    address: str
    online: bool
    places: int
    places_left: int
    price_grosze: int = Field(description="0 for a free course")
    hours: int
    audience: str
    members_only: bool
    subject: str
    topic: str
    sessions: int
    url: str


class EnrolmentIn(Schema):
    school_id: int = Field(description="One of the schools where the teacher works")
    invoice_name: str = Field("", max_length=300, description="For a paid course: the school's name")
    invoice_nip: str = Field("", max_length=20, description="For a paid course: the school's NIP")
    invoice_address: str = Field("", max_length=300, description="For a paid course: the school's address")


class EnrolmentOut(Schema):
    id: int
    course_id: int
    course_title: str
    school_id: int
    school: str
    status: str
    status_label: str
    attended: bool
    price_grosze: int
    certificate_url: str | None = Field(None, description="The certificate of completion (PDF), once issued")
    verification_url: str | None


def _course(course: TrainingCourse) -> dict[str, Any]:
    event = course.event
    return {
        "id": course.pk,
        "title": event.title,
        "form": course.form,
        "form_label": str(course.get_form_display()),
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "gmina": event.gmina.name if event.gmina else None,
        "address": event.address,
        "online": bool(event.online_url),
        "places": event.capacity,
        "places_left": event.seats_left,
        "price_grosze": course.price_grosze,
        "hours": course.hours,
        "audience": course.audience,
        "members_only": course.members_only,
        "subject": course.subject,
        "topic": course.topic,
        "sessions": event.sessions.count(),
        "url": site_link(reverse("education:training_course", args=[course.pk])),
    }


def _enrolment(enrolment: Enrolment) -> dict[str, Any]:
    registration = enrolment.registration
    assert registration is not None
    certificate = getattr(registration, "certificate", None)
    return {
        "id": enrolment.pk,
        "course_id": enrolment.course_id,
        "course_title": enrolment.course.event.title,
        "school_id": enrolment.school_id,
        "school": enrolment.school.name,
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "attended": registration.attendance == "present",
        "price_grosze": enrolment.price_grosze,
        "certificate_url": site_link(reverse("education:training_certificate", args=[enrolment.pk]))
        if certificate
        else None,
        "verification_url": site_link(reverse("education:training_verify", args=[certificate.code]))
        if certificate
        else None,
    }


@router.get("/courses", response=list[CourseOut], url_name="training_courses", summary="The training offer")
def course_list(request: HttpRequest, filters: Query[OfferFilters]) -> Any:
    courses = selectors_training.courses_offered(
        since=filters.from_,
        form=filters.form.value if filters.form else None,
        text=filters.q,
        paid=filters.paid,
    )
    return [_course(c) for c in courses.prefetch_related("event__sessions")[:500]]


@router.get(
    "/courses/{course_id}",
    response={200: CourseOut, 404: ErrorOut},
    url_name="training_course",
    summary="One course of the offer",
)
def course_detail(request: HttpRequest, course_id: int) -> Any:
    return _course(selectors_training.course_public(course_id=course_id))


@router.get(
    "/enrolments",
    response=list[EnrolmentOut],
    auth=session_or_token,
    url_name="training_enrolments_mine",
    summary="My enrolments, the newest course first",
)
def my_enrolments(request: HttpRequest) -> Any:
    api_require_roles(request, *LEARNERS)
    return [_enrolment(e) for e in selectors_training.enrolments_of(user=request_user(request))[:200]]


@router.post(
    "/courses/{course_id}/enrolments",
    response={201: EnrolmentOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=session_or_token,
    summary="Enrol in a course with one of my schools (a place, or the waiting list)",
)
def enrol(request: HttpRequest, course_id: int, payload: EnrolmentIn) -> Any:
    api_require_roles(request, *LEARNERS)
    enrolment = services.enrolment_create(
        actor=actor_from_request(request),
        course_id=course_id,
        school_id=payload.school_id,
        invoice=services.InvoiceDetails(
            name=payload.invoice_name, nip=payload.invoice_nip, address=payload.invoice_address
        ),
    )
    return Status(201, _enrolment(enrolment))


@router.delete(
    "/enrolments/{enrolment_id}",
    response={200: EnrolmentOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=session_or_token,
    summary="Cancel my enrolment (the place goes to the next person waiting)",
)
def cancel(request: HttpRequest, enrolment_id: int) -> Any:
    api_require_roles(request, *LEARNERS)
    services.enrolment_cancel(actor=actor_from_request(request), enrolment_id=enrolment_id)
    return _enrolment(selectors_training.enrolment_of(user=request_user(request), enrolment_id=enrolment_id))
