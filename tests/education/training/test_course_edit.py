"""The centre changes a course it published: places never drop below the seats taken, places
added are offered to the waiting list, enrolments keep their price; only the member of staff who
published it changes it (the page does not exist for the others), teachers are refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.education.models_training import TrainingCourse
from kierunek.education.services import training as services
from kierunek.events import domain as events_domain

from .builders import INVOICE, centre_staff, course, enrol, teacher

pytestmark = pytest.mark.django_db


def changes(c: TrainingCourse, **overrides) -> services.CourseChanges:
    event = c.event
    values = {
        "title": event.title,
        "form": c.form,
        "capacity": event.capacity,
        "gmina_teryt": event.gmina.teryt,
        "address": event.address,
        "audience": c.audience,
        "hours": c.hours,
        "price_grosze": c.price_grosze,
    }
    values.update(overrides)
    return services.CourseChanges(**values)


def test_added_places_go_to_the_waiting_list_and_enrolments_keep_their_price():
    staff = centre_staff()
    paid = course(by=staff, capacity=1, price_grosze=20_000)
    first = enrol(paid, **INVOICE)
    second = enrol(paid, **INVOICE)
    assert second.registration.status == events_domain.WAITING

    services.course_update(
        actor=Actor.of(staff),
        course_id=paid.pk,
        changes=changes(paid, capacity=3, price_grosze=25_000, need_topic="assessment", hours=6),
    )

    paid.refresh_from_db()
    paid.event.refresh_from_db()
    assert (paid.event.capacity, paid.price_grosze, paid.need_topic, paid.hours) == (
        3,
        25_000,
        "assessment",
        6,
    )
    second.registration.refresh_from_db()
    assert second.registration.status == events_domain.OFFERED
    first.refresh_from_db()
    assert first.price_grosze == 20_000
    assert AuditEvent.objects.filter(action="training.course_changed", object_id=str(paid.pk)).count() == 1


def test_places_cannot_drop_below_the_seats_taken_and_nothing_changes():
    staff = centre_staff()
    c = course(by=staff, capacity=3)
    enrol(c)
    enrol(c)
    with pytest.raises(ValidationError) as refusal:
        services.course_update(
            actor=Actor.of(staff), course_id=c.pk, changes=changes(c, capacity=1, title="Inny tytuł")
        )
    assert "capacity" in refusal.value.message_dict
    c.event.refresh_from_db()
    assert (c.event.capacity, c.event.title) == (3, "Ocenianie kształtujące w praktyce")


def test_another_member_of_staff_and_a_teacher_are_refused_and_nothing_changes():
    c = course(capacity=5)
    with pytest.raises(PermissionDenied):
        services.course_update(actor=Actor.of(centre_staff()), course_id=c.pk, changes=changes(c, capacity=9))
    with pytest.raises(PermissionDenied):
        services.course_update(actor=Actor.of(teacher()), course_id=c.pk, changes=changes(c, capacity=9))
    c.event.refresh_from_db()
    assert c.event.capacity == 5
    assert not AuditEvent.objects.filter(action="training.course_changed").exists()


def test_the_publisher_changes_the_course_on_its_page(staff_client):
    client, staff = staff_client("training_centre_staff")
    c = course(by=staff, capacity=4, price_grosze=12_050)
    enrol(c, **INVOICE)
    url = f"/edukacja/osrodek/szkolenia/{c.pk}/zmiana/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="120,50"' in html
    assert 'name="starts_at"' not in html  # dates are the event's page's
    form = {
        "title": "Ocenianie kształtujące — poziom 2",
        "form": "workshop",
        "gmina": c.event.gmina_id,
        "address": "ul. Szkolna 2",
        "capacity": "6",
        "audience": "teachers",
        "members_only": "on",
        "need_topic": "assessment",
        "hours": "4",
        "price": "0",
    }
    assert client.post(url, form).status_code == 302
    c.refresh_from_db()
    c.event.refresh_from_db()
    assert (c.event.title, c.form, c.event.capacity, c.price_grosze) == (
        "Ocenianie kształtujące — poziom 2",
        "workshop",
        6,
        0,
    )
    refused = client.post(url, {**form, "capacity": "0"})
    assert refused.status_code == 200
    c.event.refresh_from_db()
    assert c.event.capacity == 6


def test_the_page_does_not_exist_for_other_staff_and_refuses_teachers(staff_client):
    c = course()
    url = f"/edukacja/osrodek/szkolenia/{c.pk}/zmiana/"
    client, _other = staff_client("training_centre_staff")
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "X", "capacity": "1"}).status_code == 404
    client.force_login(teacher())
    assert client.get(url).status_code == 403
    c.event.refresh_from_db()
    assert c.event.title == "Ocenianie kształtujące w praktyce"
