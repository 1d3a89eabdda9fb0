"""Enrolling in the centre's courses reuses events' places and waiting list: a place while one is
free, the waiting list after; a cancelled place goes to the next person waiting; the course's own
rule of who may enrol; invoice details for paid courses."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from kierunek.core.actor import Actor
from kierunek.education.models_training import Enrolment
from kierunek.education.services import training as services
from kierunek.events import services as events_services
from kierunek.events.models import Registration

from .builders import INVOICE, NOWY_TARG, completed, course, enrol, school, teacher

pytestmark = pytest.mark.django_db


def status(enrolment: Enrolment) -> str:
    return Registration.objects.get(pk=enrolment.registration_id).status


def test_places_then_the_waiting_list_then_promotion_when_a_place_frees():
    workshop = course(capacity=2)
    first, second, third = enrol(workshop), enrol(workshop), enrol(workshop)
    assert [status(first), status(second), status(third)] == ["confirmed", "confirmed", "waiting"]
    workshop.event.refresh_from_db()
    assert workshop.event.seats_taken == 2

    services.enrolment_cancel(actor=Actor.of(first.teacher), enrolment_id=first.pk)

    assert status(first) == "cancelled"
    assert status(third) == "offered"  # the freed place is offered to the first person waiting
    events_services.offer_accept(actor=Actor.of(third.teacher), registration_id=third.registration_id)
    assert status(third) == "confirmed"
    workshop.event.refresh_from_db()
    assert workshop.event.seats_taken == 2


def test_the_enrolment_records_the_school_and_a_second_one_is_refused():
    workshop = course()
    person = teacher()
    enrolment = enrol(workshop, person)
    assert enrolment.school == person.school_posts.get().school
    with pytest.raises(ValidationError, match="already enrolled"):
        enrol(workshop, person)
    services.enrolment_cancel(actor=Actor.of(person), enrolment_id=enrolment.pk)
    again = enrol(workshop, person)  # after cancelling, one may enrol again
    assert status(again) == "confirmed"


def test_a_teacher_enrols_only_with_a_school_where_they_work():
    workshop = course()
    person = teacher()
    other_school = school(name="Szkoła Podstawowa nr 2")
    with pytest.raises(ValidationError, match="school where you work"):
        services.enrolment_create(actor=Actor.of(person), course_id=workshop.pk, school_id=other_school.pk)


def test_the_course_admits_its_audience_only():
    for_directors = course(audience="directors")
    with pytest.raises(ValidationError, match="another group"):
        enrol(for_directors, teacher())
    assert status(enrol(for_directors, teacher(function="director"))) == "confirmed"

    maths = course(subject="Matematyka")
    with pytest.raises(ValidationError, match="another subject"):
        enrol(maths, teacher(subjects="historia, wos"))
    assert status(enrol(maths, teacher(subjects="fizyka, matematyka"))) == "confirmed"

    members = course(members_only=True)
    with pytest.raises(ValidationError, match="member gminas"):
        enrol(members, teacher(school(NOWY_TARG)))
    everyone = course(members_only=False)
    assert status(enrol(everyone, teacher(school(NOWY_TARG)))) == "confirmed"


def test_only_teachers_and_directors_enrol():
    workshop = course()
    from tests.accounts.factories import ParticipantFactory

    with pytest.raises(PermissionDenied):
        services.enrolment_create(actor=Actor.of(ParticipantFactory()), course_id=workshop.pk, school_id=1)


def test_nobody_joins_a_course_through_the_events_registration_without_a_school():
    workshop = course()
    with pytest.raises(PermissionDenied):
        events_services.registration_create(actor=Actor.of(teacher()), event_id=workshop.event_id)


def test_a_paid_course_needs_the_schools_invoice_details_with_a_valid_nip():
    paid = course(price_grosze=35_000)
    with pytest.raises(ValidationError) as refused:
        enrol(paid)
    assert {"invoice_name", "invoice_nip", "invoice_address"} <= set(refused.value.message_dict)
    with pytest.raises(ValidationError) as refused:
        enrol(paid, **{**INVOICE, "nip": "526-000-12-47"})
    assert "check digit" in " ".join(refused.value.message_dict["invoice_nip"])

    enrolment = enrol(paid, **INVOICE)
    assert (enrolment.price_grosze, enrolment.invoice_nip) == (35_000, "5260001246")
    free = enrol(course(), **INVOICE)
    assert (free.price_grosze, free.invoice_nip) == (0, "")  # a free course keeps no invoice details


def test_the_database_refuses_a_paid_enrolment_without_invoice_details():
    enrolment = enrol(course())
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.filter(pk=enrolment.pk).update(price_grosze=100)


def test_a_cancelled_enrolment_after_the_start_is_refused():
    workshop = course(days=1)
    enrolment = enrol(workshop)
    later = workshop.event.starts_at
    with pytest.raises(ValidationError, match="has started"):
        services.enrolment_cancel(actor=Actor.of(enrolment.teacher), enrolment_id=enrolment.pk, now=later)


def test_completion_issues_the_events_certificate():
    enrolment = completed(enrol(course()))
    assert enrolment.registration is not None
    assert enrolment.registration.certificate.code
