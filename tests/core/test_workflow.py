"""The workflow kit, on a toy lifecycle over a real table (a gmina's name stands for a state):
the transition is checked against the state in the database and the actor's role, and one call
saves, writes the history and the audit rows and queues the notification, or does none of it."""

import pytest
from django.core import mail
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.audit_registry import audit_action
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import Applied, Notification, Transition, TransitionRefused, Workflow
from kierunek.geo.models import Gmina
from tests.accounts.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

TOY_OPENED = audit_action("toy.opened")
TOY_CLOSED = audit_action("toy.closed")
HISTORY: list[Applied] = []

TOY = Workflow(
    name="test.toy",
    model=Gmina,
    state_field="name",
    states={"draft": _("draft"), "open": _("open"), "closed": _("closed")},
    transitions=[
        Transition(
            "open", {"draft"}, "open", roles={"officer"}, label="open the toy", audit_action=TOY_OPENED
        ),
        Transition(
            "close",
            {"draft", "open"},
            "closed",
            roles={"officer", "system"},
            label="close the toy",
            audit_action=TOY_CLOSED,
            notification=Notification(
                subject=gettext_noop("Your booking"),
                template="providers/email/bank_account_decided.txt",
                recipients=lambda gmina: ["wojt@test.example"],
            ),
        ),
    ],
    history=HISTORY.append,
    register=False,
)


@pytest.fixture
def gmina():
    HISTORY.clear()
    gmina = Gmina.objects.get(teryt="1261011")  # Kraków
    Gmina.objects.filter(pk=gmina.pk).update(name="draft")
    gmina.refresh_from_db()
    return gmina


def test_a_declared_transition_moves_the_object_and_writes_history_and_audit(gmina):
    officer = StaffUserFactory(role="officer")
    actor = Actor(user=officer, ip_address="10.0.0.7")

    TOY.apply(gmina, "open", actor=actor, note="why")

    assert Gmina.objects.get(pk=gmina.pk).name == "open"
    assert [(a.transition.name, a.source, a.note) for a in HISTORY] == [("open", "draft", "why")]
    event = AuditEvent.objects.get(action=TOY_OPENED)
    assert (event.actor_id, event.ip_address, event.object_id) == (officer.pk, "10.0.0.7", str(gmina.pk))
    assert event.details == {"from": "draft", "to": "open"}


def test_the_state_in_the_database_decides_not_the_one_in_memory(gmina):
    officer = StaffUserFactory(role="officer")
    stale = Gmina.objects.get(pk=gmina.pk)
    TOY.apply(gmina, "close", actor=SYSTEM)

    with pytest.raises(TransitionRefused):
        TOY.apply(stale, "open", actor=Actor.of(officer))

    assert Gmina.objects.get(pk=gmina.pk).name == "closed"
    assert not AuditEvent.objects.filter(action=TOY_OPENED).exists()


def test_a_role_the_transition_does_not_name_is_refused_and_nothing_is_written(gmina):
    participant = StaffUserFactory(role="advisor")

    with pytest.raises(TransitionRefused) as refused:
        TOY.apply(gmina, "open", actor=Actor.of(participant))

    assert "open the toy" in refused.value.messages[0]
    assert Gmina.objects.get(pk=gmina.pk).name == "draft"
    assert HISTORY == []
    assert not AuditEvent.objects.filter(action__startswith="toy.").exists()


def test_the_system_takes_scheduled_transitions_and_the_notification_waits_for_the_commit(
    gmina, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        TOY.apply(gmina, "close", actor=SYSTEM)
        assert mail.outbox == []

    assert [m.to for m in mail.outbox] == [["wojt@test.example"]]
    assert AuditEvent.objects.get(action=TOY_CLOSED).actor_id is None


def test_the_table_answers_what_is_open_to_whom():
    assert [t.name for t in TOY.allowed(state="draft")] == ["open", "close"]
    assert [t.name for t in TOY.allowed(state="draft", role="system")] == ["close"]
    assert TOY.allowed(state="closed") == []
    with pytest.raises(ValueError, match="unknown states"):
        Workflow(
            name="test.broken",
            model=Gmina,
            states={"a": "a"},
            transitions=[Transition("go", {"a"}, "b", roles=set(), label="go", audit_action=TOY_OPENED)],
            register=False,
        )
