"""Accepting an agreement: with the code e-mailed (read from the e-mail) or the authenticator app,
recording the version, the time, the address, the factor and the SHA-256 of the stored PDF, which
is the PDF the pages serve. A wrong, expired or spent code, another person, a non-owner and a
document that is not the one on file are refused, and nothing is accepted."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kierunek.agreements import domain, services
from kierunek.agreements.models import Agreement, SigningCode
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from tests.accounts.factories import ParticipantFactory, StaffUserFactory, confirmed_totp_device, current_code
from tests.guidance.builders import signed_balance
from tests.providers.factories import ProviderFactory, provider_staff_of

from . import builders as b

pytestmark = pytest.mark.django_db


def _waiting():
    participant = signed_balance().participant
    return b.participation(participant), participant


def _code_by_email(agreement, user, django_capture_on_commit_callbacks, mailoutbox):
    actor = Actor(user=user, ip_address="10.1.2.3")
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_code_send(agreement_id=agreement.pk, actor=actor)
    return b.emailed_code(user)


def test_the_participant_accepts_with_the_emailed_code_and_the_hash_of_the_served_pdf(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    agreement, participant = _waiting()
    code = _code_by_email(agreement, participant, django_capture_on_commit_callbacks, mailoutbox)
    client.force_login(participant)
    served = client.get(reverse("agreements:mine_pdf", args=[agreement.pk]))
    assert served["Content-Type"] == "application/pdf"
    assert served.content.startswith(b"%PDF")
    served_hash = hashlib.sha256(served.content).hexdigest()

    response = client.post(
        reverse("agreements:mine_accept", args=[agreement.pk]),
        {"factor": "email", "code": code, "pdf_sha256": served_hash},
        REMOTE_ADDR="10.1.2.3",
    )

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == domain.ACCEPTED
    assert agreement.pdf_sha256 == served_hash
    assert (agreement.accepted_by, agreement.accepted_ip, agreement.accepted_factor) == (
        participant,
        "10.1.2.3",
        "email",
    )
    assert agreement.accepted_at is not None
    event = AuditEvent.objects.get(action="agreements.agreement_accepted")
    assert event.details["sha256"] == served_hash
    assert event.details["version"] == agreement.version_id
    assert event.ip_address == "10.1.2.3"
    assert SigningCode.objects.get(agreement=agreement).used_at is not None


def test_the_pdf_is_polish_and_names_the_participant_and_the_version():
    agreement, participant = _waiting()
    pdf = bytes(Agreement.objects.get(pk=agreement.pk).pdf)
    assert hashlib.sha256(pdf).hexdigest() == agreement.pdf_sha256
    assert participant.get_full_name() in agreement.text
    assert agreement.number in agreement.text
    assert "{{" not in agreement.text
    assert "Pakiet ogólny" in agreement.text


def test_a_wrong_code_is_refused_counted_and_audited_and_nothing_is_accepted(
    django_capture_on_commit_callbacks, mailoutbox
):
    agreement, participant = _waiting()
    code = _code_by_email(agreement, participant, django_capture_on_commit_callbacks, mailoutbox)
    wrong = f"{(int(code) + 1) % 10**6:06d}"

    with pytest.raises(ValidationError) as refused:
        services.agreement_accept(
            agreement_id=agreement.pk,
            actor=Actor.of(participant),
            factor="email",
            code=wrong,
            pdf_sha256=agreement.pdf_sha256,
        )

    assert "code" in refused.value.message_dict
    agreement.refresh_from_db()
    assert agreement.status == domain.AWAITING
    assert agreement.accepted_at is None
    assert SigningCode.objects.get(agreement=agreement).attempts == 1
    assert AuditEvent.objects.filter(action="agreements.code_refused").count() == 1


def test_after_too_many_attempts_even_the_right_code_is_refused(
    django_capture_on_commit_callbacks, mailoutbox
):
    agreement, participant = _waiting()
    code = _code_by_email(agreement, participant, django_capture_on_commit_callbacks, mailoutbox)
    SigningCode.objects.filter(agreement=agreement).update(attempts=domain.CODE_MAX_ATTEMPTS)
    with pytest.raises(ValidationError):
        services.agreement_accept(
            agreement_id=agreement.pk,
            actor=Actor.of(participant),
            factor="email",
            code=code,
            pdf_sha256=agreement.pdf_sha256,
        )
    agreement.refresh_from_db()
    assert agreement.status == domain.AWAITING


def test_an_expired_code_is_refused(django_capture_on_commit_callbacks, mailoutbox):
    agreement, participant = _waiting()
    code = _code_by_email(agreement, participant, django_capture_on_commit_callbacks, mailoutbox)
    SigningCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError):
        services.agreement_accept(
            agreement_id=agreement.pk,
            actor=Actor.of(participant),
            factor="email",
            code=code,
            pdf_sha256=agreement.pdf_sha256,
        )


def test_a_document_that_is_not_the_one_on_file_is_not_accepted():
    agreement, participant = _waiting()
    code = services.signing_code_issue(agreement=agreement, user=participant)
    with pytest.raises(ValidationError):
        services.agreement_accept(
            agreement_id=agreement.pk,
            actor=Actor.of(participant),
            factor="email",
            code=code,
            pdf_sha256="0" * 64,
        )
    agreement.refresh_from_db()
    assert agreement.status == domain.AWAITING
    assert SigningCode.objects.get().used_at is None


def test_the_participant_accepts_with_the_authenticator_app():
    agreement, participant = _waiting()
    device = confirmed_totp_device(participant)
    services.agreement_accept(
        agreement_id=agreement.pk,
        actor=Actor.of(participant),
        factor="app",
        code=f"{current_code(device):06d}",
        pdf_sha256=agreement.pdf_sha256,
    )
    agreement.refresh_from_db()
    assert (agreement.status, agreement.accepted_factor) == (domain.ACCEPTED, "app")


def test_a_wrong_code_of_the_app_is_refused():
    agreement, participant = _waiting()
    device = confirmed_totp_device(participant)
    wrong = f"{(current_code(device) + 1) % 10**6:06d}"
    with pytest.raises(ValidationError):
        services.agreement_accept(
            agreement_id=agreement.pk,
            actor=Actor.of(participant),
            factor="app",
            code=wrong,
            pdf_sha256=agreement.pdf_sha256,
        )
    agreement.refresh_from_db()
    assert agreement.status == domain.AWAITING
    assert AuditEvent.objects.filter(action="agreements.code_refused").exists()


def test_nobody_else_accepts_or_asks_for_a_code_of_a_participants_agreement():
    agreement, participant = _waiting()
    stranger = ParticipantFactory()
    code = services.signing_code_issue(agreement=agreement, user=participant)
    with pytest.raises(PermissionDenied):
        services.agreement_code_send(agreement_id=agreement.pk, actor=Actor.of(stranger))
    with pytest.raises(PermissionDenied):
        services.agreement_accept(
            agreement_id=agreement.pk,
            actor=Actor.of(stranger),
            factor="email",
            code=code,
            pdf_sha256=agreement.pdf_sha256,
        )
    agreement.refresh_from_db()
    assert agreement.status == domain.AWAITING


def test_only_the_providers_owner_accepts_its_agreement_and_an_officer_countersigns_it():
    provider = ProviderFactory()
    agreement = b.provider_agreement(provider)
    staff = StaffUserFactory(role="provider_staff")
    provider.members.create(user=staff, is_owner=False)
    code = services.signing_code_issue(agreement=agreement, user=staff)
    with pytest.raises(PermissionDenied):
        services.agreement_accept(
            agreement_id=agreement.pk,
            actor=Actor.of(staff),
            factor="email",
            code=code,
            pdf_sha256=agreement.pdf_sha256,
        )
    owner = provider_staff_of(provider)
    b.accept_with_email(agreement, owner)
    with pytest.raises(PermissionDenied):
        services.agreement_countersign(agreement_id=agreement.pk, actor=Actor.of(owner))
    services.agreement_countersign(agreement_id=agreement.pk, actor=Actor.of(b.officer()))
    agreement.refresh_from_db()
    assert agreement.status == domain.COUNTERSIGNED
    assert agreement.countersigned_by is not None
