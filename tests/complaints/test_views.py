"""The complaints pages by audience: the participant files about their own booking (the link on the
booking page) and follows it; anyone files from the card page and follows it by the secret link;
the provider's staff see only complaints about their organisation, once taken up, and answer; the
officer takes up, decides (errors on the form), and freezes only after the confirm step."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kierunek.complaints import services
from kierunek.complaints.models import Complaint
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import PayoutFreeze
from tests.accounts.factories import ParticipantFactory
from tests.pages import shows, text
from tests.providers.factories import provider_staff_of
from tests.vouchers.builders import card, officer, quality_provider, settled_booking, staff_of

from .builders import about_booking, about_card, accepted_booking, answered, decided, taken

pytestmark = pytest.mark.django_db


def test_the_booking_page_links_to_a_complaint_and_the_participant_files_it(client):
    booking = accepted_booking()
    client.force_login(booking.participant)

    page = client.get(reverse("vouchers:booking", args=[booking.pk]))
    url = reverse("complaints:booking_complain", args=[booking.pk])
    assert f'href="{url}"' in text(page)

    pdf = SimpleUploadedFile("skan.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    response = client.post(
        url, {"about": "service", "subject": "Brak sali", "description": "Zajęć nie było.", "attachment": pdf}
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:mine", args=[complaint.pk])
    assert (complaint.complainant, complaint.booking) == (booking.participant, booking)
    mine = client.get(response["Location"])
    assert "Brak sali" in text(mine)
    assert complaint.number in text(mine)
    assert (
        client.get(reverse("complaints:attachment", args=[complaint.pk]))["Content-Type"] == "application/pdf"
    )


def test_a_participant_cannot_complain_about_or_see_someone_elses(client):
    booking = accepted_booking()
    complaint = about_booking(booking)
    client.force_login(ParticipantFactory())

    assert client.get(reverse("complaints:booking_complain", args=[booking.pk])).status_code == 404
    posted = client.post(
        reverse("complaints:booking_complain", args=[booking.pk]),
        {"about": "service", "subject": "x", "description": "y"},
    )
    assert posted.status_code == 404
    assert client.get(reverse("complaints:mine", args=[complaint.pk])).status_code == 404
    assert client.get(reverse("complaints:attachment", args=[complaint.pk])).status_code == 404
    assert complaint.number not in text(client.get(reverse("complaints:my_complaints")))
    assert Complaint.objects.count() == 1


def test_a_missing_subject_is_a_form_error_with_the_input_kept(client):
    booking = accepted_booking()
    client.force_login(booking.participant)
    response = client.post(
        reverse("complaints:booking_complain", args=[booking.pk]),
        {"about": "service", "subject": "", "description": "Opis, który zostaje."},
    )
    assert response.status_code == 200
    assert "Opis, który zostaje." in text(response)
    assert 'id="id_subject_errors"' in text(response)
    assert not Complaint.objects.exists()


def test_anyone_files_from_the_card_page_and_follows_the_secret_link(client):
    service = card()
    page = client.get(reverse("catalogue:card", args=[service.pk]))
    url = reverse("complaints:card_complain", args=[service.pk])
    assert f'href="{url}"' in text(page)

    response = client.post(
        url,
        {
            "name": "Maria Nowak",
            "email": "maria@example.com",
            "about": "provider",
            "subject": "Nieuprzejma obsługa",
            "description": "Nikt nie odbierał telefonu.",
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/skargi/status/")
    status = client.get(response["Location"])
    assert "Nieuprzejma obsługa" in text(status)
    assert status["Referrer-Policy"] == "no-referrer"
    assert complaint.email == "maria@example.com"
    assert complaint.complainant is None
    assert client.get("/skargi/status/" + "x" * 43 + "/").status_code == 404


def test_the_public_form_answers_429_past_the_limit(client):
    service = card()
    for _ in range(services.PUBLIC_COMPLAINTS_PER_HOUR):
        about_card(service, ip_address="127.0.0.1")
    response = client.post(
        reverse("complaints:card_complain", args=[service.pk]),
        {"name": "A", "email": "a@example.com", "about": "service", "subject": "s", "description": "d"},
    )
    assert response.status_code == 429
    assert Complaint.objects.count() == services.PUBLIC_COMPLAINTS_PER_HOUR


def test_the_provider_sees_only_its_complaints_once_taken_up_and_answers_once(client_for):
    complaint = about_booking()
    staff = staff_of(complaint.booking)
    provider_client = client_for(staff)
    mine = reverse("complaints:provider_complaint", args=[complaint.pk])
    assert provider_client.get(mine).status_code == 404  # not yet taken up
    taken(complaint)

    page = provider_client.get(mine)
    assert page.status_code == 200
    assert 'name="answer"' in text(page)
    provider_client.post(mine, {"answer": "Zajęcia odbędą się w przyszłym tygodniu."})
    complaint.refresh_from_db()
    assert (complaint.status, complaint.answered_by) == ("answered", staff)
    assert 'name="answer"' not in text(provider_client.get(mine))

    other = client_for(provider_staff_of(quality_provider()))
    assert other.get(mine).status_code == 404
    assert other.get(reverse("complaints:attachment", args=[complaint.pk])).status_code == 404
    assert complaint.number not in text(other.get(reverse("complaints:provider_complaints")))
    posted = other.post(mine, {"answer": "Nie nasza sprawa."})
    assert posted.status_code == 404
    complaint.refresh_from_db()
    assert complaint.answer == "Zajęcia odbędą się w przyszłym tygodniu."


def test_the_officer_sees_the_overdue_takes_up_and_decides(client_for):
    late = about_booking()
    Complaint.objects.filter(pk=late.pk).update(decision_due=timezone.localdate() - timedelta(days=1))
    fresh = about_booking()
    office = client_for(officer())

    overdue = text(office.get(reverse("complaints:office_complaints") + "?show=overdue"))
    assert late.number in overdue
    assert fresh.number not in overdue

    office.post(reverse("complaints:office_take", args=[fresh.pk]))
    fresh.refresh_from_db()
    assert fresh.status == "under_review"
    assert fresh.answer_due is not None

    url = reverse("complaints:office_complaint", args=[fresh.pk])
    refused = office.post(url, {"decision": "uphold", "reason": ""})
    assert refused.status_code == 200
    assert 'id="id_reason_errors"' in text(refused)
    office.post(url, {"decision": "uphold", "reason": "Instytucja nie prowadziła zajęć."})
    fresh.refresh_from_db()
    assert (fresh.status, fresh.decision_reason) == ("upheld", "Instytucja nie prowadziła zajęć.")


def test_the_freeze_asks_first_and_then_freezes(client_for):
    complaint = decided(answered(about_booking()), upheld=True)
    office = client_for(officer())
    page = office.get(reverse("complaints:office_complaint", args=[complaint.pk]))
    confirm_url = reverse("complaints:office_freeze", args=[complaint.pk])
    assert f'href="{confirm_url}"' in text(page)

    confirm = office.get(confirm_url)
    assert confirm.status_code == 200
    assert not PayoutFreeze.objects.exists()
    assert shows(confirm, "Freeze the provider's payouts?")

    done = office.post(confirm_url)
    assert done.status_code == 302
    complaint.refresh_from_db()
    assert complaint.payout_freeze is not None
    not_settled = office.get(reverse("complaints:office_clawback", args=[complaint.pk]))
    assert not_settled.status_code == 302  # nothing to confirm: the booking is not settled
    office.post(reverse("complaints:office_clawback", args=[complaint.pk]))  # not settled: refused
    complaint.refresh_from_db()
    assert complaint.clawback_id is None


def test_the_dashboards_show_each_role_its_complaints(client_for):
    complaint = taken(about_booking())
    staff = staff_of(complaint.booking)
    assert 'id="work-complaints">1<' in text(client_for(staff).get(reverse("portal:dashboard"), follow=True))
    office = text(client_for(officer()).get(reverse("portal:dashboard"), follow=True))
    assert 'id="work-complaints">0<' in office
    participant = text(client_for(complaint.complainant).get(reverse("portal:dashboard"), follow=True))
    assert reverse("complaints:my_complaints") in participant


def test_the_clawback_asks_first_and_then_claws_back_the_settled_booking(client_for):
    booking = settled_booking()
    complaint = decided(about_booking(booking), upheld=True)
    office = client_for(officer())
    confirm_url = reverse("complaints:office_clawback", args=[complaint.pk])
    assert f'href="{confirm_url}"' in text(
        office.get(reverse("complaints:office_complaint", args=[complaint.pk]))
    )

    confirm = office.get(confirm_url)
    assert shows(confirm, "Claw back the payment for the booking?")
    booking.refresh_from_db()
    assert booking.status == "settled"

    office.post(confirm_url)
    booking.refresh_from_db()
    complaint.refresh_from_db()
    assert booking.status == "clawed_back"
    assert complaint.clawback is not None
    assert ledger_violations() == []
