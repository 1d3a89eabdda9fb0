"""Consultation slots: the centre publishes them, a teacher books one; a slot is never booked
twice (the service says so, and the database refuses it whatever code runs)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.education.models_training import ConsultationBooking
from kierunek.education.services import training as services

from .builders import centre_staff, teacher

pytestmark = pytest.mark.django_db


def slot(by=None, *, days: int = 3):
    starts = timezone.now() + timedelta(days=days)
    return services.slot_publish(
        actor=Actor.of(by or centre_staff()),
        topic="Ewaluacja wewnętrzna",
        starts_at=starts,
        ends_at=starts + timedelta(minutes=45),
        place="MCDN, ul. Lubelska 23, Kraków",
    )


def test_a_slot_is_booked_once_and_freed_by_cancelling():
    free = slot()
    first, second = teacher(), teacher()
    booking = services.consultation_book(actor=Actor.of(first), slot_id=free.pk, question="Jak zacząć?")
    with pytest.raises(ValidationError, match="already booked"):
        services.consultation_book(actor=Actor.of(second), slot_id=free.pk)
    services.consultation_cancel(actor=Actor.of(first), booking_id=booking.pk)
    again = services.consultation_book(actor=Actor.of(second), slot_id=free.pk)
    assert again.teacher == second


def test_the_database_refuses_a_second_live_booking_of_a_slot():
    free = slot()
    ConsultationBooking.objects.create(slot=free, teacher=teacher())
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationBooking.objects.create(slot=free, teacher=teacher())


def test_only_the_centre_publishes_slots_and_not_twice_at_once():
    staff = centre_staff()
    slot(staff)
    with pytest.raises(ValidationError, match="already offer"):
        slot(staff)
    with pytest.raises(PermissionDenied):
        slot(teacher())


def test_a_past_slot_is_not_booked():
    past = slot(days=1)
    with pytest.raises(ValidationError, match="passed"):
        services.consultation_book(
            actor=Actor.of(teacher()), slot_id=past.pk, now=past.starts_at + timedelta(minutes=1)
        )


def test_the_teacher_books_on_the_page_and_the_slot_leaves_the_list(client):
    free = slot()
    person = teacher()
    client.force_login(person)
    page = client.get("/edukacja/konsultacje/")
    assert page.status_code == 200
    assert f"/edukacja/konsultacje/{free.pk}/rezerwuj/" in page.content.decode()
    done = client.post(f"/edukacja/konsultacje/{free.pk}/rezerwuj/", {"question": "Plan pracy"})
    assert done.status_code == 302
    assert ConsultationBooking.objects.get(slot=free).teacher == person
    assert (
        f"/edukacja/konsultacje/{free.pk}/rezerwuj/"
        not in client.get("/edukacja/konsultacje/").content.decode()
    )
