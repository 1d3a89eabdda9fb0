"""Monitoring of a mark in force: visits, findings, corrective actions; what they write, whom
they tell, and what they refuse without changing anything."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.quality import services as quality
from kierunek.quality.domain import CaseState
from tests.accounts.factories import StaffUserFactory
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.quality.builders import (
    case_in_state,
    counts,
    recipients,
)

pytestmark = pytest.mark.django_db

S = CaseState


# --- monitoring --------------------------------------------------------------------------------


def test_monitoring_visit_and_corrective_action(django_capture_on_commit_callbacks):
    world = case_in_state(S.GRANTED)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        visit = quality.monitoring_visit_add(
            case=world.case,
            kind="scheduled",
            planned_on=today + timedelta(days=7),
            remote=False,
            actor=Actor.of(world.officer),
        )
    assert visit.created_by == world.officer
    assert recipients() == {world.staff.email}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        quality.monitoring_visit_record(
            visit=visit, visited_on=today, findings="Brak ankiet.", actor=Actor.of(world.officer)
        )
        action = quality.corrective_action_add(
            visit=visit,
            description="Wprowadzić ankiety.",
            deadline=today + timedelta(days=30),
            actor=Actor.of(world.officer),
        )
    visit.refresh_from_db()
    assert visit.visited_on == today
    assert visit.findings == "Brak ankiet."
    assert len(mail.outbox) == 2
    assert recipients() == {world.staff.email}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        quality.corrective_action_complete(action=action, actor=Actor.of(world.staff))
    action.refresh_from_db()
    assert action.completed_at is not None
    assert recipients() == {world.officer.email}
    actions = [
        "quality.monitoring_visit_added",
        "quality.monitoring_visit_recorded",
        "quality.corrective_action_added",
        "quality.corrective_action_completed",
    ]
    for name in actions:
        assert AuditEvent.objects.filter(action=name, object_id=str(world.case.pk)).count() == 1


@pytest.mark.parametrize("state", [S.APPLICATION, S.AUDIT, S.REFUSED, S.WITHDRAWN, S.EXPIRED])
def test_monitoring_only_for_a_mark_in_force(state):
    world = case_in_state(state)
    before = counts()
    with pytest.raises(TransitionRefused):
        quality.monitoring_visit_add(
            case=world.case,
            kind="ad_hoc",
            planned_on=timezone.localdate(),
            remote=True,
            actor=Actor.of(world.officer),
        )
    assert counts() == before


@pytest.mark.parametrize("role", [Role.PROVIDER_STAFF, Role.AUDITOR])
def test_only_officers_monitor(role):
    world = case_in_state(S.GRANTED)
    actor = world.staff if role == Role.PROVIDER_STAFF else world.auditor.user
    visit = quality.monitoring_visit_add(
        case=world.case,
        kind="ad_hoc",
        planned_on=timezone.localdate(),
        remote=True,
        actor=Actor.of(world.officer),
    )
    before = counts()
    with pytest.raises(PermissionDenied):
        quality.monitoring_visit_add(
            case=world.case,
            kind="ad_hoc",
            planned_on=timezone.localdate(),
            remote=True,
            actor=Actor.of(actor),
        )
    with pytest.raises(PermissionDenied):
        quality.monitoring_visit_record(
            visit=visit, visited_on=timezone.localdate(), findings="x", actor=Actor.of(actor)
        )
    with pytest.raises(PermissionDenied):
        quality.corrective_action_add(
            visit=visit, description="x", deadline=timezone.localdate(), actor=Actor.of(actor)
        )
    assert counts() == before


def test_bad_monitoring_input_is_refused():
    world = case_in_state(S.SUSPENDED)
    today = timezone.localdate()
    visit = quality.monitoring_visit_add(
        case=world.case, kind="ad_hoc", planned_on=today, remote=False, actor=Actor.of(world.officer)
    )
    before = counts()
    with pytest.raises(ValidationError):
        quality.monitoring_visit_add(
            case=world.case, kind="monthly", planned_on=today, remote=False, actor=Actor.of(world.officer)
        )
    with pytest.raises(ValidationError):
        quality.monitoring_visit_record(
            visit=visit, visited_on=today + timedelta(days=1), findings="x", actor=Actor.of(world.officer)
        )
    with pytest.raises(ValidationError):
        quality.monitoring_visit_record(
            visit=visit, visited_on=today, findings=" ", actor=Actor.of(world.officer)
        )
    with pytest.raises(ValidationError) as refused:
        quality.corrective_action_add(
            visit=visit,
            description="Poprawić",
            deadline=today - timedelta(days=1),
            actor=Actor.of(world.officer),
        )
    assert "deadline" in refused.value.error_dict
    with pytest.raises(ValidationError):
        quality.corrective_action_add(
            visit=visit, description="", deadline=today, actor=Actor.of(world.officer)
        )
    assert counts() == before
    visit.refresh_from_db()
    assert visit.visited_on is None


@pytest.mark.parametrize(
    ("who", "allowed"), [("staff", True), ("officer", True), ("other_staff", False), ("auditor", False)]
)
def test_who_completes_a_corrective_action(who, allowed):
    world = case_in_state(S.GRANTED)
    today = timezone.localdate()
    visit = quality.monitoring_visit_add(
        case=world.case, kind="ad_hoc", planned_on=today, remote=False, actor=Actor.of(world.officer)
    )
    action = quality.corrective_action_add(
        visit=visit, description="Poprawić", deadline=today, actor=Actor.of(world.officer)
    )
    actor = {
        "staff": lambda: world.staff,
        "officer": lambda: StaffUserFactory(role=Role.OFFICER),
        "other_staff": lambda: provider_staff_of(ProviderFactory()),
        "auditor": lambda: world.auditor.user,
    }[who]()
    if allowed:
        quality.corrective_action_complete(action=action, actor=Actor.of(actor))
        action.refresh_from_db()
        assert action.completed_at is not None
        with pytest.raises(ValidationError):  # and only once
            quality.corrective_action_complete(action=action, actor=Actor.of(actor))
    else:
        before = counts()
        with pytest.raises(PermissionDenied):
            quality.corrective_action_complete(action=action, actor=Actor.of(actor))
        action.refresh_from_db()
        assert action.completed_at is None
        assert counts() == before
