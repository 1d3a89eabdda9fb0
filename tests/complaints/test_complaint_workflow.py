"""The lifecycle of a complaint as a table, checked state by state and role by role against the
declared workflow, and one whole path through the services with its history and audit."""

import pytest

from kierunek.accounts.models import Role
from kierunek.complaints.models import ComplaintStatus
from kierunek.complaints.workflows import COMPLAINT
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused

from .builders import about_booking, answered, decided

S = ComplaintStatus
# The specification, written out independently of COMPLAINT: (state, transition) -> target.
ALLOWED = {
    (S.RECEIVED, "take"): S.UNDER_REVIEW,
    (S.UNDER_REVIEW, "answer"): S.ANSWERED,
    (S.UNDER_REVIEW, "uphold"): S.UPHELD,
    (S.ANSWERED, "uphold"): S.UPHELD,
    (S.UNDER_REVIEW, "dismiss"): S.DISMISSED,
    (S.ANSWERED, "dismiss"): S.DISMISSED,
}
ROLE_OF = {
    "take": Role.OFFICER,
    "answer": Role.PROVIDER_STAFF,
    "uphold": Role.OFFICER,
    "dismiss": Role.OFFICER,
}
ALL_PAIRS = [(state, name) for state in S.values for name in ROLE_OF]
ALL_ROLES = [*Role.values, "system"]


def test_the_table_names_every_transition():
    assert set(COMPLAINT.transitions) == set(ROLE_OF)


@pytest.mark.parametrize(("state", "name"), ALL_PAIRS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role == ROLE_OF[name]:
        assert COMPLAINT.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused) as refused:
            COMPLAINT.check(state=state, name=name, role=role)
        assert str(refused.value.message)


@pytest.mark.django_db
def test_a_complaint_goes_from_received_to_upheld_with_its_history_and_audit():
    complaint = answered(about_booking())
    decided(complaint, upheld=True)
    complaint.refresh_from_db()

    assert complaint.status == S.UPHELD
    assert [(e.status_from, e.status_to) for e in complaint.events.all()] == [
        ("", S.RECEIVED),
        (S.RECEIVED, S.UNDER_REVIEW),
        (S.UNDER_REVIEW, S.ANSWERED),
        (S.ANSWERED, S.UPHELD),
    ]
    actions = list(
        AuditEvent.objects.filter(object_type="complaints.complaint", object_id=str(complaint.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "complaints.complaint_filed",
        "complaints.complaint_taken",
        "complaints.complaint_answered",
        "complaints.complaint_found_justified",
    ]


@pytest.mark.django_db
def test_the_provider_answers_once_and_a_decided_complaint_is_not_decided_again():
    complaint = answered(about_booking())
    with pytest.raises(TransitionRefused):
        answered(complaint)
    decided(complaint, upheld=False)
    with pytest.raises(TransitionRefused):
        decided(complaint, upheld=True)
    complaint.refresh_from_db()
    assert (complaint.status, complaint.answer) == (S.DISMISSED, "Przepraszamy.")
