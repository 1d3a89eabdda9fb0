"""The subscription's lifecycle as a table, written out independently of the workflow: who holds
the signed link (anybody) confirms, unsubscribes and signs up again; the office may unsubscribe."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import TransitionRefused
from kierunek.newsletter.models import SubscriberStatus
from kierunek.newsletter.workflows import SUBSCRIPTION

S = SubscriberStatus
ALL_ROLES = [*Role.values, "system"]
ALLOWED = {
    (S.PENDING, "confirm"): S.CONFIRMED,
    (S.PENDING, "unsubscribe"): S.UNSUBSCRIBED,
    (S.CONFIRMED, "unsubscribe"): S.UNSUBSCRIBED,
    (S.UNSUBSCRIBED, "renew"): S.PENDING,
}


def test_the_table_names_every_transition():
    assert set(SUBSCRIPTION.transitions) == {name for _state, name in ALLOWED}


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("name", ["confirm", "unsubscribe", "renew"])
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None:
        assert SUBSCRIPTION.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused):
            SUBSCRIPTION.check(state=state, name=name, role=role)
