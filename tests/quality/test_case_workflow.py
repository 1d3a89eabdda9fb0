"""The MSUES state machine as a table: every state against every transition, first in the declared
workflow (``QUALITY_CASE.check``), then through the services on real cases. An allowed transition
moves the case and leaves a history event and an audit record; a forbidden one is refused with a
message a person understands and changes nothing."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.quality import services as quality
from kierunek.quality.domain import FINAL_STATES, CaseState, mark_valid_until
from kierunek.quality.models import AuditAssignment, CaseEvent, QualityMarkCase
from kierunek.quality.workflows import QUALITY_CASE, TRANSITION_AUDIT_ACTIONS
from tests.quality.builders import World, case_in_state
from tests.quality.factories import AuditorFactory

pytestmark = pytest.mark.django_db

S = CaseState

# The specification, written out independently of QUALITY_CASE: (state, transition) -> target.
ALLOWED = {
    (S.APPLICATION, "start_self_assessment"): S.SELF_ASSESSMENT,
    (S.APPLICATION, "submit"): S.AWAITING_AUDIT,
    (S.SELF_ASSESSMENT, "submit"): S.AWAITING_AUDIT,
    (S.AWAITING_AUDIT, "assign_auditor"): S.AUDIT,
    (S.AUDIT, "decline_for_conflict"): S.AWAITING_AUDIT,
    (S.AUDIT, "submit_audit_report"): S.AUDIT_REPORTED,
    (S.AUDIT_REPORTED, "grant"): S.GRANTED,
    (S.AUDIT_REPORTED, "refuse"): S.REFUSED,
    (S.GRANTED, "suspend"): S.SUSPENDED,
    (S.SUSPENDED, "reinstate"): S.GRANTED,
    (S.GRANTED, "withdraw"): S.WITHDRAWN,
    (S.SUSPENDED, "withdraw"): S.WITHDRAWN,
    (S.GRANTED, "expire"): S.EXPIRED,
    (S.SUSPENDED, "expire"): S.EXPIRED,
}
ROLE_OF = {
    "start_self_assessment": Role.PROVIDER_STAFF,
    "submit": Role.PROVIDER_STAFF,
    "assign_auditor": Role.OFFICER,
    "decline_for_conflict": Role.AUDITOR,
    "submit_audit_report": Role.AUDITOR,
    "grant": Role.OFFICER,
    "refuse": Role.OFFICER,
    "suspend": Role.OFFICER,
    "reinstate": Role.OFFICER,
    "withdraw": Role.OFFICER,
    "expire": "system",
}
TRANSITIONS = QUALITY_CASE.transitions
ALL_PAIRS = [(state, name) for state in CaseState for name in TRANSITIONS]
ALL_ROLES = [*Role.values, "system"]


def _pair_id(pair: tuple[str, str]) -> str:
    return f"{pair[0]}-{pair[1]}"


def test_the_table_names_every_transition_of_the_machine():
    assert set(ROLE_OF) == set(TRANSITIONS)
    assert {name for _state, name in ALLOWED} == set(TRANSITIONS)


# --- the declared workflow -----------------------------------------------------------------------


@pytest.mark.parametrize(("state", "transition"), ALL_PAIRS, ids=[_pair_id(p) for p in ALL_PAIRS])
def test_workflow_allows_exactly_the_table(state, transition):
    # given a case in `state` and the role that takes `transition`
    role = ROLE_OF[transition]
    expected = ALLOWED.get((state, transition))
    if expected is not None:
        # when / then: the target of the table
        assert QUALITY_CASE.check(state=state, name=transition, role=role).target == expected
    else:
        # when / then: refused, saying what and in which state
        with pytest.raises(TransitionRefused) as refused:
            QUALITY_CASE.check(state=state, name=transition, role=role)
        message = str(refused.value.message)
        assert message
        assert str(TRANSITIONS[transition].label) in message


OTHER_ROLES = [(name, role) for name in TRANSITIONS for role in ALL_ROLES if role != ROLE_OF[name]]


@pytest.mark.parametrize(("transition", "role"), OTHER_ROLES, ids=[f"{t}-{r}" for t, r in OTHER_ROLES])
def test_workflow_refuses_every_other_role(transition, role):
    # given the state the transition starts from, and a role that may not take it
    source = next(state for (state, name) in ALLOWED if name == transition)
    with pytest.raises(TransitionRefused) as refused:
        QUALITY_CASE.check(state=source, name=transition, role=role)
    assert str(TRANSITIONS[transition].label) in str(refused.value.message)


@pytest.mark.parametrize("state", list(CaseState))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_allowed_transitions_lists_the_table(state, role):
    expected = {name for (source, name) in ALLOWED if source == state and ROLE_OF[name] == role}
    assert {t.name for t in QUALITY_CASE.allowed(state=state, role=role)} == expected


@pytest.mark.parametrize("state", sorted(FINAL_STATES))
def test_final_states_have_no_way_out(state):
    assert not [name for (source, name) in ALLOWED if source == state]
    for role in ALL_ROLES:
        assert QUALITY_CASE.allowed(state=state, role=role) == []


def test_an_unknown_transition_is_refused():
    # a name the workflow does not declare is a programming error, not a person's refusal (the
    # pages map only declared names to services)
    with pytest.raises(ValueError, match="promote"):
        QUALITY_CASE.check(state=S.GRANTED, name="promote", role=Role.OFFICER)


@pytest.mark.parametrize(
    ("granted_on", "years", "valid_until"),
    [
        (date(2026, 3, 15), 3, date(2029, 3, 14)),
        (date(2026, 1, 1), 1, date(2026, 12, 31)),
        (date(2028, 2, 29), 3, date(2031, 2, 28)),
        (date(2028, 2, 29), 4, date(2032, 2, 28)),
    ],
)
def test_mark_validity(granted_on, years, valid_until):
    assert mark_valid_until(granted_on=granted_on, years=years) == valid_until


# --- services ----------------------------------------------------------------------------------


def _world_for(state: CaseState, transition: str) -> World:
    """The case in `state` with what the transition's service needs to be called at all."""
    if transition == "decline_for_conflict":
        return case_in_state(state, declared=False, force_assignment=True)
    if transition == "submit_audit_report":
        return case_in_state(state, force_assignment=True)
    return case_in_state(state)


