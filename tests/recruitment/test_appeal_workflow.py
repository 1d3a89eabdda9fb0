"""The appeal (art. 158) lifecycle as a table (kierunek/recruitment/workflows.py)."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import TransitionRefused
from kierunek.recruitment.models import AppealStatus
from kierunek.recruitment.workflows import APPEAL

S = AppealStatus
ALL_ROLES = [*Role.values, "system"]
AUTHORITY = {Role.METROPOLIS_STAFF, "system"}
# The committee (the director and the teachers appointed) justifies; the appeal is the director's.
COMMITTEE = {Role.SCHOOL_DIRECTOR, Role.TEACHER}
ALLOWED = {
    (S.REQUESTED, "justify"): (S.JUSTIFIED, COMMITTEE),
    (S.JUSTIFIED, "appeal"): (S.APPEALED, {Role.CANDIDATE}),
    (S.APPEALED, "uphold"): (S.UPHELD, {Role.SCHOOL_DIRECTOR}),
    (S.APPEALED, "dismiss"): (S.DISMISSED, {Role.SCHOOL_DIRECTOR}),
}


def test_the_table_names_every_transition():
    assert set(APPEAL.transitions) == {name for _state, name in ALLOWED}


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("name", sorted({name for _state, name in ALLOWED}))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in expected[1]:
        assert APPEAL.check(state=state, name=name, role=role).target == expected[0]
    else:
        with pytest.raises(TransitionRefused):
            APPEAL.check(state=state, name=name, role=role)
