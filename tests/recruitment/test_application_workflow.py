"""The application lifecycle as a table (kierunek/recruitment/workflows.py)."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import TransitionRefused
from kierunek.recruitment.models import ApplicationStatus
from kierunek.recruitment.workflows import APPLICATION

S = ApplicationStatus
ALL_ROLES = [*Role.values, "system"]
AUTHORITY = {Role.METROPOLIS_STAFF, "system"}
ALLOWED = {
    (S.DRAFT, "submit"): (S.SUBMITTED, {Role.CANDIDATE}),
    (S.RETURNED, "submit"): (S.SUBMITTED, {Role.CANDIDATE}),
    (S.SUBMITTED, "verify"): (S.VERIFIED, {Role.SCHOOL_DIRECTOR, Role.TEACHER}),
    (S.SUBMITTED, "return"): (S.RETURNED, {Role.SCHOOL_DIRECTOR, Role.TEACHER}),
}


def test_the_table_names_every_transition():
    assert set(APPLICATION.transitions) == {name for _state, name in ALLOWED}


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("name", sorted({name for _state, name in ALLOWED}))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in expected[1]:
        assert APPLICATION.check(state=state, name=name, role=role).target == expected[0]
    else:
        with pytest.raises(TransitionRefused):
            APPLICATION.check(state=state, name=name, role=role)
