"""The edition's lifecycle as a table: the office opens it, closes the applications, hands the
reports to the jury and publishes the results."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import TransitionRefused
from kierunek.initiatives.models import EditionStatus
from kierunek.initiatives.workflows import EDITION

E = EditionStatus
ALL_ROLES = [*Role.values, "system"]
ALLOWED = {
    (E.DRAFT, "open"): (E.OPEN, {Role.OFFICER}),
    (E.OPEN, "close_applications"): (E.RUNNING, {Role.OFFICER}),
    (E.RUNNING, "start_judging"): (E.JUDGING, {Role.OFFICER}),
    (E.JUDGING, "publish"): (E.PUBLISHED, {Role.OFFICER}),
}


def test_the_table_names_every_transition():
    assert set(EDITION.transitions) == {name for _state, name in ALLOWED}


@pytest.mark.parametrize("state", E.values)
@pytest.mark.parametrize("name", ["open", "close_applications", "start_judging", "publish"])
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in expected[1]:
        assert EDITION.check(state=state, name=name, role=role).target == expected[0]
    else:
        with pytest.raises(TransitionRefused):
            EDITION.check(state=state, name=name, role=role)


def test_a_published_edition_is_never_moved_again():
    assert EDITION.allowed(state=E.PUBLISHED) == []
