"""Issuing certificates (only the signer, within the authorisation, numbered in the institution's
series) and what the public verification answers (valid, expired, revoked, unknown) with the
holder's name only as consented, on the page and in the API."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.qualifications import domain
from kierunek.qualifications.certification import certificate_consent_set, certificate_revoke
from kierunek.qualifications.models import Authorisation, Certificate, CertificationStaff
from tests.accounts.factories import ParticipantFactory, StaffUserFactory

from .certificate_builders import institution, setting

pytestmark = pytest.mark.django_db


def test_the_signer_issues_with_the_series_number_dates_and_all_sets_by_default():
    s = setting(validity_years=5)
    first = s.issue(issued_on=date(2026, 3, 1))
    second = s.issue(issued_on=date(2026, 3, 2))

    year = 2026
    assert first.number == f"IC{s.institution.pk:03d}/{year}/00001"
    assert second.number == f"IC{s.institution.pk:03d}/{year}/00002"
    assert first.valid_until == date(2031, 2, 28)
    assert first.holder_name == "Anna Maria Kowalska-Nowak"
    assert [o["name"] for o in first.outcome_sets] == ["Planowanie szkoleń", "Prowadzenie zajęć"]
    assert len(first.code) == 12
    assert first.code != second.code
    assert first.signer == s.signer
    assert AuditEvent.objects.filter(action="qualifications.certificate_issued").count() == 2


def test_a_qualification_without_validity_gives_a_certificate_without_end():
    s = setting(validity_years=None)
    assert s.issue().valid_until is None


def test_only_the_signer_issues_not_the_advisor_nor_a_signer_of_another_institution():
    s = setting()
    other = institution("Inny Instytut")
    stranger = StaffUserFactory(role=Role.CERTIFICATION_STAFF)
    CertificationStaff.objects.create(institution=other, user=stranger, function="signer")
    officer = StaffUserFactory(role=Role.OFFICER)
    for person in (s.advisor, stranger, officer, s.holder):
        with pytest.raises(PermissionDenied):
            s.issue(actor=Actor.of(person))
    CertificationStaff.objects.filter(user=s.signer).update(active=False)
    with pytest.raises(PermissionDenied):
        s.issue()
    assert not Certificate.objects.exists()


def test_the_institution_must_be_authorised_that_day():
    s = setting()
    Authorisation.objects.filter(institution=s.institution).update(
        valid_from=date(2020, 1, 1), valid_until=date(2024, 12, 31)
    )
    with pytest.raises(ValidationError):
        s.issue()
    assert s.issue(issued_on=date(2024, 12, 31)).issued_on == date(2024, 12, 31)


def test_sets_must_be_the_qualifications_and_the_holder_a_participant():
    s = setting()
    foreign = setting(code="TEST-02").qualification.outcome_sets.first()
    with pytest.raises(ValidationError):
        s.issue(outcome_sets=[foreign])
    with pytest.raises(ValidationError):
        s.issue(outcome_sets=[])
    with pytest.raises(ValidationError):
        s.issue(holder=s.advisor)
    with pytest.raises(ValidationError):
        s.issue(issued_on=timezone.localdate() + timedelta(days=1))
    chosen = s.issue(outcome_sets=[s.qualification.outcome_sets.last()], source_reference="WAL/2026/7")
    assert [o["name"] for o in chosen.outcome_sets] == ["Prowadzenie zajęć"]
    assert chosen.source_reference == "WAL/2026/7"


@pytest.mark.parametrize(
    ("issued_days_ago", "revoke", "standing"),
    [
        (10, False, "valid"),
        (3 * 365 + 10, False, "expired"),
        (10, True, "revoked"),
        (3 * 365 + 10, True, "revoked"),
    ],
)
def test_the_page_and_the_api_answer_the_standing(client, issued_days_ago, revoke, standing):
    s = setting(validity_years=3)
    certificate = s.issue(issued_on=timezone.localdate() - timedelta(days=issued_days_ago))
    if revoke:
        certificate_revoke(actor=Actor.of(s.signer), certificate_id=certificate.pk, reason="Błąd w danych")

    api = client.get(f"/api/v1/certificates/{certificate.code_display.lower()}")
    page = client.get(reverse("qualifications:certificate_verify", args=[certificate.code]))

    assert api.status_code == 200
    body = api.json()
    assert body["standing"] == standing
    assert body["number"] == certificate.number
    assert body["qualification_code"] == "TEST-01"
    assert body["institution"] == "Centrum Walidacji"
    assert body["holder"] == "A. M. K.-N."
    assert body["revocation_reason"] == ("Błąd w danych" if revoke else "")
    text = page.content.decode()
    assert page.status_code == 200
    expected = {
        "valid": "Certyfikat jest ważny.",
        "expired": "Certyfikat stracił ważność.",
        "revoked": "Certyfikat został unieważniony.",
    }[standing]
    assert expected in text
    assert "Kowalska-Nowak" not in text


def test_an_unknown_or_malformed_code_is_unknown(client):
    setting().issue()
    for code in ("ABCD-EFGH-JKMN", "zz", "not a code at all"):
        api = client.get(f"/api/v1/certificates/{code}")
        assert api.status_code == 404
        assert api.json()["standing"] == "unknown"
        assert client.get(reverse("qualifications:certificate_verify", args=[code])).status_code == 404


@pytest.mark.parametrize(
    ("consent", "shown"),
    [("initials", "A. M. K.-N."), ("full_name", "Anna Maria Kowalska-Nowak"), ("none", "")],
)
def test_the_holder_chooses_how_the_name_is_shown(client, consent, shown):
    s = setting()
    certificate = s.issue()
    certificate_consent_set(actor=Actor.of(s.holder), certificate_id=certificate.pk, consent=consent)
    assert client.get(f"/api/v1/certificates/{certificate.code}").json()["holder"] == shown
    page = client.get(reverse("qualifications:certificate_verify", args=[certificate.code])).content.decode()
    assert ("Kowalska-Nowak" in page) is (consent == "full_name")


def test_only_the_holder_changes_the_consent():
    s = setting()
    certificate = s.issue()
    with pytest.raises(Certificate.DoesNotExist):
        certificate_consent_set(
            actor=Actor.of(ParticipantFactory()), certificate_id=certificate.pk, consent="full_name"
        )
    certificate.refresh_from_db()
    assert certificate.name_consent == "initials"


def test_an_address_that_tries_too_many_unknown_codes_is_refused(client, settings):
    settings.KIERUNEK_CERTIFICATE_LOOKUP_FAILURES = 3
    certificate = setting().issue()
    for number in range(3):
        assert client.get(f"/api/v1/certificates/AAAA-AAAA-AAA{number}").status_code == 404
    assert client.get(f"/api/v1/certificates/{certificate.code}").status_code == 429
    assert (
        client.get(reverse("qualifications:certificate_verify", args=[certificate.code])).status_code == 429
    )
    other = client.get(f"/api/v1/certificates/{certificate.code}", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_the_verify_form_sends_the_code_to_its_own_address(client):
    certificate = setting().issue()
    response = client.get(
        reverse("qualifications:certificate_verify_form"), {"code": certificate.code_display}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("qualifications:certificate_verify", args=[certificate.code])


def test_initials_and_validity_rules():
    assert domain.name_initials("anna maria kowalska-nowak") == "A. M. K.-N."
    assert domain.holder_name_shown("Jan  Nowak", "full_name") == "Jan Nowak"
    assert domain.holder_name_shown("Jan Nowak", "whatever") == "J. N."
    assert domain.certificate_valid_until(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert domain.certificate_valid_until(date(2026, 1, 10), 5) == date(2031, 1, 9)
    today = date(2031, 1, 10)
    assert (
        domain.certificate_standing(status="issued", valid_until=date(2031, 1, 9), today=today) == "expired"
    )
    assert (
        domain.certificate_standing(status="renewed", valid_until=date(2031, 1, 10), today=today) == "valid"
    )
    assert domain.certificate_standing(status="revoked", valid_until=None, today=today) == "revoked"
