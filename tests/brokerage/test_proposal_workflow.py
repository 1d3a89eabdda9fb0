"""The proposal's lifecycle as a table, written out independently of the workflow: the
participant confirms or declines; the broker (or the participant, or the system when the mandate is
revoked) withdraws; nothing leaves a decided proposal."""

import pytest

from kierunek.accounts.models import Role
from kierunek.brokerage.models import ProposalStatus
from kierunek.brokerage.workflows import PROPOSAL
from kierunek.core.workflow import TransitionRefused

S = ProposalStatus
ALL_ROLES = [*Role.values, "system"]
ALLOWED = {
    (S.PROPOSED, "confirm", Role.PARTICIPANT): S.BOOKED,
    (S.PROPOSED, "decline", Role.PARTICIPANT): S.DECLINED,
    (S.PROPOSED, "withdraw", Role.BROKER): S.WITHDRAWN,
    (S.PROPOSED, "withdraw", Role.PARTICIPANT): S.WITHDRAWN,
    (S.PROPOSED, "withdraw", "system"): S.WITHDRAWN,
}


def test_the_table_names_every_transition():
    assert set(PROPOSAL.transitions) == {name for _state, name, _role in ALLOWED}


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("name", ["confirm", "decline", "withdraw"])
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name, role))
    if expected is not None:
        assert PROPOSAL.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused):
            PROPOSAL.check(state=state, name=name, role=role)
