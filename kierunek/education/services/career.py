"""Services of the career-orientation offer: partners (or the Metropolis for them) publish
activities, directors and gminas book places for a school's class and either side cancels a
booking with a reason (the other side is told), gminas keep a yearly plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify, site_link
from kierunek.core.permissions import require_role
from kierunek.geo.domain import search_key
from kierunek.geo.models import Gmina
from kierunek.partnership.models import Institution, InstitutionStaff

from .. import domain_career as rules
from ..audit_actions_edua import (
    CAREER_ACTIVITY_BOOKED,
    CAREER_ACTIVITY_CANCELLED,
    CAREER_ACTIVITY_PUBLISHED,
    CAREER_BOOKING_CANCELLED,
    CAREER_PLAN_SAVED,
)
from ..models import School
from ..models_career import ActivityKind, CareerActivity, CareerBooking, CareerPlan
from ..selectors import directed_schools, gmina_of_staff, school_directors

PUBLISHERS = (Role.PARTNER_STAFF, Role.METROPOLIS_STAFF)
BOOKERS = (Role.SCHOOL_DIRECTOR, Role.GMINA_STAFF)


@dataclass(frozen=True)
class ActivityData:
    title: str
    kind: str
    description: str
    level: str
    grade_from: int
    grade_to: int
    gmina_id: int
    held_on: date
    places: int
    address: str = ""
    institution_id: int | None = None  # the Metropolis publishes on a partner's behalf


def _institution(actor: Actor, institution_id: int | None) -> Institution:
    if actor.role == Role.PARTNER_STAFF:
        link = InstitutionStaff.objects.filter(user=actor.user).select_related("institution").first()
        if link is None:
            raise PermissionDenied(_("Your account is not linked to a partner institution."))
        return link.institution
    institution = Institution.objects.filter(pk=institution_id).first() if institution_id else None
    if institution is None:
        raise ValidationError({"institution": _("Choose the partner the activity is published for.")})
    return institution


def career_activity_publish(*, actor: Actor, data: ActivityData, is_demo: bool = False) -> CareerActivity:
    """Publish an activity for pupils. A partner's staff publish for their own institution; the
    Metropolis' staff for the partner they name."""
    require_role(actor, *PUBLISHERS)
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("This field is required.")
    if data.kind not in ActivityKind.values:
        errors["kind"] = _("Choose one of the options.")
    if not (
        rules.grade_valid(data.level, data.grade_from)
        and rules.grade_valid(data.level, data.grade_to)
        and data.grade_from <= data.grade_to
    ):
        errors["grade_to"] = _("Give grades of the school level, the first not after the last.")
    if data.places < 1:
        errors["places"] = _("An activity has at least one place.")
    if not is_demo and data.held_on < timezone.localdate():
        errors["held_on"] = _("The date cannot be in the past.")
    gmina = Gmina.objects.filter(pk=data.gmina_id).first()
    if gmina is None:
        errors["gmina"] = _("Choose a gmina of Małopolska.")
    if errors or gmina is None:
        raise ValidationError(errors)
    institution = _institution(actor, data.institution_id)
    with transaction.atomic():
        activity = CareerActivity.objects.create(
            title=data.title.strip(),
            kind=data.kind,
            description=data.description.strip(),
            institution=institution,
            level=data.level,
            grade_from=data.grade_from,
            grade_to=data.grade_to,
            gmina=gmina,
            address=data.address.strip(),
            held_on=data.held_on,
            places=data.places,
            published_by=actor.user,
            search_text=search_key(" ".join([data.title, data.description, institution.name])),
            is_demo=is_demo,
        )
        audit_record(
            action=CAREER_ACTIVITY_PUBLISHED, actor=actor, obj=activity, details={"title": activity.title}
        )
    return activity


def bookable_schools(actor: Actor) -> list[School]:
    """The schools the actor books for: a director's own, or every school of the gmina staff's gmina."""
    if actor.role == Role.SCHOOL_DIRECTOR:
        return directed_schools(user=actor.user)
    if actor.role == Role.GMINA_STAFF:
        gmina = gmina_of_staff(user=actor.user)
        if gmina is None:
            return []
        return list(School.objects.filter(gmina=gmina, is_active=True))
    return []


