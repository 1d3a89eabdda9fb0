"""The application's lifecycle as a table: the office admits, confirms stage I and may not admit
(reject); the gmina reports and may withdraw; a reported, rejected or withdrawn application is
not moved again."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import TransitionRefused
from kierunek.initiatives.models import ApplicationStatus
from kierunek.initiatives.workflows import APPLICATION

A = ApplicationStatus
ALL_ROLES = [*Role.values, "system"]
ALLOWED = {
    (A.SUBMITTED, "admit"): (A.STAGE_ONE, {Role.OFFICER}),
    (A.STAGE_ONE, "complete_stage_one"): (A.STAGE_TWO, {Role.OFFICER}),
    (A.STAGE_TWO, "report"): (A.REPORTED, {Role.GMINA_STAFF}),
    (A.SUBMITTED, "reject"): (A.REJECTED, {Role.OFFICER}),
    (A.STAGE_ONE, "reject"): (A.REJECTED, {Role.OFFICER}),
    (A.STAGE_TWO, "reject"): (A.REJECTED, {Role.OFFICER}),
    (A.SUBMITTED, "withdraw"): (A.WITHDRAWN, {Role.GMINA_STAFF}),
    (A.STAGE_ONE, "withdraw"): (A.WITHDRAWN, {Role.GMINA_STAFF}),
    (A.STAGE_TWO, "withdraw"): (A.WITHDRAWN, {Role.GMINA_STAFF}),
}
NAMES = ["admit", "complete_stage_one", "report", "reject", "withdraw"]


def test_the_table_names_every_transition():
    assert set(APPLICATION.transitions) == set(NAMES) == {name for _state, name in ALLOWED}


@pytest.mark.parametrize("state", A.values)
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in expected[1]:
        assert APPLICATION.check(state=state, name=name, role=role).target == expected[0]
    else:
        with pytest.raises(TransitionRefused):
            APPLICATION.check(state=state, name=name, role=role)


@pytest.mark.parametrize("state", [A.REPORTED, A.REJECTED, A.WITHDRAWN])
def test_an_ended_application_is_never_moved_again(state):
    assert APPLICATION.allowed(state=state) == []
