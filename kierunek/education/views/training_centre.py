"""Pages of the teacher-training centre's staff: the offer with its seats and waiting lists, a
new course, a course's enrolments (a staff read of people, audited), consultation slots and
networks with their meetings. Check-in and certificates are the event's own pages (events'
organiser pages), linked from here."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import REFUSALS_AND_DENIALS, submit
from kierunek.core.permissions import role_required
from kierunek.core.personal_data import participants_list_read

from .. import selectors_training
from ..forms_training import CourseEditForm, CourseForm, MeetingForm, NetworkForm, SlotForm
from ..models_training import Network, TrainingCourse
from ..services import training as services

CENTRE = Role.TRAINING_CENTRE_STAFF.value


@role_required(CENTRE)
def centre_home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    courses = list(selectors_training.centre_courses()[:200])
    return render(
        request,
        "education/training/centre.html",
        {
            "coming": [c for c in courses if c.event.ends_at.date() >= today],
            "past": [c for c in courses if c.event.ends_at.date() < today],
            "user_id": request_user(request).pk,
        },
    )


@role_required(CENTRE)
def course_new(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None, initial={"audience": "teachers"})
    done = submit(
        request,
        form,
        lambda data: services.course_publish(actor=actor_from_request(request), data=form.data_for_service()),
        success=_("The course is published."),
        done=lambda c: reverse("education:centre_course", args=[c.pk]),
        refusals=REFUSALS_AND_DENIALS,
    )
    return done or render(request, "education/training/course_form.html", {"form": form})


@role_required(CENTRE)
def course_edit(request: HttpRequest, course_id: int) -> HttpResponse:
    """The member of the centre's staff who published the course changes it (to the others the
    page does not exist, as the event's own pages)."""
    try:
        course = TrainingCourse.objects.select_related("event__gmina").get(
            pk=course_id, event__organiser=request_user(request)
        )
    except TrainingCourse.DoesNotExist:
        raise Http404 from None
    form = CourseEditForm(request.POST or None, initial=CourseEditForm.initial_of(course))
    done = submit(
        request,
        form,
        lambda data: services.course_update(
            actor=actor_from_request(request), course_id=course.pk, changes=form.changes_for_service()
        ),
        success=_("The course is changed."),
        done=lambda c: reverse("education:centre_course", args=[c.pk]),
        refusals=REFUSALS_AND_DENIALS,
    )
    return done or render(
        request,
        "education/training/course_edit.html",
        {"form": form, "course": course, "event": course.event},
    )


@role_required(CENTRE)
def centre_course(request: HttpRequest, course_id: int) -> HttpResponse:
    try:
        course = TrainingCourse.objects.select_related("event").get(pk=course_id)
    except TrainingCourse.DoesNotExist:
        raise Http404 from None
    enrolments = list(selectors_training.course_enrolments(course=course))
    participants_list_read(
        actor=request_user(request),
        request=request,
        participant_ids=[e.teacher_id for e in enrolments],
        list_name="education.course_enrolments",
    )
    return render(
        request,
        "education/training/centre_course.html",
        {
            "course": course,
            "event": course.event,
            "enrolments": enrolments,
            "organiser": course.event.organiser_id == request_user(request).pk,
        },
    )


@role_required(CENTRE)
def centre_consultations(request: HttpRequest) -> HttpResponse:
    form = SlotForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.slot_publish(
            actor=actor_from_request(request),
            topic=data["topic"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data["place"],
        ),
        success=_("The consultation slot is published."),
        done=reverse("education:centre_consultations"),
        refusals=REFUSALS_AND_DENIALS,
    )
    if done:
        return done
    slots = selectors_training.slots_of(consultant=request_user(request))
    participants_list_read(
        actor=request_user(request),
        request=request,
        participant_ids=[b.teacher_id for _slot, b in slots if b is not None],
        list_name="education.consultation_bookings",
    )
    return render(request, "education/training/centre_consultations.html", {"form": form, "slots": slots})


@role_required(CENTRE)
def network_new(request: HttpRequest) -> HttpResponse:
    form = NetworkForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.network_create(
            actor=actor_from_request(request),
            name=data["name"],
            kind=data["kind"],
            description=data.get("description", ""),
        ),
        success=_("The network is created."),
        done=lambda n: reverse("education:network", args=[n.pk]),
        refusals=REFUSALS_AND_DENIALS,
    )
    return done or render(request, "education/training/network_form.html", {"form": form})


@role_required(CENTRE)
def network_meeting_new(request: HttpRequest, network_id: int) -> HttpResponse:
    try:
        network = Network.objects.get(pk=network_id, coordinator=request_user(request))
    except Network.DoesNotExist:
        raise Http404 from None
    form = MeetingForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.network_meeting_add(
            actor=actor_from_request(request),
            network_id=network.pk,
            title=data["title"],
            starts_at=data["starts_at"],
            place=data["place"],
            agenda=data.get("agenda", ""),
        ),
        success=_("The meeting is added."),
        done=reverse("education:network", args=[network.pk]),
        refusals=REFUSALS_AND_DENIALS,
    )
    return done or render(request, "education/training/meeting_form.html", {"form": form, "network": network})
