"""The own contribution's lifecycle as a table, written out here independently of
``workflows.CONTRIBUTION``, checked state by state and role by role."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import SYSTEM_ROLE, TransitionRefused
from kierunek.vouchers.models import ContributionStatus
from kierunek.vouchers.workflows import CONTRIBUTION

S = ContributionStatus
OPERATOR = Role.FINANCIAL_OPERATOR
ALLOWED = {
    (S.DUE, "pay"): S.PAID,
    (S.DUE, "lapse"): S.LAPSED,
    (S.DUE, "cancel"): S.CANCELLED,
    (S.LAPSED, "pay_late"): S.PAID_LATE,
    (S.CANCELLED, "pay_late"): S.PAID_LATE,
    (S.PAID, "refund"): S.REFUNDED,
    (S.PAID_LATE, "refund"): S.REFUNDED,
}
ROLES_OF = {
    "pay": {OPERATOR, SYSTEM_ROLE},
    "lapse": {SYSTEM_ROLE},
    "pay_late": {OPERATOR, SYSTEM_ROLE},
    "cancel": {OPERATOR},
    "refund": {OPERATOR},
}
ALL_ROLES = [*Role.values, SYSTEM_ROLE]
CASES = [(state, name, role) for state in S.values for name in ROLES_OF for role in ALL_ROLES]


def test_the_table_names_every_transition():
    assert set(ROLES_OF) == set(CONTRIBUTION.transitions)
    assert set(S.values) == set(CONTRIBUTION.states)


@pytest.mark.parametrize(("state", "name", "role"), CASES, ids=["-".join(case) for case in CASES])
def test_check_allows_exactly_the_table(state, name, role):
    if (state, name) in ALLOWED and role in ROLES_OF[name]:
        assert CONTRIBUTION.check(state=state, name=name, role=role).target == ALLOWED[(state, name)]
    else:
        with pytest.raises(TransitionRefused):
            CONTRIBUTION.check(state=state, name=name, role=role)
