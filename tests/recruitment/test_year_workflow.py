"""The recruitment year lifecycle as a table (kierunek/recruitment/workflows.py)."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import TransitionRefused
from kierunek.recruitment.models import YearStatus
from kierunek.recruitment.workflows import YEAR

S = YearStatus
ALL_ROLES = [*Role.values, "system"]
AUTHORITY = {Role.METROPOLIS_STAFF, "system"}
ALLOWED = {
    (S.OPEN, "match_main"): (S.QUALIFIED, AUTHORITY),
    (S.QUALIFIED, "publish_admitted"): (S.ADMITTED, AUTHORITY),
    (S.ADMITTED, "match_supplementary"): (S.SUPPLEMENTARY, AUTHORITY),
    (S.SUPPLEMENTARY, "close"): (S.CLOSED, AUTHORITY),
}


def test_the_table_names_every_transition():
    assert set(YEAR.transitions) == {name for _state, name in ALLOWED}


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("name", sorted({name for _state, name in ALLOWED}))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in expected[1]:
        assert YEAR.check(state=state, name=name, role=role).target == expected[0]
    else:
        with pytest.raises(TransitionRefused):
            YEAR.check(state=state, name=name, role=role)
