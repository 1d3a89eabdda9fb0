"""The agreement pages and API by audience, checked by role and by object: a participant sees
only their own, a provider's staff only their organisation's (only its owner accepts), an officer
every one (a participant's opened is audited) and countersigns and terminates after the confirm
step."""

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kierunek.agreements import domain
from kierunek.agreements.models import Agreement
from kierunek.core.models import AuditEvent
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.guidance.builders import signed_balance
from tests.pages import text
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.vouchers import builders as vb

from . import builders as b

pytestmark = pytest.mark.django_db


def _waiting():
    participant = signed_balance().participant
    return b.participation(participant), participant


def test_the_participant_prepares_reads_and_downloads_their_own_agreement(client, english):
    participant = signed_balance().participant
    b.templates()
    client.force_login(participant)
    listing = client.get(reverse("agreements:my_agreements"))
    assert "Prepare my agreement" in text(listing)
    response = client.post(reverse("agreements:prepare"))
    agreement = Agreement.objects.get(participant=participant)
    assert response["Location"] == reverse("agreements:mine", args=[agreement.pk])
    page = client.get(response["Location"])
    assert agreement.pdf_sha256 in text(page)
    assert 'name="code"' in text(page)
    pdf = client.get(reverse("agreements:mine_pdf", args=[agreement.pk]))
    assert hashlib.sha256(pdf.content).hexdigest() == agreement.pdf_sha256


def test_a_wrong_code_on_the_page_is_shown_on_the_form(client, english):
    agreement, participant = _waiting()
    client.force_login(participant)
    client.post(reverse("agreements:mine_code", args=[agreement.pk]))
    response = client.post(
        reverse("agreements:mine_accept", args=[agreement.pk]),
        {"factor": "email", "code": "12345x", "pdf_sha256": agreement.pdf_sha256},
    )
    assert response.status_code == 200
    assert "This code is not right" in text(response)
    agreement.refresh_from_db()
    assert agreement.status == domain.AWAITING


def test_another_participant_gets_404_everywhere(client):
    agreement, _participant = _waiting()
    client.force_login(ParticipantFactory())
    for name in ("agreements:mine", "agreements:mine_pdf"):
        assert client.get(reverse(name, args=[agreement.pk])).status_code == 404
    for name in ("agreements:mine_code", "agreements:mine_accept"):
        assert (
            client.post(reverse(name, args=[agreement.pk]), {"factor": "email", "code": "1"}).status_code
            == 404
        )
    assert client.get(f"/api/v1/agreements/mine/{agreement.pk}").status_code == 404
    agreement.refresh_from_db()
    assert agreement.status == domain.AWAITING


def test_other_roles_are_refused_the_participants_pages(client_for):
    agreement, _participant = _waiting()
    for role in ("provider_staff", "officer", "financial_operator"):
        client = client_for(StaffUserFactory(role=role))
        assert client.get(reverse("agreements:mine", args=[agreement.pk])).status_code == 403
        assert client.get(reverse("agreements:my_agreements")).status_code == 403


def test_provider_staff_see_only_their_organisations_and_only_the_owner_accepts(client_for, english):
    provider = ProviderFactory()
    agreement = b.provider_agreement(provider)
    staff = StaffUserFactory(role="provider_staff")
    provider.members.create(user=staff, is_owner=False)
    stranger = provider_staff_of(ProviderFactory())

    staff_client = client_for(staff)
    page = staff_client.get(reverse("agreements:provider_agreement", args=[agreement.pk]))
    assert page.status_code == 200
    assert 'name="code"' not in text(page)
    assert (
        staff_client.post(reverse("agreements:provider_accept", args=[agreement.pk]), {}).status_code == 403
    )

    stranger_client = client_for(stranger)
    assert (
        stranger_client.get(reverse("agreements:provider_agreement", args=[agreement.pk])).status_code == 404
    )
    assert stranger_client.get(reverse("agreements:provider_pdf", args=[agreement.pk])).status_code == 404

    owner_client = client_for(provider_staff_of(provider))
    page = owner_client.get(reverse("agreements:provider_agreement", args=[agreement.pk]))
    assert 'name="code"' in text(page)


def test_the_owner_prepares_the_agreement_from_the_page(client_for):
    provider = ProviderFactory()
    b.templates()
    owner_client = client_for(provider_staff_of(provider))
    response = owner_client.post(reverse("agreements:provider_prepare"))
    agreement = Agreement.objects.get(provider=provider)
    assert response["Location"] == reverse("agreements:provider_agreement", args=[agreement.pk])
    assert agreement.valid_from == timezone.localdate()


