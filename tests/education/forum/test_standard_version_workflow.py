"""The lifecycle of a version of a standard as a table: the coordinator opens a draft for
consultation, adopts it, publishes it, or withdraws a draft or a version in consultation; nothing
moves a published or withdrawn version."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import TransitionRefused
from kierunek.education.models import VersionStatus
from kierunek.education.workflows import STANDARD_VERSION

V = VersionStatus
ALL_ROLES = [*Role.values, "system"]
ALLOWED = {
    (V.DRAFT, "open_consultation"): (V.CONSULTATION, {Role.METROPOLIS_STAFF}),
    (V.CONSULTATION, "adopt"): (V.ADOPTED, {Role.METROPOLIS_STAFF}),
    (V.ADOPTED, "publish"): (V.PUBLISHED, {Role.METROPOLIS_STAFF}),
    (V.DRAFT, "withdraw"): (V.WITHDRAWN, {Role.METROPOLIS_STAFF}),
    (V.CONSULTATION, "withdraw"): (V.WITHDRAWN, {Role.METROPOLIS_STAFF}),
}
NAMES = ["open_consultation", "adopt", "publish", "withdraw"]


def test_the_table_names_every_transition():
    assert set(STANDARD_VERSION.transitions) == {name for _state, name in ALLOWED}


@pytest.mark.parametrize("state", V.values)
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in expected[1]:
        assert STANDARD_VERSION.check(state=state, name=name, role=role).target == expected[0]
    else:
        with pytest.raises(TransitionRefused):
            STANDARD_VERSION.check(state=state, name=name, role=role)


@pytest.mark.parametrize("state", [V.PUBLISHED, V.WITHDRAWN])
def test_a_published_or_withdrawn_version_never_moves(state):
    assert STANDARD_VERSION.allowed(state=state) == []
