"""The lifecycle of a provider's registration as a table, checked state by state and role by role
against the declared workflow, and one decision through the service: the registration moves, the
audit record is written and the provider's staff are told."""

import pytest
from django.core import mail

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.providers import services
from kierunek.providers.models import ProviderStatus
from kierunek.providers.workflows import PROVIDER
from tests.accounts.factories import StaffUserFactory
from tests.providers.factories import ProviderFactory, provider_staff_of

P = ProviderStatus
# The specification, written out independently of PROVIDER: (state, transition) -> target.
ALLOWED = {
    (P.PENDING, "approve"): P.APPROVED,
    (P.PENDING, "reject"): P.REJECTED,
}
ROLE_OF = {"approve": Role.OFFICER, "reject": Role.OFFICER}
ALL_PAIRS = [(state, name) for state in P.values for name in ROLE_OF]
ALL_ROLES = [*Role.values, "system"]


def test_the_table_names_every_transition():
    assert set(PROVIDER.transitions) == set(ROLE_OF)


@pytest.mark.parametrize(("state", "name"), ALL_PAIRS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role == ROLE_OF[name]:
        assert PROVIDER.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused) as refused:
            PROVIDER.check(state=state, name=name, role=role)
        assert str(refused.value.message)


@pytest.mark.django_db
def test_a_decision_moves_the_provider_writes_the_audit_and_tells_the_staff(
    django_capture_on_commit_callbacks,
):
    provider = ProviderFactory(status=P.PENDING)
    officer = StaffUserFactory(role=Role.OFFICER)
    with django_capture_on_commit_callbacks(execute=True):
        services.provider_decide(
            provider_id=provider.pk, approve=False, reason="Brak KRS.", actor=Actor.of(officer)
        )
    provider.refresh_from_db()
    assert (provider.status, provider.status_reason, provider.decided_by) == (
        P.REJECTED,
        "Brak KRS.",
        officer,
    )
    audit = AuditEvent.objects.get(action="provider.rejected")
    assert (audit.object_id, audit.actor, audit.details) == (
        str(provider.pk),
        officer,
        {"reason": "Brak KRS."},
    )
    assert {address for m in mail.outbox for address in m.to} == {provider_staff_of(provider).email}
    with pytest.raises(TransitionRefused):
        services.provider_decide(provider_id=provider.pk, approve=True, reason="", actor=Actor.of(officer))