def test_the_officer_reads_countersigns_after_confirming_and_the_read_is_audited(staff_client, english):
    agreement, participant = _waiting()
    b.accept_with_email(agreement, participant)
    client, officer = staff_client("officer")
    listing = client.get(reverse("agreements:office_agreements") + "?status=accepted")
    assert agreement.number in text(listing)
    page = client.get(reverse("agreements:office_agreement", args=[agreement.pk]))
    assert page.status_code == 200
    assert AuditEvent.objects.filter(
        action="agreements.agreement_read", actor=officer, object_id=str(agreement.pk)
    ).exists()

    asked = client.post(reverse("agreements:office_countersign", args=[agreement.pk]))
    assert asked.status_code == 200
    agreement.refresh_from_db()
    assert agreement.status == domain.ACCEPTED
    done = client.post(reverse("agreements:office_countersign", args=[agreement.pk]), {"confirmed": "yes"})
    assert done.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == domain.COUNTERSIGNED


def test_the_officer_terminates_a_providers_agreement_with_a_reason_after_confirming(staff_client, english):
    agreement = vb.quality_provider().agreements.get()
    client, _officer = staff_client("officer")
    url = reverse("agreements:office_terminate", args=[agreement.pk])
    day = (timezone.localdate() + timedelta(days=5)).isoformat()
    refused = client.post(url, {"reason": "", "no_bookings_after": day})
    assert refused.status_code == 200
    asked = client.post(url, {"reason": "Naruszenie § 2.", "no_bookings_after": day})
    assert "confirmed" in text(asked)
    agreement.refresh_from_db()
    assert agreement.status == domain.COUNTERSIGNED
    client.post(url, {"reason": "Naruszenie § 2.", "no_bookings_after": day, "confirmed": "yes"})
    agreement.refresh_from_db()
    assert agreement.status == domain.TERMINATED
    assert agreement.no_bookings_after.isoformat() == day


def test_the_office_pages_refuse_other_roles(client_for):
    agreement, participant = _waiting()
    for user in [
        participant,
        *(StaffUserFactory(role=r) for r in ("provider_staff", "financial_operator", "advisor")),
    ]:
        client = client_for(user)
        assert client.get(reverse("agreements:office_agreement", args=[agreement.pk])).status_code == 403
        assert client.get(reverse("agreements:office_templates")).status_code == 403


def test_the_api_accepts_with_the_code_and_the_hash_and_refuses_other_roles(client, client_for):
    agreement, participant = _waiting()
    client.force_login(participant)
    pdf = client.get(f"/api/v1/agreements/mine/{agreement.pk}/pdf").json()
    assert pdf["sha256"] == agreement.pdf_sha256
    from kierunek.agreements import services

    code = services.signing_code_issue(agreement=agreement, user=participant)
    wrong = client.post(
        f"/api/v1/agreements/mine/{agreement.pk}/acceptance",
        {"factor": "email", "code": "000000" if code != "000000" else "111111", "pdf_sha256": pdf["sha256"]},
        content_type="application/json",
    )
    assert wrong.status_code == 409
    done = client.post(
        f"/api/v1/agreements/mine/{agreement.pk}/acceptance",
        {"factor": "email", "code": code, "pdf_sha256": pdf["sha256"]},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "accepted"

    officer_client = client_for(vb.officer())
    assert officer_client.get("/api/v1/agreements/mine").status_code == 403
    countersigned = officer_client.post(f"/api/v1/agreements/office/{agreement.pk}/countersignature")
    assert countersigned.json()["status"] == "countersigned"


def test_the_api_saves_a_new_template_version_for_an_officer_only(client_for):
    b.templates()
    body = {
        "kind": "provider",
        "title": "Umowa z realizatorem",
        "body": "Umowa {{ agreement_number }} z {{ provider_name }}.",
        "legal_basis": "Uchwała nr 2/26.",
        "valid_from": "2026-02-01",
    }
    operator = client_for(vb.operator())
    assert (
        operator.post("/api/v1/agreements/templates", body, content_type="application/json").status_code
        == 403
    )
    officer = client_for(vb.officer())
    refused = officer.post(
        "/api/v1/agreements/templates",
        {**body, "body": "{{ participant_name }}"},
        content_type="application/json",
    )
    assert refused.status_code == 409
    saved = officer.post("/api/v1/agreements/templates", body, content_type="application/json")
    assert saved.status_code == 201, saved.content
    assert saved.json()["number"] == 2
    versions = officer.get("/api/v1/agreements/templates?kind=provider").json()
    assert [v["number"] for v in versions] == [2, 1]