def career_activity_book(
    *,
    actor: Actor,
    activity_id: int,
    school_id: int,
    grade: int,
    pupils: int,
    note: str = "",
    today: date | None = None,
) -> CareerBooking:
    """Book ``pupils`` places of an activity for a class of ``grade`` of a school the actor books
    for. The activity's row is locked, so two bookings never take the same last places; the
    database's CHECK (places taken never over places) is the backstop."""
    require_role(actor, *BOOKERS)
    school = next((s for s in bookable_schools(actor) if s.pk == school_id), None)
    if school is None:
        raise PermissionDenied(_("You cannot book for this school."))
    if pupils < 1:
        raise ValidationError({"pupils": _("Book at least one place.")})
    with transaction.atomic():
        activity = CareerActivity.objects.select_for_update().get(pk=activity_id)
        if activity.is_cancelled:
            raise ValidationError(_("This activity is cancelled."))
        if activity.held_on < (today or timezone.localdate()):
            raise ValidationError(_("This activity has already taken place."))
        level = rules.SECONDARY if school.is_upper_secondary else rules.PRIMARY
        if not rules.grade_fits(
            level=level,
            grade=grade,
            activity_level=activity.level,
            grade_from=activity.grade_from,
            grade_to=activity.grade_to,
        ):
            raise ValidationError({"grade": _("The activity is not for this school level and grade.")})
        left = activity.places_left
        if pupils > left:
            raise ValidationError(
                {"pupils": _("Only %(left)d places are left.") % {"left": left}}
                if left
                else _("No places are left.")
            )
        CareerActivity.objects.filter(pk=activity.pk).update(places_taken=F("places_taken") + pupils)
        booking = CareerBooking.objects.create(
            activity=activity,
            school=school,
            gmina=school.gmina,
            level=level,
            grade=grade,
            pupils=pupils,
            note=note.strip(),
            booked_by=actor.user,
        )
        audit_record(
            action=CAREER_ACTIVITY_BOOKED,
            actor=actor,
            obj=booking,
            details={"activity": activity.pk, "school": school.pk, "pupils": pupils},
        )
    return booking


def booking_side(actor: Actor, booking: CareerBooking) -> str | None:
    """Which side of the booking the actor is on: "school" (the school's director, the staff of its
    gmina), "partner" (the staff of the institution running the activity, the Metropolis for it),
    or None: the booking is none of the actor's business."""
    if actor.role in BOOKERS and any(s.pk == booking.school_id for s in bookable_schools(actor)):
        return "school"
    if is_partner_side(actor, booking.activity):
        return "partner"
    return None


def is_partner_side(actor: Actor, activity: CareerActivity) -> bool:
    """Whether the actor speaks for the partner running the activity: its institution's staff, or
    the Metropolis (which publishes for partners)."""
    if actor.role == Role.METROPOLIS_STAFF:
        return True
    return (
        actor.role == Role.PARTNER_STAFF
        and InstitutionStaff.objects.filter(user=actor.user, institution_id=activity.institution_id).exists()
    )


def career_booking_cancel(
    *, actor: Actor, booking_id: int, reason: str, today: date | None = None
) -> CareerBooking:
    """Cancel a booking before its activity takes place, saying why: the places go back to the
    activity (its row locked, as booking does) and the other side is e-mailed: the institution's
    staff when the school cancels, the person who booked when the partner does."""
    reason = reason.strip()
    with transaction.atomic():
        booking = CareerBooking.objects.select_for_update().get(pk=booking_id)
        side = booking_side(actor, booking)
        if side is None:
            raise PermissionDenied(_("You cannot cancel this booking."))
        if not reason:
            raise ValidationError({"reason": _("Say why the booking is cancelled.")})
        activity = CareerActivity.objects.select_for_update().get(pk=booking.activity_id)
        if booking.is_cancelled:
            raise ValidationError(_("This booking is already cancelled."))
        if activity.held_on < (today or timezone.localdate()):
            raise ValidationError(_("This activity has already taken place."))
        CareerActivity.objects.filter(pk=activity.pk).update(places_taken=F("places_taken") - booking.pupils)
        _booking_cancelled(booking, actor=actor, reason=reason, when=timezone.now(), side=side)
        if side == "school":
            recipients = [
                link.user
                for link in InstitutionStaff.objects.filter(
                    institution_id=activity.institution_id
                ).select_related("user")
            ]
        else:
            recipients = [booking.booked_by] if booking.booked_by else []
        notify(
            recipients=[person for person in recipients if person.is_active and person.pk != actor.user.pk],
            subject=gettext_noop("A career-orientation booking is cancelled"),
            template="education/career/email/booking_cancelled.txt",
            context={
                "booking": booking,
                "activity": activity,
                "link": site_link(reverse("education:career_activity", args=[activity.pk])),
            },
        )
    return booking


