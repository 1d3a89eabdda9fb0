"""The check-in of a registration as a table: only door staff (the organisers' roles) move
it, and only between absent and present."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import TransitionRefused
from kierunek.events.models import Attendance
from kierunek.events.workflows import CHECK_IN

A = Attendance
ALLOWED = {(A.ABSENT, "check_in"): A.PRESENT, (A.PRESENT, "undo_check_in"): A.ABSENT}
ROLES = {
    Role.OFFICER,
    Role.PARTNER_STAFF,
    Role.GMINA_STAFF,
    Role.PROVIDER_STAFF,
    Role.TRAINING_CENTRE_STAFF,
}
ALL_ROLES = [*Role.values, "system"]


def test_the_table_names_every_transition():
    assert set(CHECK_IN.transitions) == {"check_in", "undo_check_in"}


@pytest.mark.parametrize("state", A.values)
@pytest.mark.parametrize("name", ["check_in", "undo_check_in"])
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in ROLES:
        assert CHECK_IN.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused):
            CHECK_IN.check(state=state, name=name, role=role)
