"""The pages by role and object: the offer is public, a teacher enrols through the page with
their school, the centre's pages are the centre's, another teacher's enrolment is not found,
and the centre's read of a course's enrolments is recorded."""

from __future__ import annotations

import pytest

from kierunek.core.models import AuditEvent
from kierunek.education.models_training import Enrolment

from .builders import INVOICE, course, enrol, teacher

pytestmark = pytest.mark.django_db


def test_the_offer_and_a_course_are_public(client):
    workshop = course(title="Neurodydaktyka na co dzień", form="workshop")
    paid = course(
        title="Kurs kwalifikacyjny: doradztwo zawodowe", form="qualifying_course", price_grosze=120_000
    )
    listed = client.get("/edukacja/szkolenia/").content.decode()
    assert workshop.event.title in listed
    assert paid.event.title in listed
    only_paid = client.get("/edukacja/szkolenia/", {"price": "paid"}).content.decode()
    assert paid.event.title in only_paid
    assert workshop.event.title not in only_paid
    page = client.get(f"/edukacja/szkolenia/{paid.pk}/")
    assert page.status_code == 200
    assert "1200,00" in page.content.decode().replace("\xa0", "").replace(" ", "")


def test_a_teacher_enrols_through_the_page_with_the_schools_invoice_details(client):
    paid = course(price_grosze=25_000)
    person = teacher()
    client.force_login(person)
    form = client.get(f"/edukacja/szkolenia/{paid.pk}/zapis/")
    assert form.status_code == 200
    assert 'name="invoice_nip"' in form.content.decode()
    school_id = person.school_posts.get().school_id
    refused = client.post(f"/edukacja/szkolenia/{paid.pk}/zapis/", {"school": school_id})
    assert refused.status_code == 200
    assert not Enrolment.objects.exists()
    done = client.post(
        f"/edukacja/szkolenia/{paid.pk}/zapis/",
        {
            "school": school_id,
            "invoice_name": INVOICE["name"],
            "invoice_nip": INVOICE["nip"],
            "invoice_address": INVOICE["address"],
        },
    )
    assert done.status_code == 302
    enrolment = Enrolment.objects.get(teacher=person)
    assert enrolment.invoice_nip == "5260001246"
    mine = client.get("/edukacja/szkolenia/moje/").content.decode()
    assert paid.event.title in mine
    cancelled = client.post(f"/edukacja/szkolenia/moje/{enrolment.pk}/rezygnacja/", {"confirmed": "yes"})
    assert cancelled.status_code == 302
    enrolment.registration.refresh_from_db()
    assert enrolment.registration.status == "cancelled"


def test_another_teachers_enrolment_is_not_found(client):
    enrolment = enrol(course())
    client.force_login(teacher())
    assert (
        client.post(f"/edukacja/szkolenia/moje/{enrolment.pk}/rezygnacja/", {"confirmed": "yes"}).status_code
        == 404
    )
    enrolment.registration.refresh_from_db()
    assert enrolment.registration.status == "confirmed"


@pytest.mark.parametrize(
    "path", ["/edukacja/osrodek/", "/edukacja/osrodek/szkolenia/nowe/", "/edukacja/osrodek/konsultacje/"]
)
def test_the_centres_pages_are_the_centres(client, path):
    client.force_login(teacher())
    assert client.get(path).status_code == 403
    client.logout()
    assert client.get(path).status_code == 302


def test_the_centre_publishes_a_course_and_reads_its_enrolments_on_record(client, staff_client):
    staff_browser, staff = staff_client("training_centre_staff")
    created = staff_browser.post(
        "/edukacja/osrodek/szkolenia/nowe/",
        {
            "title": "Sztuczna inteligencja w pracy nauczyciela",
            "form": "training",
            "starts_at": "2031-03-02T16:00",
            "ends_at": "2031-03-02T19:00",
            "sessions": "3",
            "gmina": "",
            "online_url": "https://spotkania.example/ai",
            "capacity": "20",
            "audience": "teachers",
            "members_only": "on",
            "hours": "9",
            "price": "150,00",
        },
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    from kierunek.education.models_training import TrainingCourse

    published = TrainingCourse.objects.get()
    assert published.price_grosze == 15_000
    assert published.event.sessions.count() == 3
    assert published.event.organiser == staff
    enrolment = enrol(published, **INVOICE)
    page = staff_browser.get(f"/edukacja/osrodek/szkolenia/{published.pk}/")
    assert page.status_code == 200
    assert enrolment.school.name in page.content.decode()
    read = AuditEvent.objects.filter(action="participant.list_read").last()
    assert read is not None
    assert read.details["participants"] == [enrolment.teacher_id]
