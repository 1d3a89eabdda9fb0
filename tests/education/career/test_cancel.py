"""Cancelling a career-orientation booking: either side (the school's director or gmina staff, the
partner running the activity or the Metropolis) cancels with a reason before the day; the places
go back, the pupils no longer count as reached, the other side is e-mailed; anyone else is refused
and nothing changes."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.education import services
from kierunek.education.models import CareerActivity, CareerBooking
from kierunek.education.selectors_career import plan_progress, pupils_reached
from tests.education import builders_edua as b
from tests.partnership import builders as partnership

pytestmark = pytest.mark.django_db


def _booked(pupils=10):  # type: ignore[no-untyped-def]
    partner, institution = b.partner_staff()
    activity = b.activity(partner, institution=institution)
    school = b.school()
    director = b.director(school)
    booking = services.career_activity_book(
        actor=Actor.of(director), activity_id=activity.pk, school_id=school.pk, grade=7, pupils=pupils
    )
    return booking, director, partner


def _cancel(person, booking, reason="Klasa jedzie na wycieczkę", **kw):  # type: ignore[no-untyped-def]
    return services.career_booking_cancel(actor=Actor.of(person), booking_id=booking.pk, reason=reason, **kw)


def test_the_school_cancels_the_places_return_and_the_partner_is_told(django_capture_on_commit_callbacks):
    booking, director, partner = _booked(pupils=10)
    year = booking.activity.held_on.year
    assert pupils_reached(year=year).total == 10
    with django_capture_on_commit_callbacks(execute=True):
        _cancel(director, booking)
    booking.refresh_from_db()
    assert booking.is_cancelled
    assert booking.cancel_reason == "Klasa jedzie na wycieczkę"
    assert CareerActivity.objects.get(pk=booking.activity_id).places_taken == 0
    assert pupils_reached(year=year).total == 0
    assert plan_progress(gmina=booking.gmina, year=year).pupils == 0
    assert [m.to for m in mail.outbox] == [[partner.email]]
    assert "Klasa jedzie na wycieczkę" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="education.career_booking_cancelled").count() == 1


def test_the_partner_cancels_and_the_person_who_booked_is_told(django_capture_on_commit_callbacks):
    booking, director, partner = _booked()
    with django_capture_on_commit_callbacks(execute=True):
        _cancel(partner, booking, reason="Prowadzący zachorował")
    assert [m.to for m in mail.outbox] == [[director.email]]
    assert CareerActivity.objects.get(pk=booking.activity_id).places_left == 30


def test_others_are_refused_and_nothing_changes():
    booking, _director, _partner = _booked()
    other_partner = partnership.staff_of(partnership.institution("Uniwersytet Rolniczy", powiat="1261"))
    for person in (b.director(b.school()), b.gmina_staff("1261011"), other_partner, b.teacher()):
        with pytest.raises(PermissionDenied):
            _cancel(person, booking)
    booking.refresh_from_db()
    assert not booking.is_cancelled
    assert CareerActivity.objects.get(pk=booking.activity_id).places_taken == 10


def test_no_reason_twice_or_after_the_day_is_refused():
    booking, director, _partner = _booked()
    with pytest.raises(ValidationError) as refusal:
        _cancel(director, booking, reason="  ")
    assert "reason" in refusal.value.message_dict
    later = booking.activity.held_on + timedelta(days=1)
    with pytest.raises(ValidationError):
        _cancel(director, booking, today=later)
    assert not CareerBooking.objects.get(pk=booking.pk).is_cancelled
    _cancel(b.metropolis_staff(), booking)
    with pytest.raises(ValidationError):
        _cancel(director, booking)
    assert CareerActivity.objects.get(pk=booking.activity_id).places_taken == 0


def test_the_pages_cancel_with_a_reason_and_hide_the_booking_from_others(client_for):
    booking, director, partner = _booked()
    url = f"/edukacja/orientacja-zawodowa/rezerwacje/{booking.pk}/odwolanie/"
    assert client_for(b.director(b.school())).get(url).status_code == 404
    partner_page = (
        client_for(partner).get(f"/edukacja/orientacja-zawodowa/{booking.activity_id}/").content.decode()
    )
    assert url in partner_page  # the partner sees who booked, with the way to cancel
    client = client_for(director)
    assert url in client.get("/edukacja/szkola/orientacja-zawodowa/").content.decode()
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200
    assert not CareerBooking.objects.get(pk=booking.pk).is_cancelled
    response = client.post(url, {"reason": "Zmiana planu lekcji"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Zmiana planu lekcji" in page
    assert url not in page  # no way to cancel twice
    assert timezone.now() - CareerBooking.objects.get(pk=booking.pk).cancelled_at < timedelta(minutes=1)
