"""Pages of the career-orientation offer: the public search and an activity's page; booking places
(directors for their schools, gmina staff for their gmina's schools); publishing an activity
(partners, or the Metropolis for them); the gmina's plan and bookings; the school's bookings; the
pupils reached by grade and gmina for the Metropolis."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import submit
from kierunek.core.permissions import role_required
from kierunek.geo.models import Gmina

from .. import domain_career
from ..forms_career import (
    ActivityCancelForm,
    ActivityForm,
    ActivitySearchForm,
    BookingCancelForm,
    BookingForm,
    PlanForm,
)
from ..models_career import CareerActivity, CareerBooking, CareerPlan
from ..selectors import directed_schools, gmina_of_staff, member_gminas, metropolis_main
from ..selectors_career import (
    ActivityFilters,
    activities_search,
    booked_schools,
    bookings_of_activity,
    bookings_of_gmina,
    bookings_of_schools,
    plan_progress,
    pupils_reached,
)
from ..selectors_career import (
    activity as activity_get,
)
from ..services import career as services

PAGE = 60


def _gminas() -> list[Gmina]:
    metropolis = metropolis_main()
    return member_gminas(metropolis=metropolis) if metropolis else []


def search(request: HttpRequest) -> HttpResponse:
    form = ActivitySearchForm(request.GET or None, gminas=_gminas())
    filters = ActivityFilters()
    if form.is_bound and form.is_valid():
        filters = ActivityFilters(**form.cleaned_data)
    found = activities_search(filters)
    return render(
        request,
        "education/career/search.html",
        {"form": form, "activities": found[:PAGE], "count": found.count(), "filters": filters},
    )


def _activity(activity_id: int) -> CareerActivity:
    try:
        return activity_get(activity_id)
    except CareerActivity.DoesNotExist:
        raise Http404 from None


def activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    """The public page of an activity; its partner's staff and the Metropolis also see who booked,
    and may cancel it. A cancelled activity has left the offer: only its partner's side and the
    schools' side of those who had booked it still find its page, marked cancelled."""
    found = _activity(activity_id)
    actor = actor_from_request(request)
    role = getattr(request.user, "role", None)
    partner_side = role in services.PUBLISHERS and services.is_partner_side(actor, found)
    if found.is_cancelled and not partner_side:
        booked = booked_schools(activity_id=found.pk)
        if not any(s.pk in booked for s in services.bookable_schools(actor)):
            raise Http404
    today = timezone.localdate()
    return render(
        request,
        "education/career/activity.html",
        {
            "activity": found,
            "can_book": role in services.BOOKERS and not found.is_cancelled,
            "bookings": bookings_of_activity(activity_id=found.pk) if partner_side else [],
            "can_cancel": partner_side and not found.is_cancelled and found.held_on >= today,
            "today": today,
        },
    )


@role_required(*services.PUBLISHERS)
def activity_cancel(request: HttpRequest, activity_id: int) -> HttpResponse:
    """The partner's side cancels the whole activity, saying why; anyone else gets 404."""
    found = _activity(activity_id)
    actor = actor_from_request(request)
    if not services.is_partner_side(actor, found):
        raise Http404
    back = reverse("education:career_activity", args=[found.pk])
    form = ActivityCancelForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.career_activity_cancel(
            actor=actor, activity_id=found.pk, reason=data["reason"]
        ),
        success=_("The activity is cancelled: every booking of it is cancelled and the schools are told."),
        done=back,
    )
    if done:
        return done
    return render(
        request,
        "education/career/activity_cancel.html",
        {
            "activity": found,
            "form": form,
            "back": back,
            "bookings": [b for b in bookings_of_activity(activity_id=found.pk) if not b.is_cancelled],
        },
    )


@role_required(*services.BOOKERS, *services.PUBLISHERS)
def cancel(request: HttpRequest, booking_id: int) -> HttpResponse:
    """Cancel a booking, saying why: the school's side or the partner's; anyone else gets 404."""
    actor = actor_from_request(request)
    booking = (
        CareerBooking.objects.select_related("activity__institution", "school").filter(pk=booking_id).first()
    )
    side = services.booking_side(actor, booking) if booking else None
    if booking is None or side is None:
        raise Http404
    if side == "school":
        back = (
            f"{reverse('education:career_gmina')}?rok={booking.activity.held_on.year}"
            if actor.role == Role.GMINA_STAFF
            else reverse("education:career_school")
        )
    else:
        back = reverse("education:career_activity", args=[booking.activity_id])
    form = BookingCancelForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.career_booking_cancel(
            actor=actor, booking_id=booking.pk, reason=data["reason"]
        ),
        success=_("The booking is cancelled and the other side is told; the places are free again."),
        done=back,
    )
    if done:
        return done
    return render(request, "education/career/cancel.html", {"booking": booking, "form": form, "back": back})


