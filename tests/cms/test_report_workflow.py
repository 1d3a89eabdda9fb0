"""The accessibility report's lifecycle as a table: the office postpones a report once, and
answers it or offers alternative access; nobody else moves it."""

import pytest

from kierunek.accounts.models import Role
from kierunek.cms.models import ReportStatus
from kierunek.cms.workflows import REPORT
from kierunek.core.workflow import TransitionRefused

S = ReportStatus
ALL_ROLES = [*Role.values, "system"]
ALLOWED = {
    (S.RECEIVED, "extend"): (S.EXTENDED, {Role.OFFICER}),
    (S.RECEIVED, "answer"): (S.ANSWERED, {Role.OFFICER}),
    (S.EXTENDED, "answer"): (S.ANSWERED, {Role.OFFICER}),
    (S.RECEIVED, "offer_alternative"): (S.ALTERNATIVE_OFFERED, {Role.OFFICER}),
    (S.EXTENDED, "offer_alternative"): (S.ALTERNATIVE_OFFERED, {Role.OFFICER}),
}


def test_the_table_names_every_transition():
    assert set(REPORT.transitions) == {name for _state, name in ALLOWED}


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("name", ["extend", "answer", "offer_alternative"])
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in expected[1]:
        assert REPORT.check(state=state, name=name, role=role).target == expected[0]
    else:
        with pytest.raises(TransitionRefused):
            REPORT.check(state=state, name=name, role=role)


@pytest.mark.parametrize("state", [S.ANSWERED, S.ALTERNATIVE_OFFERED])
def test_a_closed_report_never_moves_again(state):
    assert REPORT.allowed(state=state) == []
