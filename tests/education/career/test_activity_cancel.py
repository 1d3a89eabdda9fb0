"""The partner cancelling a whole career-orientation activity: its staff (or the Metropolis)
cancel before the day with a reason; every booking of it is cancelled with that reason, the places
go back and the pupils no longer count as reached; each booking's school side is e-mailed; the
activity leaves the offer and is shown cancelled to those who had booked it; nobody else may
cancel it, and a refusal changes nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.education import services
from kierunek.education.models import CareerActivity, CareerBooking
from kierunek.education.selectors_career import ActivityFilters, activities_search, pupils_reached
from tests.education import builders_edua as b
from tests.partnership import builders as partnership

pytestmark = pytest.mark.django_db


def _book(person, activity, school, pupils):  # type: ignore[no-untyped-def]
    return services.career_activity_book(
        actor=Actor.of(person), activity_id=activity.pk, school_id=school.pk, grade=7, pupils=pupils
    )


def _activity_with_bookings():  # type: ignore[no-untyped-def]
    """An activity with three bookings: one by a director, one by gmina staff for another school
    (whose director did not book), and one the school already cancelled."""
    partner, institution = b.partner_staff()
    activity = b.activity(partner, institution=institution)
    first, second, third = b.school(name="SP 1"), b.school(name="SP 2"), b.school(name="SP 3")
    director = b.director(first)
    second_director = b.director(second)
    gmina_staff = b.gmina_staff()
    third_director = b.director(third)
    booked = [
        _book(director, activity, first, 10),
        _book(gmina_staff, activity, second, 8),
        _book(third_director, activity, third, 5),
    ]
    services.career_booking_cancel(
        actor=Actor.of(third_director), booking_id=booked[2].pk, reason="Wycieczka klasowa"
    )
    people = {
        "partner": partner,
        "director": director,
        "second_director": second_director,
        "gmina_staff": gmina_staff,
        "third_director": third_director,
    }
    return activity, booked, people


def _cancel(person, activity, reason="Prowadzący zachorował", **kw):  # type: ignore[no-untyped-def]
    return services.career_activity_cancel(
        actor=Actor.of(person), activity_id=activity.pk, reason=reason, **kw
    )


def test_the_partner_cancels_every_booking_goes_and_each_school_side_is_told(
    django_capture_on_commit_callbacks,
):
    activity, booked, people = _activity_with_bookings()
    year = activity.held_on.year
    assert pupils_reached(year=year).total == 18
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _cancel(people["partner"], activity)
    activity.refresh_from_db()
    assert activity.is_cancelled
    assert activity.cancel_reason == "Prowadzący zachorował"
    assert activity.places_taken == 0
    live, by_gmina, earlier = (CareerBooking.objects.get(pk=x.pk) for x in booked)
    assert live.cancel_reason == by_gmina.cancel_reason == "Prowadzący zachorował"
    assert live.cancelled_by == people["partner"]
    assert earlier.cancel_reason == "Wycieczka klasowa"  # the school's own cancelling stays as it was
    assert pupils_reached(year=year).total == 0
    recipients = sorted(tuple(m.to) for m in mail.outbox)
    # the first school's director booked; the second school's booking was the gmina's, and its
    # director hears too; the third school had cancelled already and is not told again
    assert recipients == sorted(
        [(people["director"].email,), (people["gmina_staff"].email,), (people["second_director"].email,)]
    )
    assert all("Prowadzący zachorował" in m.body for m in mail.outbox)
    assert AuditEvent.objects.filter(action="education.career_activity_cancelled").count() == 1
    assert AuditEvent.objects.filter(action="education.career_booking_cancelled").count() == 3  # 1 + 2
    assert activity not in activities_search(ActivityFilters())


def test_a_cancelled_activity_cannot_be_booked_or_cancelled_again():
    activity, _booked, people = _activity_with_bookings()
    _cancel(b.metropolis_staff(), activity)  # the Metropolis speaks for the partner
    late = b.school(name="SP 9")
    with pytest.raises(ValidationError):
        _book(b.director(late), activity, late, 1)
    with pytest.raises(ValidationError):
        _cancel(people["partner"], activity)
    assert CareerActivity.objects.get(pk=activity.pk).places_taken == 0


def test_nobody_else_may_cancel_and_nothing_changes():
    activity, booked, people = _activity_with_bookings()
    other_partner = partnership.staff_of(partnership.institution("Uniwersytet Rolniczy", powiat="1261"))
    for person in (people["director"], people["gmina_staff"], other_partner, b.teacher()):
        with pytest.raises(PermissionDenied):
            _cancel(person, activity)
    activity.refresh_from_db()
    assert not activity.is_cancelled
    assert activity.places_taken == 18
    assert not CareerBooking.objects.get(pk=booked[0].pk).is_cancelled


def test_no_reason_or_after_the_day_is_refused_and_nothing_changes():
    activity, booked, people = _activity_with_bookings()
    with pytest.raises(ValidationError) as refusal:
        _cancel(people["partner"], activity, reason="   ")
    assert "reason" in refusal.value.message_dict
    with pytest.raises(ValidationError):
        _cancel(people["partner"], activity, today=activity.held_on + timedelta(days=1))
    activity.refresh_from_db()
    assert not activity.is_cancelled
    assert activity.places_taken == 18
    assert not CareerBooking.objects.get(pk=booked[1].pk).is_cancelled


def test_the_pages_cancel_and_show_the_activity_cancelled_only_to_those_who_booked(client_for):
    activity, _booked, people = _activity_with_bookings()
    page_url = f"/edukacja/orientacja-zawodowa/{activity.pk}/"
    cancel_url = f"/edukacja/orientacja-zawodowa/{activity.pk}/odwolanie/"
    other_partner = partnership.staff_of(partnership.institution("Uniwersytet Rolniczy", powiat="1261"))
    assert client_for(other_partner).get(cancel_url).status_code == 404
    assert cancel_url not in client_for(other_partner).get(page_url).content.decode()
    assert client_for(people["director"]).get(cancel_url).status_code == 403
    partner = client_for(people["partner"])
    assert cancel_url in partner.get(page_url).content.decode()
    refused = partner.post(cancel_url, {"reason": ""})
    assert refused.status_code == 200
    assert not CareerActivity.objects.get(pk=activity.pk).is_cancelled
    done = partner.post(cancel_url, {"reason": "Laboratorium w remoncie"})
    assert done.status_code == 302
    assert done["Location"] == page_url
    assert CareerActivity.objects.get(pk=activity.pk).is_cancelled
    # gone from the offer, for the public and for schools that had not booked it
    assert (
        page_url
        not in client_for(b.director(b.school(name="SP 9")))
        .get("/edukacja/orientacja-zawodowa/")
        .content.decode()
    )
    assert client_for(b.director(b.school(name="SP 10"))).get(page_url).status_code == 404
    assert client_for(b.teacher()).get(page_url).status_code == 404
    # those who had booked it see it cancelled, with the reason, and nothing to book
    for person in (people["director"], people["gmina_staff"], people["third_director"]):
        page = client_for(person).get(page_url).content.decode()
        assert "Zajęcia są odwołane." in page
        assert "Laboratorium w remoncie" in page
        assert f"{page_url}rezerwacja/" not in page
    school_page = client_for(people["director"]).get("/edukacja/szkola/orientacja-zawodowa/")
    assert "Zajęcia są odwołane." in school_page.content.decode()
    assert cancel_url not in partner.get(page_url).content.decode()  # no way to cancel twice


def test_the_api_no_longer_offers_a_cancelled_activity(client):  # type: ignore[no-untyped-def]
    activity, _booked, people = _activity_with_bookings()
    assert client.get(f"/api/v1/education/career-activities/{activity.pk}").status_code == 200
    _cancel(people["partner"], activity)
    assert client.get(f"/api/v1/education/career-activities/{activity.pk}").status_code == 404
    listed = client.get("/api/v1/education/career-activities").json()
    assert activity.pk not in [a["id"] for a in listed]
