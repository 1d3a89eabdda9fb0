"""The lifecycle of a bank account as a table, checked state by state and role by role against the
declared workflow, and one approval through the service: the account moves and the audit record is
the provider's (as it was before the workflow kit)."""

from datetime import date

import pytest

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.providers import services
from kierunek.providers.models import BankAccount, BankAccountStatus
from kierunek.providers.workflows import BANK_ACCOUNT
from tests.accounts.factories import StaffUserFactory
from tests.providers.factories import ProviderFactory, provider_staff_of

B = BankAccountStatus
IBAN = "PL61109010140000071219812874"
# The specification, written out independently of BANK_ACCOUNT: (state, transition) -> target.
ALLOWED = {
    (B.PENDING, "approve"): B.ACTIVE,
    (B.PENDING, "reject"): B.REJECTED,
    (B.ACTIVE, "supersede"): B.SUPERSEDED,
    (B.PENDING, "withdraw"): B.WITHDRAWN,
}
ROLE_OF = {
    "approve": Role.OFFICER,
    "reject": Role.OFFICER,
    "supersede": Role.OFFICER,
    "withdraw": Role.PROVIDER_STAFF,
}
ALL_PAIRS = [(state, name) for state in B.values for name in ROLE_OF]
ALL_ROLES = [*Role.values, "system"]


def test_the_table_names_every_transition():
    assert set(BANK_ACCOUNT.transitions) == set(ROLE_OF)


@pytest.mark.parametrize(("state", "name"), ALL_PAIRS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role == ROLE_OF[name]:
        assert BANK_ACCOUNT.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused) as refused:
            BANK_ACCOUNT.check(state=state, name=name, role=role)
        assert str(refused.value.message)


@pytest.mark.django_db
def test_an_approval_moves_the_account_and_writes_the_providers_audit():
    provider = ProviderFactory()
    officer = StaffUserFactory(role=Role.OFFICER)
    account = services.bank_account_request(
        provider=provider, iban=IBAN, holder_name="Centrum", actor=Actor.of(provider_staff_of(provider))
    )
    services.bank_account_decide(
        account_id=account.pk, approve=True, reason="", actor=Actor.of(officer), today=date(2026, 5, 4)
    )
    account.refresh_from_db()
    assert (account.status, account.decided_by) == (B.ACTIVE, officer)
    audit = AuditEvent.objects.get(action="provider.bank_account_approved")
    assert (audit.object_type, audit.object_id) == ("providers.provider", str(provider.pk))
    assert audit.details["bank_account"] == account.pk
    with pytest.raises(TransitionRefused):
        services.bank_account_decide(
            account_id=account.pk, approve=False, reason="x", actor=Actor.of(officer), today=date(2026, 5, 4)
        )


@pytest.mark.django_db
def test_approving_a_change_supersedes_the_account_in_force_through_the_workflow():
    provider = ProviderFactory()
    staff, officer = provider_staff_of(provider), StaffUserFactory(role=Role.OFFICER)
    accounts = []
    for iban in (IBAN, "PL27114020040000300201355387"):
        account = services.bank_account_request(
            provider=provider, iban=iban, holder_name="Centrum", actor=Actor.of(staff)
        )
        services.bank_account_decide(
            account_id=account.pk, approve=True, reason="", actor=Actor.of(officer), today=date(2026, 5, 4)
        )
        accounts.append(account)

    first, second = (BankAccount.objects.get(pk=a.pk) for a in accounts)
    assert (first.status, second.status) == (B.SUPERSEDED, B.ACTIVE)
    audit = AuditEvent.objects.get(action="provider.bank_account_superseded")
    assert audit.details == {"replaced_by": second.pk}
