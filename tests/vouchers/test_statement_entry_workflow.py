"""The bank statement entry's lifecycle as a table, written out here independently of
``workflows.STATEMENT_ENTRY``, checked state by state and role by role."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import SYSTEM_ROLE, TransitionRefused
from kierunek.vouchers.models import EntryState
from kierunek.vouchers.workflows import STATEMENT_ENTRY

S = EntryState
ALLOWED = {
    (S.UNMATCHED, "match"): S.MATCHED,
    (S.UNMATCHED, "resolve"): S.RESOLVED,
    (S.UNMATCHED, "ignore"): S.IGNORED,
}
ROLES_OF = {
    "match": {Role.FINANCIAL_OPERATOR, SYSTEM_ROLE},
    "resolve": {Role.FINANCIAL_OPERATOR},
    "ignore": {Role.FINANCIAL_OPERATOR},
}
ALL_ROLES = [*Role.values, SYSTEM_ROLE]
CASES = [(state, name, role) for state in S.values for name in ROLES_OF for role in ALL_ROLES]


def test_the_table_names_every_transition():
    assert set(ROLES_OF) == set(STATEMENT_ENTRY.transitions)
    assert {name for _state, name in ALLOWED} == set(STATEMENT_ENTRY.transitions)
    assert set(S.values) == set(STATEMENT_ENTRY.states)


@pytest.mark.parametrize(("state", "name", "role"), CASES, ids=["-".join(case) for case in CASES])
def test_check_allows_exactly_the_table(state, name, role):
    if (state, name) in ALLOWED and role in ROLES_OF[name]:
        assert STATEMENT_ENTRY.check(state=state, name=name, role=role).target == ALLOWED[(state, name)]
    else:
        with pytest.raises(TransitionRefused):
            STATEMENT_ENTRY.check(state=state, name=name, role=role)
