"""The holder's and the institution's pages: each sees their own certificates only; the signer
issues from the page; the PDF carries the Polish text and the verification address; the data
export lists the person's certificates."""

import json
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kierunek.accounts.models import Role
from kierunek.core.personal_data import personal_data_collect
from kierunek.qualifications.models import Certificate, CertificationStaff
from tests.accounts.factories import ParticipantFactory, StaffUserFactory

from .certificate_builders import institution, setting

pytestmark = pytest.mark.django_db


def test_the_holder_sees_and_downloads_their_own_certificates_only(client_for):
    s = setting()
    certificate = s.issue()
    client = client_for(s.holder)
    page = client.get(reverse("qualifications:my_certificates")).content.decode()
    assert certificate.number in page
    assert certificate.code_display in page

    pdf = client.get(reverse("qualifications:my_certificate_pdf", args=[certificate.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Anna Maria Kowalska-Nowak" in text
    assert "Planowanie szkoleń" in text
    assert certificate.code_display in text
    assert reverse("qualifications:certificate_verify", args=[certificate.code]) in text.replace("\n", "")

    credential = client.get(reverse("qualifications:my_certificate_credential", args=[certificate.pk]))
    assert json.loads(credential.content)["type"] == ["VerifiableCredential", "OpenBadgeCredential"]

    stranger = client_for(ParticipantFactory())
    for name in ("my_certificate_pdf", "my_certificate_credential"):
        assert stranger.get(reverse(f"qualifications:{name}", args=[certificate.pk])).status_code == 404
    assert certificate.number not in stranger.get(reverse("qualifications:my_certificates")).content.decode()
    response = stranger.post(
        reverse("qualifications:my_certificate_consent", args=[certificate.pk]),
        {f"c{certificate.pk}-name_consent": "full_name"},
    )
    assert response.status_code == 404
    certificate.refresh_from_db()
    assert certificate.name_consent == "initials"


def test_the_holder_sets_the_consent_on_the_page(client_for):
    s = setting()
    certificate = s.issue()
    client = client_for(s.holder)
    client.post(
        reverse("qualifications:my_certificate_consent", args=[certificate.pk]),
        {f"c{certificate.pk}-name_consent": "full_name"},
    )
    certificate.refresh_from_db()
    assert certificate.name_consent == "full_name"


def test_the_signer_issues_from_the_page_and_the_advisor_cannot(client_for):
    s = setting()
    url = reverse("qualifications:certificate_issue") + "?kwalifikacja=TEST-01&zrodlo=WAL-1"
    advisor = client_for(s.advisor)
    assert "Planowanie" not in advisor.get(url).content.decode()
    signer = client_for(s.signer)
    form = signer.get(url).content.decode()
    assert "Planowanie szkoleń" in form
    assert 'value="WAL-1"' in form
    sets = list(s.qualification.outcome_sets.values_list("pk", flat=True))
    response = signer.post(
        url,
        {
            "institution": s.institution.pk,
            "holder_email": s.holder.email.upper(),
            "holder_name": "",
            "outcome_sets": sets,
            "issued_on": "2026-02-03",
            "source_reference": "WAL-1",
        },
    )
    certificate = Certificate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("qualifications:certificate_detail", args=[certificate.pk])
    assert certificate.source_reference == "WAL-1"
    assert certificate.holder == s.holder

    refused = signer.post(
        url,
        {
            "institution": s.institution.pk,
            "holder_email": "nikt@example.org",
            "outcome_sets": sets,
            "issued_on": "2026-02-03",
        },
    )
    assert refused.status_code == 200
    assert Certificate.objects.count() == 1


def test_the_signer_revokes_after_confirming(client_for):
    s = setting()
    certificate = s.issue()
    signer = client_for(s.signer)
    url = reverse("qualifications:certificate_revoke", args=[certificate.pk])
    asked = signer.post(url, {"reason": "Pomyłka w danych"})
    assert asked.status_code == 200
    certificate.refresh_from_db()
    assert certificate.status == "issued"
    signer.post(url, {"reason": "Pomyłka w danych", "confirmed": "yes"})
    certificate.refresh_from_db()
    assert certificate.status == "revoked"


def test_staff_see_their_institutions_certificates_only(client_for):
    s = setting()
    certificate = s.issue()
    other = StaffUserFactory(role=Role.CERTIFICATION_STAFF)
    CertificationStaff.objects.create(institution=institution("Inny"), user=other, function="signer")
    client = client_for(other)
    assert certificate.number not in client.get(reverse("qualifications:certificate_list")).content.decode()
    for name in ("certificate_detail", "certificate_pdf"):
        assert client.get(reverse(f"qualifications:{name}", args=[certificate.pk])).status_code == 404
    client.post(
        reverse("qualifications:certificate_revoke", args=[certificate.pk]),
        {"reason": "x", "confirmed": "yes"},
    )
    certificate.refresh_from_db()
    assert certificate.status == "issued"
    advisor = client_for(s.advisor)
    assert certificate.number in advisor.get(reverse("qualifications:certificate_list")).content.decode()


def test_the_data_export_lists_the_certificates():
    s = setting()
    certificate = s.issue()
    exported = personal_data_collect(user=s.holder)["qualification_certificates"]
    assert exported[0]["number"] == certificate.number
    assert exported[0]["code"] == certificate.code_display
    assert "Dorota" not in json.dumps(exported, default=str)
