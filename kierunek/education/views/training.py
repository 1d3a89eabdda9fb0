"""Pages of the teacher-training offer for everyone and for teachers: the offer and a course's
page, enrolling with one's school, the history with cancelling and the certificate of
completion, the public verification of a certificate, consultations and networks."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import REFUSALS_AND_DENIALS, act, confirm_first, post_or_back, submit
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_name, upload_response
from kierunek.events import domain as events_domain

from .. import selectors, selectors_training
from ..certificates_training import completion_certificate_pdf
from ..forms_training import BookingForm, EnrolForm, MaterialForm, OfferFilterForm
from ..models_training import Enrolment, Network, NetworkMaterial, TrainingCourse
from ..services import training as services

LEARNERS = (Role.TEACHER.value, Role.SCHOOL_DIRECTOR.value)
NETWORK_ROLES = (*LEARNERS, Role.TRAINING_CENTRE_STAFF.value)


def offer(request: HttpRequest) -> HttpResponse:
    form = OfferFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    price = filters.get("price") or ""
    courses = selectors_training.courses_offered(
        form=filters.get("form") or None,
        text=filters.get("q", ""),
        paid={"free": False, "paid": True}.get(price),
    )
    return render(
        request,
        "education/training/offer.html",
        {"form": form, "courses": courses[:200], "filtered": bool(filters and any(filters.values()))},
    )


def _course(course_id: int) -> TrainingCourse:
    try:
        return selectors_training.course_public(course_id=course_id)
    except TrainingCourse.DoesNotExist:
        raise Http404 from None


def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(course_id)
    user = request_user(request)
    enrolment = selectors_training.enrolment_live(course=course, user=user)
    learner = getattr(user, "role", None) in LEARNERS
    return render(
        request,
        "education/training/course.html",
        {
            "course": course,
            "event": course.event,
            "sessions": course.event.sessions.all(),
            "enrolment": enrolment,
            "may_enrol": learner and enrolment is None and course.event.starts_at > timezone.now(),
            "learner": learner,
        },
    )


def _enrolled_message(enrolment: Enrolment) -> str:
    status = enrolment.registration.get_status_display() if enrolment.registration else ""
    return _("You are enrolled: %(status)s.") % {"status": status}


@role_required(*LEARNERS)
def enrol(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(course_id)
    user = request_user(request)
    schools = selectors.schools_of(user=user)
    form = EnrolForm(request.POST or None, schools=schools, paid=course.is_paid)
    done = submit(
        request,
        form,
        lambda data: services.enrolment_create(
            actor=actor_from_request(request),
            course_id=course.pk,
            school_id=data["school"].pk,
            invoice=form.invoice(),
        ),
        success=_enrolled_message,
        done=reverse("education:training_mine"),
        refusals=REFUSALS_AND_DENIALS,
    )
    return done or render(
        request,
        "education/training/enrol.html",
        {"course": course, "event": course.event, "form": form, "schools": schools},
    )


@role_required(*LEARNERS)
def my_trainings(request: HttpRequest) -> HttpResponse:
    enrolments = list(selectors_training.enrolments_of(user=request_user(request)))
    now = timezone.now()

    def coming(e: Enrolment) -> bool:
        status = e.registration.status if e.registration else ""
        certified = getattr(e.registration, "certificate", None) is not None
        return e.course.event.ends_at >= now and status in events_domain.ACTIVE and not certified

    return render(
        request,
        "education/training/mine.html",
        {
            "coming": [e for e in enrolments if coming(e)],
            "past": [e for e in enrolments if not coming(e)],
            "bookings": list(selectors_training.bookings_of(user=request_user(request))[:20]),
            "now": now,
        },
    )


def _mine(request: HttpRequest, enrolment_id: int) -> Enrolment:
    try:
        return selectors_training.enrolment_of(user=request_user(request), enrolment_id=enrolment_id)
    except Enrolment.DoesNotExist:
        raise Http404 from None


@role_required(*LEARNERS)
@post_or_back(lambda request, enrolment_id: reverse("education:training_mine"))
def cancel(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = _mine(request, enrolment_id)
    back = reverse("education:training_mine")
    asked = confirm_first(
        request,
        question=_("Cancel your enrolment in “%(title)s”?") % {"title": enrolment.course.event.title},
        consequences=[_("Your place goes to the next person on the waiting list.")],
        confirm_label=_("Cancel the enrolment"),
        back=back,
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.enrolment_cancel(actor=actor_from_request(request), enrolment_id=enrolment.pk),
        success=_("Your enrolment is cancelled."),
        done=back,
    )


@role_required(*LEARNERS)
def certificate(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = _mine(request, enrolment_id)
    found = getattr(enrolment.registration, "certificate", None)
    if found is None:
        raise Http404
    response = HttpResponse(completion_certificate_pdf(enrolment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="zaswiadczenie-{found.code}.pdf"'
    return response


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone holding a certificate's code sees whom it was issued to, for which course and
    when; an unknown or malformed code says so (404)."""
    found = selectors_training.certificate_by_code(code=code)
    certificate, enrolment = found if found else (None, None)
    return render(
        request,
        "education/training/verify.html",
        {"certificate": certificate, "enrolment": enrolment},
        status=200 if certificate else 404,
    )