@role_required(*services.BOOKERS)
def book(request: HttpRequest, activity_id: int) -> HttpResponse:
    """Book places for a class: the schools the person books for, the grades of the activity."""
    found = _activity(activity_id)
    actor = actor_from_request(request)
    schools = services.bookable_schools(actor)
    grades = range(found.grade_from, found.grade_to + 1)
    form = BookingForm(request.POST or None, schools=schools, grades=grades)

    def back(booking: CareerBooking) -> str:
        if actor.role == Role.GMINA_STAFF:
            return f"{reverse('education:career_gmina')}?rok={booking.activity.held_on.year}"
        return reverse("education:career_school")

    done = submit(
        request,
        form,
        lambda data: services.career_activity_book(
            actor=actor,
            activity_id=found.pk,
            school_id=data["school"],
            **{k: data[k] for k in ("grade", "pupils", "note")},
        ),
        success=lambda booking: (
            _("Booked %(pupils)d places for %(school)s.")
            % {"pupils": booking.pupils, "school": booking.school.name}
        ),
        done=back,
    )
    if done:
        return done
    return render(
        request, "education/career/book.html", {"activity": found, "form": form, "schools": schools}
    )


@role_required(*services.PUBLISHERS)
def publish(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = ActivityForm(request.POST or None, gminas=_gminas(), for_partner=actor.role == Role.PARTNER_STAFF)
    done = submit(
        request,
        form,
        lambda data: services.career_activity_publish(
            actor=actor,
            data=services.ActivityData(
                title=data["title"],
                kind=data["kind"],
                description=data["description"],
                level=data["level"],
                grade_from=data["grade_from"],
                grade_to=data["grade_to"],
                gmina_id=data["gmina"].pk,
                held_on=data["held_on"],
                places=data["places"],
                address=data["address"],
                institution_id=data["institution"].pk if data.get("institution") else None,
            ),
        ),
        success=_("The activity is published; schools and gminas can book it now."),
        done=lambda a: reverse("education:career_activity", args=[a.pk]),
    )
    if done:
        return done
    return render(request, "education/career/publish.html", {"form": form})


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("rok", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@role_required(Role.GMINA_STAFF)
def gmina(request: HttpRequest) -> HttpResponse:
    """The gmina's year: its plan against the activities and pupils reached, its bookings, and
    the pupils by grade."""
    own = gmina_of_staff(user=request.user)  # type: ignore[arg-type]
    if own is None:
        raise PermissionDenied
    year = _year(request)
    plan = CareerPlan.objects.filter(gmina=own, year=year).first()
    initial = (
        {
            "planned_activities": plan.planned_activities,
            "planned_pupils": plan.planned_pupils,
            "priorities": plan.priorities,
        }
        if plan
        else {}
    )
    form = PlanForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.career_plan_save(actor=actor_from_request(request), year=year, **data),
        success=_("The plan is saved."),
        done=lambda plan: f"{reverse('education:career_gmina')}?rok={year}",
    )
    if done:
        return done
    return render(
        request,
        "education/career/gmina.html",
        {
            "gmina": own,
            "year": year,
            "years": [year - 1, year, year + 1],
            "form": form,
            "progress": plan_progress(gmina=own, year=year),
            "bookings": bookings_of_gmina(gmina=own, year=year),
            "today": timezone.localdate(),
            "reach": pupils_reached(year=year, gminas=[own]),
        },
    )


@role_required(Role.SCHOOL_DIRECTOR)
def school(request: HttpRequest) -> HttpResponse:
    schools = directed_schools(user=request.user)  # type: ignore[arg-type]
    return render(
        request,
        "education/career/school.html",
        {
            "schools": schools,
            "bookings": bookings_of_schools(school_ids=[s.pk for s in schools]),
            "today": timezone.localdate(),
        },
    )


@role_required(Role.METROPOLIS_STAFF)
def reach(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    return render(
        request,
        "education/career/reach.html",
        {
            "year": year,
            "years": [year - 1, year, year + 1],
            "reach": pupils_reached(year=year),
            "levels": dict(domain_career.GRADES),
        },
    )
