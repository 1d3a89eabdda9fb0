"""Filing a complaint: a participant only about their own booking, anyone about a published card
(a name and an e-mail, a secret status link whose hash alone is stored, a limit per address), the
attachment checked by its bytes, the deadlines from the programme's complaints rule, and the
e-mails of the receipt."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kierunek.catalogue.models import CardStatus
from kierunek.complaints import selectors, services
from kierunek.complaints.models import Complaint
from kierunek.core.actor import Actor
from kierunek.programmes.models import RuleVersion
from kierunek.vouchers.models import Booking
from tests.accounts.factories import ParticipantFactory
from tests.programmes.helpers import demo_programme
from tests.vouchers.builders import card, officer

from .builders import about_booking, about_card, accepted_booking, taken

pytestmark = pytest.mark.django_db(transaction=False)


def test_a_participant_complains_about_their_own_booking_and_is_told_by_email(
    django_capture_on_commit_callbacks,
):
    booking = accepted_booking()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        complaint = about_booking(booking)

    assert (complaint.complainant, complaint.booking, complaint.provider) == (
        booking.participant,
        booking,
        booking.provider,
    )
    assert complaint.card == booking.card
    assert complaint.access_token_hash is None
    to_complainant = [m for m in mail.outbox if m.to == [booking.participant.email]]
    assert len(to_complainant) == 1
    assert to_complainant[0].subject == "Kierunek: Otrzymaliśmy Twoją skargę"
    assert f"/skargi/moje/{complaint.pk}/" in to_complainant[0].body


def test_a_participant_cannot_complain_about_someone_elses_booking():
    booking = accepted_booking()
    stranger = ParticipantFactory()
    with pytest.raises(Booking.DoesNotExist):
        services.complaint_file_about_booking(
            actor=Actor.of(stranger), booking_id=booking.pk, about="service", subject="x", description="y"
        )
    assert not Complaint.objects.exists()


def test_only_a_participant_files_about_a_booking():
    booking = accepted_booking()
    with pytest.raises(PermissionDenied):
        services.complaint_file_about_booking(
            actor=Actor.of(officer()), booking_id=booking.pk, about="service", subject="x", description="y"
        )


def test_anyone_complains_about_a_public_card_and_follows_it_by_a_secret_link(
    django_capture_on_commit_callbacks,
):
    service = card()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        filed = about_card(service)

    complaint = filed.complaint
    assert complaint.complainant is None
    assert (complaint.name, complaint.email) == (
        "Jan Kowalski",
        "jan@example.com",
    )
    assert filed.token
    assert len(filed.token) >= 40
    assert complaint.access_token_hash != filed.token  # only the hash is kept
    assert selectors.complaint_for_token(token=filed.token) == complaint
    assert selectors.complaint_for_token(token=filed.token[:-1] + "x") is None
    receipt = next(m for m in mail.outbox if m.to == ["jan@example.com"])
    assert f"/skargi/status/{filed.token}/" in receipt.body


def test_a_public_complaint_needs_a_name_and_an_email_and_a_published_card():
    service = card()
    with pytest.raises(ValidationError) as refused:
        about_card(service, name="  ")
    assert "name" in refused.value.error_dict
    service.status = CardStatus.DRAFT  # a card that is not public (set up directly)
    service.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        about_card(service)
    assert not Complaint.objects.exists()


def test_one_address_files_at_most_a_few_public_complaints_an_hour():
    service = card()
    for _ in range(services.PUBLIC_COMPLAINTS_PER_HOUR - 1):
        about_card(service, ip_address="198.51.100.7")
    assert not services.public_complaints_limited(ip_address="198.51.100.7")
    about_card(service, ip_address="198.51.100.7")
    assert services.public_complaints_limited(ip_address="198.51.100.7")
    assert not services.public_complaints_limited(ip_address="198.51.100.8")


def test_the_attachment_is_checked_by_its_bytes_and_stored_under_a_random_name():
    booking = accepted_booking()
    fake = SimpleUploadedFile("zdjecie.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        about_booking(booking, attachment=fake)
    assert "attachment" in refused.value.error_dict

    pdf = SimpleUploadedFile("moje dane.pdf", b"%PDF-1.4 proof", content_type="application/pdf")
    complaint = about_booking(booking, attachment=pdf)
    assert complaint.attachment_kind == "pdf"
    assert "moje" not in complaint.attachment.name


def test_the_deadlines_come_from_the_complaints_rule_in_force():
    RuleVersion.objects.filter(programme=demo_programme(), key="complaints").delete()
    RuleVersion.objects.create(
        programme=demo_programme(),
        key="complaints",
        valid_from=date(2025, 1, 1),
        value={"answer_days": 3, "decision_days": 20},
        decision_ref="Uchwała testowa",
    )
    today = timezone.localdate()

    complaint = taken(about_booking())

    assert complaint.decision_due == today + timedelta(days=20)
    assert complaint.answer_due == today + timedelta(days=3)


def test_the_first_complaints_rule_is_the_weeks_answer_and_the_months_decision():
    version = RuleVersion.objects.get(programme=demo_programme(), key="complaints")
    assert version.value == {"answer_days": 7, "decision_days": 30}
    assert version.decision_ref
    assert version.note
    today = timezone.localdate()
    complaint = taken(about_booking())
    assert (complaint.answer_due, complaint.decision_due) == (
        today + timedelta(days=7),
        today + timedelta(days=30),
    )
