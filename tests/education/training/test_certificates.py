"""The certificate of completion: a PDF for the teacher who completed the course, and the public
verification page by its code (valid, unknown, malformed)."""

from __future__ import annotations

import pytest

from .builders import completed, course, enrol, teacher

pytestmark = pytest.mark.django_db


def test_the_teacher_downloads_the_certificate_and_anyone_verifies_it(client):
    person = teacher()
    person.first_name, person.last_name = "Anna", "Nowak"
    person.save()
    enrolment = completed(enrol(course(title="Tutoring w szkole", hours=12), person))
    code = enrolment.registration.certificate.code

    client.force_login(person)
    pdf = client.get(f"/edukacja/szkolenia/moje/{enrolment.pk}/zaswiadczenie.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert code in pdf["Content-Disposition"]
    client.logout()

    grouped = "-".join(code[i : i + 4] for i in range(0, 12, 4))
    page = client.get(f"/edukacja/szkolenia/zaswiadczenia/{grouped.lower()}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Anna Nowak" in text
    assert "Tutoring w szkole" in text
    assert enrolment.school.name in text


def test_an_unknown_or_malformed_code_is_not_found(client):
    assert client.get("/edukacja/szkolenia/zaswiadczenia/ABCD-EFGH-JKMN/").status_code == 404
    assert client.get("/edukacja/szkolenia/zaswiadczenia/nie-ma/").status_code == 404


def test_no_certificate_before_completion_nor_of_another_teacher(client):
    enrolment = enrol(course())
    client.force_login(enrolment.teacher)
    assert client.get(f"/edukacja/szkolenia/moje/{enrolment.pk}/zaswiadczenie.pdf").status_code == 404
    done = completed(enrol(course(title="Inny kurs")))
    assert client.get(f"/edukacja/szkolenia/moje/{done.pk}/zaswiadczenie.pdf").status_code == 404
