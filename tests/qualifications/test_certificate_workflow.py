"""The certificate's lifecycle as a table, checked state by state and role by role against the
declared workflow, and its paths through the services with the audit."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.qualifications.certification import certificate_renew, certificate_revoke
from kierunek.qualifications.models import Certificate, CertificateStatus
from kierunek.qualifications.workflows import CERTIFICATE

from .certificate_builders import setting

S = CertificateStatus
SIGNERS = {Role.CERTIFICATION_STAFF}
# The specification, written out independently of CERTIFICATE: (state, transition) -> target.
ALLOWED = {
    (S.ISSUED, "renew"): S.RENEWED,
    (S.ISSUED, "revoke"): S.REVOKED,
}
ROLES_OF = {"renew": SIGNERS, "revoke": SIGNERS}
ALL_PAIRS = [(state, name) for state in S.values for name in ROLES_OF]
ALL_ROLES = [*Role.values, "system"]


def test_the_table_names_every_transition():
    assert set(CERTIFICATE.transitions) == set(ROLES_OF)


@pytest.mark.parametrize(("state", "name"), ALL_PAIRS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in ROLES_OF[name]:
        assert CERTIFICATE.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused):
            CERTIFICATE.check(state=state, name=name, role=role)


@pytest.mark.django_db
def test_revocation_keeps_the_reason_audits_and_tells_the_holder(django_capture_on_commit_callbacks):
    s = setting()
    certificate = s.issue()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(
            actor=Actor.of(s.signer), certificate_id=certificate.pk, reason="Dokumenty fałszywe"
        )

    certificate.refresh_from_db()
    assert certificate.status == S.REVOKED
    assert certificate.revocation_reason == "Dokumenty fałszywe"
    assert certificate.revoked_at is not None
    event = AuditEvent.objects.get(action="qualifications.certificate_revoked")
    assert event.details["reason"] == "Dokumenty fałszywe"
    assert [m.to for m in mail.outbox] == [[s.holder.email]]
    with pytest.raises(TransitionRefused):
        certificate_revoke(actor=Actor.of(s.signer), certificate_id=certificate.pk, reason="Jeszcze raz")


@pytest.mark.django_db
def test_a_revocation_needs_a_reason_and_changes_nothing_without_one():
    s = setting()
    certificate = s.issue()
    with pytest.raises(ValidationError):
        certificate_revoke(actor=Actor.of(s.signer), certificate_id=certificate.pk, reason="  ")
    certificate.refresh_from_db()
    assert certificate.status == S.ISSUED


@pytest.mark.django_db
def test_only_the_signer_revokes_or_renews():
    s = setting()
    certificate = s.issue()
    for name, call in (
        (
            "revoke",
            lambda: certificate_revoke(actor=Actor.of(s.advisor), certificate_id=certificate.pk, reason="x"),
        ),
        ("renew", lambda: certificate_renew(actor=Actor.of(s.advisor), certificate_id=certificate.pk)),
    ):
        with pytest.raises(PermissionDenied):
            call()
        certificate.refresh_from_db()
        assert certificate.status == S.ISSUED, name
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
def test_renewal_issues_a_new_certificate_in_place_of_the_old():
    s = setting(validity_years=3)
    old = s.issue(issued_on=timezone.localdate() - timedelta(days=800))

    new = certificate_renew(actor=Actor.of(s.signer), certificate_id=old.pk)

    old.refresh_from_db()
    assert old.status == S.RENEWED
    assert new.renewal_of == old
    assert new.status == S.ISSUED
    assert new.number != old.number
    assert new.code != old.code
    assert new.issued_on == timezone.localdate()
    assert new.outcome_sets == old.outcome_sets
    assert new.valid_until > old.valid_until
    assert AuditEvent.objects.filter(action="qualifications.certificate_renewed").count() == 1
    with pytest.raises(TransitionRefused):
        certificate_renew(actor=Actor.of(s.signer), certificate_id=old.pk)
