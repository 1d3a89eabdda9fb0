"""The issue's lifecycle as a table: the officer schedules, takes back and sends a draft; the
system starts a scheduled issue when its time comes and ends the sending."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.workflow import TransitionRefused
from kierunek.newsletter.models import IssueStatus
from kierunek.newsletter.workflows import ISSUE

I = IssueStatus  # noqa: E741
ALL_ROLES = [*Role.values, "system"]
ALLOWED = {
    (I.DRAFT, "schedule"): (I.SCHEDULED, {Role.OFFICER}),
    (I.SCHEDULED, "unschedule"): (I.DRAFT, {Role.OFFICER}),
    (I.DRAFT, "send"): (I.SENDING, {Role.OFFICER}),
    (I.SCHEDULED, "start"): (I.SENDING, {"system"}),
    (I.SENDING, "finish"): (I.SENT, {"system"}),
}


def test_the_table_names_every_transition():
    assert set(ISSUE.transitions) == {name for _state, name in ALLOWED}


@pytest.mark.parametrize("state", I.values)
@pytest.mark.parametrize("name", ["schedule", "unschedule", "send", "start", "finish"])
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in expected[1]:
        assert ISSUE.check(state=state, name=name, role=role).target == expected[0]
    else:
        with pytest.raises(TransitionRefused):
            ISSUE.check(state=state, name=name, role=role)


def test_a_sent_issue_is_never_moved_again():
    assert ISSUE.allowed(state=I.SENT) == []
