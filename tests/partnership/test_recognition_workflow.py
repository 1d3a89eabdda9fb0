"""The lifecycle of a recognition list as a table: the office approves a draft (then it is
public) and takes a published one back for correction; nobody else moves it."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import TransitionRefused
from kierunek.partnership.models import RecognitionListStatus
from kierunek.partnership.workflows import RECOGNITION

S = RecognitionListStatus
ALLOWED = {(S.DRAFT, "approve"): S.PUBLISHED, (S.PUBLISHED, "reopen"): S.DRAFT}
ROLE_OF = {"approve": Role.OFFICER, "reopen": Role.OFFICER}


def test_the_table_names_every_transition():
    assert set(RECOGNITION.transitions) == set(ROLE_OF)


@pytest.mark.parametrize(("state", "name"), [(s, n) for s in S.values for n in ROLE_OF])
@pytest.mark.parametrize("role", [*Role.values, "system"])
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role == ROLE_OF[name]:
        assert RECOGNITION.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused):
            RECOGNITION.check(state=state, name=name, role=role)