# --- consultations ------------------------------------------------------------------------------


@role_required(*LEARNERS)
def consultations(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return render(
        request,
        "education/training/consultations.html",
        {
            "slots": list(selectors_training.slots_open()[:100]),
            "bookings": [b for b in selectors_training.bookings_of(user=user) if b.cancelled_at is None],
            "form": BookingForm(),
            "now": timezone.now(),
        },
    )


@role_required(*LEARNERS)
@post_or_back(lambda request, slot_id: reverse("education:consultations"))
def consultation_book(request: HttpRequest, slot_id: int) -> HttpResponse:
    back = reverse("education:consultations")
    form = BookingForm(request.POST)
    question = form.cleaned_data.get("question", "") if form.is_valid() else ""
    return act(
        request,
        lambda: services.consultation_book(
            actor=actor_from_request(request), slot_id=slot_id, question=question
        ),
        success=_("The consultation is booked."),
        done=back,
    )


@role_required(*LEARNERS)
@post_or_back(lambda request, booking_id: reverse("education:consultations"))
def consultation_cancel(request: HttpRequest, booking_id: int) -> HttpResponse:
    back = reverse("education:consultations")
    asked = confirm_first(
        request,
        question=_("Cancel this consultation?"),
        consequences=[_("The slot becomes free for others.")],
        confirm_label=_("Cancel the consultation"),
        back=back,
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.consultation_cancel(actor=actor_from_request(request), booking_id=booking_id),
        success=_("The consultation is cancelled."),
        done=back,
    )


# --- networks -----------------------------------------------------------------------------------


@role_required(*NETWORK_ROLES)
def networks(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    listed = list(selectors_training.networks_listed())
    mine = set(user.network_memberships.values_list("network_id", flat=True))
    return render(request, "education/training/networks.html", {"networks": listed, "mine": mine})


def _network(network_id: int) -> Network:
    try:
        return selectors_training.network_detail(network_id=network_id)
    except Network.DoesNotExist:
        raise Http404 from None


@role_required(*NETWORK_ROLES)
def network(request: HttpRequest, network_id: int) -> HttpResponse:
    found = _network(network_id)
    user = request_user(request)
    member = selectors_training.is_network_member(network=found, user=user)
    form = MaterialForm(request.POST or None, request.FILES or None) if member else None
    if form is not None:
        done = submit(
            request,
            form,
            lambda data: services.network_material_add(
                actor=actor_from_request(request),
                network_id=found.pk,
                title=data["title"],
                url=data.get("url") or "",
                upload=data.get("file"),
            ),
            success=_("The material is shared with the network."),
            done=reverse("education:network", args=[found.pk]),
            refusals=REFUSALS_AND_DENIALS,
        )
        if done:
            return done
    return render(
        request,
        "education/training/network.html",
        {
            "network": found,
            "member": member,
            "may_join": not member and getattr(user, "role", None) in LEARNERS,
            "meetings": found.meetings.all(),
            "materials": found.materials.all() if member else [],
            "form": form,
            "now": timezone.now(),
        },
    )


@role_required(*LEARNERS)
@post_or_back(lambda request, network_id: reverse("education:network", args=[network_id]))
def network_join(request: HttpRequest, network_id: int) -> HttpResponse:
    back = reverse("education:network", args=[network_id])
    return act(
        request,
        lambda: services.network_join(actor=actor_from_request(request), network_id=network_id),
        success=_("You joined the network."),
        done=back,
    )


@role_required(*NETWORK_ROLES)
def network_material(request: HttpRequest, material_id: int) -> HttpResponseBase:
    try:
        found = selectors_training.network_material_for(material_id=material_id, user=request_user(request))
    except NetworkMaterial.DoesNotExist:
        raise Http404 from None
    if not found.file:
        raise Http404
    return upload_response(
        found.file, found.file_kind, filename=upload_name(f"material-{found.pk}", found.file_kind)
    )
