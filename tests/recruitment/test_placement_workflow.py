"""The placement lifecycle as a table (kierunek/recruitment/workflows.py)."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import TransitionRefused
from kierunek.recruitment.models import PlacementStatus
from kierunek.recruitment.workflows import PLACEMENT

S = PlacementStatus
ALL_ROLES = [*Role.values, "system"]
AUTHORITY = {Role.METROPOLIS_STAFF, "system"}
ALLOWED = {
    (S.QUALIFIED, "confirm"): (S.CONFIRMED, {Role.CANDIDATE, Role.SCHOOL_DIRECTOR, Role.TEACHER}),
    (S.CONFIRMED, "admit"): (S.ADMITTED, AUTHORITY),
    (S.QUALIFIED, "lapse"): (S.LAPSED, AUTHORITY),
    (S.ADMITTED, "release"): (S.RELEASED, AUTHORITY),
}


def test_the_table_names_every_transition():
    assert set(PLACEMENT.transitions) == {name for _state, name in ALLOWED}


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("name", sorted({name for _state, name in ALLOWED}))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in expected[1]:
        assert PLACEMENT.check(state=state, name=name, role=role).target == expected[0]
    else:
        with pytest.raises(TransitionRefused):
            PLACEMENT.check(state=state, name=name, role=role)
