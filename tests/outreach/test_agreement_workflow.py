"""The cooperation agreement's lifecycle as a table, written out independently of
``workflows.AGREEMENT``: only the office moves an agreement, and only along these steps."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import TransitionRefused
from kierunek.outreach.models import AgreementStatus
from kierunek.outreach.workflows import AGREEMENT

A = AgreementStatus
ALL_ROLES = [*Role.values, "system"]
NAMES = ["sign", "suspend", "resume", "end", "cancel"]
ALLOWED = {
    (A.DRAFT, "sign"): A.ACTIVE,
    (A.ACTIVE, "suspend"): A.SUSPENDED,
    (A.SUSPENDED, "resume"): A.ACTIVE,
    (A.ACTIVE, "end"): A.ENDED,
    (A.SUSPENDED, "end"): A.ENDED,
    (A.DRAFT, "cancel"): A.CANCELLED,
}


def test_the_table_names_every_transition():
    assert set(AGREEMENT.transitions) == set(NAMES)


@pytest.mark.parametrize("state", A.values)
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    target = ALLOWED.get((state, name))
    if target is not None and role == Role.OFFICER:
        assert AGREEMENT.check(state=state, name=name, role=role).target == target
    else:
        with pytest.raises(TransitionRefused):
            AGREEMENT.check(state=state, name=name, role=role)


@pytest.mark.parametrize("state", [A.ENDED, A.CANCELLED])
def test_an_ended_or_cancelled_agreement_never_moves_again(state):
    assert AGREEMENT.allowed(state=state) == []