def _booking_cancelled(
    booking: CareerBooking, *, actor: Actor, reason: str, when: datetime, side: str
) -> None:
    """Mark a locked booking cancelled by the side that did it and record that (its places are the
    caller's to give back)."""
    booking.cancelled_at, booking.cancelled_by, booking.cancel_reason = when, actor.user, reason
    booking.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    audit_record(
        action=CAREER_BOOKING_CANCELLED,
        actor=actor,
        obj=booking,
        details={
            "activity": booking.activity_id,
            "school": booking.school_id,
            "pupils": booking.pupils,
            "side": side,
        },
    )


def _school_side(booking: CareerBooking) -> list[User]:
    """Who hears of a booking the partner cancels: the person who booked it and the directors of
    its school, each once."""
    people = {p.pk: p for p in school_directors(school=booking.school)}
    if booking.booked_by is not None:
        people.setdefault(booking.booked_by.pk, booking.booked_by)
    return list(people.values())


def career_activity_cancel(
    *, actor: Actor, activity_id: int, reason: str, today: date | None = None
) -> CareerActivity:
    """The partner's side cancels a whole activity before it takes place, saying why: every live
    booking of it is cancelled with that reason (places back, its pupils no longer reached), each
    booking's school side is e-mailed, and the activity leaves the offer. All or nothing, in one
    transaction.

    Locks are taken in the order booking cancelling takes them (bookings, then the activity), so the
    two cannot wait for each other: the live bookings in primary-key order, then the activity's row,
    then any booking made between the two (a booking needs the activity's row, so none can follow)."""
    reason = reason.strip()
    with transaction.atomic():
        found = CareerActivity.objects.filter(pk=activity_id).first()
        if found is None or not is_partner_side(actor, found):
            raise PermissionDenied(_("You cannot cancel this activity."))
        if not reason:
            raise ValidationError({"reason": _("Say why the activity is cancelled.")})
        live = CareerBooking.objects.filter(activity_id=activity_id, cancelled_at__isnull=True)
        locked = {b.pk: b for b in live.select_for_update().order_by("pk")}
        activity = CareerActivity.objects.select_for_update().get(pk=activity_id)
        locked.update({b.pk: b for b in live.exclude(pk__in=locked).select_for_update().order_by("pk")})
        if activity.is_cancelled:
            raise ValidationError(_("This activity is already cancelled."))
        if activity.held_on < (today or timezone.localdate()):
            raise ValidationError(_("This activity has already taken place."))
        now = timezone.now()
        bookings = sorted((b for b in locked.values() if not b.is_cancelled), key=lambda b: b.pk)
        returned = sum(b.pupils for b in bookings)
        CareerActivity.objects.filter(pk=activity.pk).update(places_taken=F("places_taken") - returned)
        activity.places_taken -= returned
        activity.cancelled_at, activity.cancelled_by, activity.cancel_reason = now, actor.user, reason
        activity.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
        link = site_link(reverse("education:career_activity", args=[activity.pk]))
        for booking in bookings:
            _booking_cancelled(booking, actor=actor, reason=reason, when=now, side="partner")
            notify(
                recipients=[
                    person
                    for person in _school_side(booking)
                    if person.is_active and person.pk != actor.user.pk
                ],
                subject=gettext_noop("A career-orientation activity is cancelled"),
                template="education/career/email/activity_cancelled.txt",
                context={"booking": booking, "activity": activity, "link": link},
            )
        audit_record(
            action=CAREER_ACTIVITY_CANCELLED,
            actor=actor,
            obj=activity,
            details={"bookings": len(bookings), "pupils": returned},
        )
    return activity


def career_plan_save(
    *, actor: Actor, year: int, planned_activities: int, planned_pupils: int, priorities: str = ""
) -> CareerPlan:
    """The gmina's plan of career orientation for a year (one per year, changed in place)."""
    require_role(actor, Role.GMINA_STAFF)
    gmina = gmina_of_staff(user=actor.user)
    if gmina is None:
        raise PermissionDenied(_("Your account is not linked to a gmina."))
    if planned_activities < 0 or planned_pupils < 0:
        raise ValidationError(_("A number cannot be negative."))
    with transaction.atomic():
        plan, _created = CareerPlan.objects.update_or_create(
            gmina=gmina,
            year=year,
            defaults={
                "planned_activities": planned_activities,
                "planned_pupils": planned_pupils,
                "priorities": priorities.strip(),
            },
        )
        audit_record(action=CAREER_PLAN_SAVED, actor=actor, obj=plan, details={"year": year})
    return plan
