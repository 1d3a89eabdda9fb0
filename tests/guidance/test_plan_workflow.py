"""The development plan's lifecycle as a table: every status against every transition and every
role, checked against the declared workflow; what a status allows besides its transitions
(changing the balance, feedback); and one transition applied through the service, which writes
the audit row and e-mails the participant. (Guidance keeps no history table of its own: the audit
log is the plan's history.)"""

import pytest
from django.core import mail

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import SYSTEM_ROLE, TransitionRefused
from kierunek.guidance.domain import PLAN_EDITABLE, PLAN_FEEDBACK_OPEN, PlanStatus
from kierunek.guidance.models import DevelopmentPlan
from kierunek.guidance.services import plan as plan_services
from kierunek.guidance.workflows import PLAN
from tests.guidance.builders import balance_ready_to_sign

S = PlanStatus

# The specification, written out independently of workflows.PLAN: (status, transition) -> status.
ALLOWED = {
    (S.DRAFT, "sign"): S.SIGNED,
    (S.SIGNED, "reopen"): S.DRAFT,
    (S.ACKNOWLEDGED, "reopen"): S.DRAFT,
    (S.SIGNED, "acknowledge"): S.ACKNOWLEDGED,
}
ROLE_OF = {"sign": Role.ADVISOR, "reopen": Role.ADVISOR, "acknowledge": Role.PARTICIPANT}
ALL_ROLES = [*Role.values, SYSTEM_ROLE]
CASES = [(status, name, role) for status in PlanStatus for name in ROLE_OF for role in ALL_ROLES]


def test_the_table_names_every_transition_and_every_status():
    assert set(PLAN.transitions) == set(ROLE_OF)
    assert set(PLAN.states) == {s.value for s in PlanStatus}


@pytest.mark.parametrize(("status", "name", "role"), CASES, ids=[f"{s}-{n}-{r}" for s, n, r in CASES])
def test_the_workflow_allows_exactly_the_table(status, name, role):
    if (status, name) in ALLOWED and role == ROLE_OF[name]:
        assert PLAN.check(state=status, name=name, role=role).target == ALLOWED[(status, name)]
    else:
        with pytest.raises(TransitionRefused):
            PLAN.check(state=status, name=name, role=role)


@pytest.mark.parametrize(
    ("status", "name", "message"),
    [
        (S.SIGNED, "sign", "Only a draft plan can be signed."),
        (S.ACKNOWLEDGED, "sign", "Only a draft plan can be signed."),
        (S.DRAFT, "reopen", "Only a signed plan can be reopened."),
        (S.DRAFT, "acknowledge", "The plan is not waiting for your acknowledgement."),
        (S.ACKNOWLEDGED, "acknowledge", "The plan is not waiting for your acknowledgement."),
    ],
)
def test_a_refusal_says_why_in_words_a_person_understands(status, name, message):
    with pytest.raises(TransitionRefused) as refused:
        PLAN.check(state=status, name=name)
    assert refused.value.messages == [message]


def test_an_unknown_status_or_transition_is_refused():
    with pytest.raises(TransitionRefused):
        PLAN.check(state="nonsense", name="sign")
    with pytest.raises(ValueError, match="no transition"):
        PLAN.check(state=S.DRAFT, name="nonsense")


@pytest.mark.parametrize(
    ("status", "editable", "feedback"),
    [(S.DRAFT, True, False), (S.SIGNED, False, True), (S.ACKNOWLEDGED, False, True)],
)
def test_what_a_status_allows_without_moving_the_plan(status, editable, feedback):
    # Editing the balance and the plan (the plan stays a draft), and the participant's feedback
    # (the plan stays signed or acknowledged): not transitions, checked by the services.
    assert (status in PLAN_EDITABLE) is editable
    assert (status in PLAN_FEEDBACK_OPEN) is feedback


@pytest.mark.django_db
def test_applying_a_transition_saves_writes_the_audit_row_and_tells_the_participant(
    django_capture_on_commit_callbacks,
):
    balance = balance_ready_to_sign()
    actor = Actor(user=balance.advisor, ip_address="10.1.2.3")

    with django_capture_on_commit_callbacks(execute=True):
        plan_services.plan_sign(balance_id=balance.pk, actor=actor)

    plan = DevelopmentPlan.objects.get(balance=balance)
    assert (plan.status, plan.signed_by) == (S.SIGNED, balance.advisor)
    event = AuditEvent.objects.get(action="guidance.plan_signed")
    assert (event.actor, event.ip_address, event.object_id) == (balance.advisor, "10.1.2.3", str(plan.pk))
    assert event.details == {"areas": plan.areas.count()}
    assert [m.to for m in mail.outbox] == [[balance.participant.email]]
