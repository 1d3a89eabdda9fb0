"""Booking career-orientation activities: places are never overbooked, a director books for their
own school and gmina staff for their gmina's schools only, and only for the activity's grades;
pupils reached are counted by grade and gmina; the gmina's plan is compared with what was done."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.education import services
from kierunek.education.models import CareerActivity, CareerBooking, SchoolType
from kierunek.education.selectors_career import plan_progress, pupils_reached
from tests.education import builders_edua as b

pytestmark = pytest.mark.django_db


def _book(person, activity, school, *, grade=7, pupils=10, **kw):  # type: ignore[no-untyped-def]
    return services.career_activity_book(
        actor=Actor.of(person), activity_id=activity.pk, school_id=school.pk, grade=grade, pupils=pupils, **kw
    )


def test_places_are_taken_until_none_is_left():
    activity = b.activity(places=30)
    school = b.school()
    director = b.director(school)
    staff = b.gmina_staff()
    _book(director, activity, school, pupils=20)
    _book(staff, activity, b.school(), grade=8, pupils=10)
    with pytest.raises(ValidationError, match=r"No places|wolnych miejsc"):
        _book(director, activity, school, pupils=1)
    activity.refresh_from_db()
    assert activity.places_taken == 30
    assert CareerBooking.objects.count() == 2


def test_more_pupils_than_places_left_is_refused_and_nothing_changes():
    activity = b.activity(places=12)
    school = b.school()
    with pytest.raises(ValidationError):
        _book(b.director(school), activity, school, pupils=13)
    activity.refresh_from_db()
    assert activity.places_taken == 0
    assert not CareerBooking.objects.exists()


def test_a_director_books_only_for_their_own_school():
    activity = b.activity()
    own, other = b.school(), b.school()
    director = b.director(own)
    with pytest.raises(PermissionDenied):
        _book(director, activity, other)
    assert _book(director, activity, own).school == own


def test_gmina_staff_book_only_for_schools_of_their_gmina():
    activity = b.activity()
    staff = b.gmina_staff()  # Wieliczka
    with pytest.raises(PermissionDenied):
        _book(staff, activity, b.school(b.NIEPOLOMICE))
    booking = _book(staff, activity, b.school())
    assert booking.gmina.teryt == b.WIELICZKA


@pytest.mark.parametrize("role", ["teacher", "metropolis_staff", "partner_staff", "participant"])
def test_other_roles_do_not_book(role):
    activity = b.activity()
    with pytest.raises(PermissionDenied):
        _book(b.user(role), activity, b.school())


def test_only_the_activitys_grades_and_level_are_booked():
    activity = b.activity(grade_from=7, grade_to=8)
    school = b.school()
    director = b.director(school)
    with pytest.raises(ValidationError):
        _book(director, activity, school, grade=6)
    liceum = b.school(type=SchoolType.GENERAL_SECONDARY, name="Liceum Ogólnokształcące")
    with pytest.raises(ValidationError):
        _book(b.director(liceum), activity, liceum, grade=7)


def test_a_past_activity_is_not_booked():
    activity = b.activity()
    school = b.school()
    with pytest.raises(ValidationError):
        _book(b.director(school), activity, school, today=activity.held_on + timedelta(days=1))


def test_partner_staff_publish_for_their_institution_and_the_metropolis_names_the_partner():
    person, institution = b.partner_staff()
    own = b.activity(person, institution=None)
    assert own.institution == institution
    office = b.metropolis_staff()
    with pytest.raises(ValidationError):
        b.activity(office, institution=None)
    assert b.activity(office, institution=institution).institution == institution
    with pytest.raises(PermissionDenied):
        b.activity(b.user("teacher"), institution=institution)


def test_pupils_reached_by_grade_and_gmina_and_the_plan_against_them():
    activity = b.activity(places=100, held_on=timezone.localdate() + timedelta(days=3))
    staff_w, staff_n = b.gmina_staff(), b.gmina_staff(b.NIEPOLOMICE)
    _book(staff_w, activity, b.school(), grade=7, pupils=20)
    _book(staff_w, activity, b.school(), grade=8, pupils=15)
    _book(staff_n, activity, b.school(b.NIEPOLOMICE), grade=7, pupils=11)
    year = activity.held_on.year
    services.career_plan_save(actor=Actor.of(staff_w), year=year, planned_activities=4, planned_pupils=200)

    reach = pupils_reached(year=year)

    assert reach.grades == [("primary", 7), ("primary", 8)]
    assert reach.pupils(b.gmina(), "primary", 7) == 20
    assert reach.pupils(b.gmina(), "primary", 8) == 15
    assert reach.pupils(b.gmina(b.NIEPOLOMICE), "primary", 7) == 11
    assert reach.totals == [31, 15]
    assert reach.total == 46
    assert [row[0].name for row in reach.rows] == ["Niepołomice", "Wieliczka"]
    progress = plan_progress(gmina=b.gmina(), year=year)
    assert (progress.activities, progress.pupils) == (1, 35)
    assert progress.plan.planned_pupils == 200


def test_the_database_refuses_overbooking_whatever_code_runs():
    activity = b.activity(places=5)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CareerActivity.objects.filter(pk=activity.pk).update(places_taken=6)
