"""The application lifecycle as a table: every state against every transition and every role,
checked against the declared workflow (kierunek.programmes.workflows), and one application moved
through the kit to show that a transition writes the application's history and the audit record."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import SYSTEM_ROLE, TransitionRefused
from kierunek.programmes.models import ApplicationEvent, ApplicationStatus
from kierunek.programmes.workflows import APPLICATION
from tests.accounts.factories import StaffUserFactory

from .helpers import application_in_review

S = ApplicationStatus

# The specification, written out independently of workflows.py: (state, transition) -> target.
ALLOWED = {
    (S.DRAFT, "submit_eligible"): S.ELIGIBLE,
    (S.DRAFT, "submit_ineligible"): S.INELIGIBLE,
    (S.DRAFT, "submit_to_review"): S.MANUAL_REVIEW,
    (S.MANUAL_REVIEW, "accept"): S.ACCEPTED,
    (S.MANUAL_REVIEW, "refuse"): S.REFUSED,
    (S.INELIGIBLE, "reopen"): S.DRAFT,
    (S.WITHDRAWN, "reopen"): S.DRAFT,
    (S.DRAFT, "withdraw"): S.WITHDRAWN,
    (S.ELIGIBLE, "withdraw"): S.WITHDRAWN,
    (S.INELIGIBLE, "withdraw"): S.WITHDRAWN,
    (S.MANUAL_REVIEW, "withdraw"): S.WITHDRAWN,
    (S.ACCEPTED, "withdraw"): S.WITHDRAWN,
}
ROLE_OF = {
    "submit_eligible": Role.PARTICIPANT,
    "submit_ineligible": Role.PARTICIPANT,
    "submit_to_review": Role.PARTICIPANT,
    "accept": Role.OFFICER,
    "refuse": Role.OFFICER,
    "reopen": Role.PARTICIPANT,
    "withdraw": Role.PARTICIPANT,
}
AUDIT_OF = {
    "submit_eligible": "application.submitted",
    "submit_ineligible": "application.submitted",
    "submit_to_review": "application.submitted",
    "accept": "application.reviewed",
    "refuse": "application.reviewed",
    "reopen": "application.reopened",
    "withdraw": "application.withdrawn",
}
ALL_CASES = [
    (state, name, role) for state in S.values for name in ROLE_OF for role in [*Role.values, SYSTEM_ROLE]
]


def test_the_table_names_every_transition_of_the_workflow():
    assert set(APPLICATION.transitions) == set(ROLE_OF)
    assert {name for _state, name in ALLOWED} == set(ROLE_OF)
    assert {name: t.audit_action for name, t in APPLICATION.transitions.items()} == AUDIT_OF


@pytest.mark.parametrize(("state", "name", "role"), ALL_CASES, ids=["-".join(c) for c in ALL_CASES])
def test_the_workflow_allows_exactly_the_table(state, name, role):
    allowed = (state, name) in ALLOWED and role == ROLE_OF[name]
    if allowed:
        assert APPLICATION.check(state=state, name=name, role=role).target == ALLOWED[(state, name)]
    else:
        with pytest.raises(TransitionRefused):
            APPLICATION.check(state=state, name=name, role=role)


@pytest.mark.django_db
def test_apply_writes_the_history_row_and_the_audit_record(django_capture_on_commit_callbacks, mailoutbox):
    # given an application the rules sent to an officer
    application = application_in_review()
    officer = StaffUserFactory(role=Role.OFFICER)
    events_before = ApplicationEvent.objects.filter(application=application).count()

    # when the officer accepts it through the kit
    with django_capture_on_commit_callbacks(execute=True):
        APPLICATION.apply(
            application,
            "accept",
            actor=Actor(user=officer, ip_address="203.0.113.5"),
            note="Legitymacja UJ.",
            details={"outcome": "accepted"},
        )

    # then the state moved, the history and the audit log say so, and the participant is told
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    event = ApplicationEvent.objects.filter(application=application).order_by("-pk").first()
    assert ApplicationEvent.objects.filter(application=application).count() == events_before + 1
    assert (event.status_from, event.status_to, event.actor, event.note) == (
        S.MANUAL_REVIEW,
        S.ACCEPTED,
        officer,
        "Legitymacja UJ.",
    )
    audit = AuditEvent.objects.get(action="application.reviewed", object_id=str(application.pk))
    assert (audit.actor, audit.ip_address, audit.details) == (officer, "203.0.113.5", {"outcome": "accepted"})
    assert [message.to for message in mailoutbox] == [[application.participant.email]]


@pytest.mark.django_db
def test_a_refused_transition_changes_nothing():
    application = application_in_review()
    events_before = ApplicationEvent.objects.filter(application=application).count()

    with pytest.raises(TransitionRefused):
        APPLICATION.apply(application, "reopen", actor=Actor.of(application.participant))

    application.refresh_from_db()
    assert application.status == S.MANUAL_REVIEW
    assert ApplicationEvent.objects.filter(application=application).count() == events_before
    assert not AuditEvent.objects.filter(action="application.reopened").exists()