def _assignment(world: World) -> AuditAssignment:
    assert world.assignment is not None
    return world.assignment


CALLS: dict[str, Callable[[World], object]] = {
    "start_self_assessment": lambda w: quality.self_assessment_start(case=w.case, actor=Actor.of(w.staff)),
    "submit": lambda w: quality.case_submit(case=w.case, actor=Actor.of(w.staff)),
    "assign_auditor": lambda w: quality.auditor_assign(
        case=w.case, auditor=AuditorFactory(), actor=Actor.of(w.officer)
    ),
    "decline_for_conflict": lambda w: quality.auditor_declare(
        assignment=_assignment(w),
        has_conflict=True,
        statement="Pracowałem u właściciela.",
        actor=Actor.of(w.auditor.user),
    ),
    "submit_audit_report": lambda w: quality.audit_report_submit(
        assignment=_assignment(w), actor=Actor.of(w.auditor.user)
    ),
    "grant": lambda w: quality.case_grant(case=w.case, actor=Actor.of(w.officer)),
    "refuse": lambda w: quality.case_refuse(
        case=w.case, actor=Actor.of(w.officer), reasons="Standard 2.1 niespełniony."
    ),
    "suspend": lambda w: quality.case_suspend(
        case=w.case, actor=Actor.of(w.officer), reason="Skargi uczestników."
    ),
    "reinstate": lambda w: quality.case_reinstate(case=w.case, actor=Actor.of(w.officer)),
    "withdraw": lambda w: quality.case_withdraw(
        case=w.case, actor=Actor.of(w.officer), reason="Rażące naruszenia."
    ),
    "expire": lambda w: quality.case_expire(
        case=w.case, today=(w.case.valid_until or timezone.localdate()) + timedelta(days=1)
    ),
}


def _snapshot(case: QualityMarkCase) -> dict[str, object]:
    case = QualityMarkCase.objects.get(pk=case.pk)
    report = getattr(case, "audit_report", None)
    return {
        "case": (case.state, case.submitted_at, case.valid_from, case.valid_until, case.mark_number),
        "decision": (case.decided_by_id, case.decided_at, case.decision_reasons),
        "events": list(case.events.values_list("pk", flat=True)),
        "assignments": list(case.assignments.values_list("pk", "declared_at", "has_conflict", "ended_at")),
        "report": report.submitted_at if report else None,
        "audit": AuditEvent.objects.count(),
    }


def test_every_transition_has_a_service_call():
    assert set(CALLS) == set(TRANSITIONS)


@pytest.mark.parametrize(("state", "transition"), ALL_PAIRS, ids=[_pair_id(p) for p in ALL_PAIRS])
def test_service_takes_exactly_the_allowed_transitions(state, transition):
    # given a case in `state`, and the person whose role takes `transition`
    world = _world_for(state, transition)
    before = _snapshot(world.case)
    expected = ALLOWED.get((state, transition))

    if expected is not None:
        # when the service is called
        CALLS[transition](world)
        # then the case moved, with one history event and an audit record of the transition
        world.case.refresh_from_db()
        assert world.case.state == expected
        event = CaseEvent.objects.filter(case=world.case).exclude(pk__in=before["events"]).get()
        assert (event.transition, event.from_state, event.to_state) == (transition, state, expected)
        assert AuditEvent.objects.count() > before["audit"]
        audit = AuditEvent.objects.filter(action=TRANSITION_AUDIT_ACTIONS[transition]).get()
        assert audit.object_id == str(world.case.pk)
        assert audit.details["from"] == state
        assert audit.details["to"] == expected
    else:
        # when the service is called, it is refused with a message
        with pytest.raises(TransitionRefused) as refused:
            CALLS[transition](world)
        assert str(refused.value.message)
        # then nothing changed: state, dates, decision, history, assignments, report, audit log
        assert _snapshot(world.case) == before
