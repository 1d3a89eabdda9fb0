"""A report of an inaccessible element reaches the office with the date its answer is due; the
office postpones it within the act's limit, or answers; the person is told each time."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.cms.models import AccessibilityReport, ReportStatus
from kierunek.core.models import AuditEvent

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Jan Przykładowy",
    "email": "jan@test.example",
    "address": "/strony/mpku/",
    "description": "Plik PDF nie ma tekstu, czytnik ekranu nic nie czyta.",
    "wanted": "Proszę o wersję DOCX.",
}


def test_anybody_reports_and_the_office_answers(client, staff_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/deklaracja-dostepnosci/zgloszenie/", FORM, follow=True)
    assert response.status_code == 200
    report = AccessibilityReport.objects.get()
    assert report.due_on == timezone.localdate() + timedelta(days=7)
    assert report.status == ReportStatus.RECEIVED
    assert mail.outbox[-1].to == ["jan@test.example"]
    assert report.reference in mail.outbox[-1].body
    office, _officer = staff_client(Role.OFFICER)
    listing = office.get("/biuro/dostepnosc/").content.decode()
    assert report.reference in listing
    assert office.get(f"/biuro/dostepnosc/{report.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="cms.accessibility_report_read").exists()
    too_late = (report.received_on + timedelta(days=70)).isoformat()
    response = office.post(
        f"/biuro/dostepnosc/{report.pk}/",
        {"action": "extend", "extend-new_due": too_late, "extend-reason": "Potrzebny wykonawca."},
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == ReportStatus.RECEIVED
    new_due = (report.received_on + timedelta(days=30)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            f"/biuro/dostepnosc/{report.pk}/",
            {"action": "extend", "extend-new_due": new_due, "extend-reason": "Potrzebny wykonawca."},
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.EXTENDED
    assert report.due_on.isoformat() == new_due
    assert mail.outbox[-1].to == ["jan@test.example"]
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            f"/biuro/dostepnosc/{report.pk}/",
            {"action": "alternative", "answer-answer": "Przesyłamy treść w pliku DOCX."},
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.ALTERNATIVE_OFFERED
    assert "DOCX" in mail.outbox[-1].body


def test_a_report_without_a_description_is_refused_on_the_form(client):
    response = client.post("/deklaracja-dostepnosci/zgloszenie/", {**FORM, "description": ""})
    assert response.status_code == 200
    assert not AccessibilityReport.objects.exists()


def test_only_officers_see_the_reports(staff_client):
    partner, _user = staff_client(Role.PARTNER_STAFF)
    assert partner.get("/biuro/dostepnosc/").status_code == 403
