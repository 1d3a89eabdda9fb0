"""The decisions on a mark one by one, and its expiry: what each writes, whom it tells, and what it
refuses (bad input, the wrong person, segregation of duties) without changing anything."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.quality import services as quality
from kierunek.quality.domain import CaseState, mark_valid_until
from kierunek.quality.models import (
    AuditAssignment,
    CaseEvent,
    QualityMarkCase,
)
from tests.quality.builders import (
    case_in_state,
    counts,
    recipients,
)
from tests.quality.factories import AuditorFactory

pytestmark = pytest.mark.django_db

S = CaseState


# --- decisions ---------------------------------------------------------------------------------


def test_granting_sets_validity_number_and_decider(settings, django_capture_on_commit_callbacks):
    settings.KIERUNEK_QUALITY_MARK_YEARS = 3
    today = timezone.localdate()
    first, second = case_in_state(S.AUDIT_REPORTED), case_in_state(S.AUDIT_REPORTED)
    with django_capture_on_commit_callbacks(execute=True):
        quality.case_grant(case=first.case, actor=Actor.of(first.officer))
    quality.case_grant(
        case=second.case, actor=Actor.of(second.officer), years=2, valid_from=today + timedelta(days=10)
    )
    first.case.refresh_from_db()
    second.case.refresh_from_db()
    assert first.case.state == S.GRANTED
    assert first.case.valid_from == today
    assert first.case.valid_until == mark_valid_until(granted_on=today, years=3)
    assert first.case.mark_number == f"MSUES/{today.year}/0001"
    assert second.case.mark_number == f"MSUES/{today.year}/0002"
    assert second.case.valid_until == mark_valid_until(granted_on=today + timedelta(days=10), years=2)
    assert first.case.decided_by == first.officer
    assert first.case.decided_at is not None
    assert {first.staff.email, first.auditor.user.email} <= recipients()
    assert any(first.case.mark_number in m.body for m in mail.outbox)


def test_the_default_validity_is_configurable(settings):
    settings.KIERUNEK_QUALITY_MARK_YEARS = 5
    world = case_in_state(S.AUDIT_REPORTED)
    quality.case_grant(case=world.case, actor=Actor.of(world.officer))
    world.case.refresh_from_db()
    assert world.case.valid_until == mark_valid_until(granted_on=timezone.localdate(), years=5)


@pytest.mark.parametrize(
    ("years", "valid_from_days"),
    [(0, 0), (quality.MAX_MARK_YEARS + 1, 0), (1, -400)],
    ids=["zero-years", "too-many-years", "already-expired"],
)
def test_a_grant_with_bad_validity_is_refused(years, valid_from_days):
    world = case_in_state(S.AUDIT_REPORTED)
    before = counts()
    with pytest.raises(ValidationError):
        quality.case_grant(
            case=world.case,
            actor=Actor.of(world.officer),
            years=years,
            valid_from=timezone.localdate() + timedelta(days=valid_from_days),
        )
    assert counts() == before
    world.case.refresh_from_db()
    assert world.case.state == S.AUDIT_REPORTED
    assert world.case.mark_number == ""


@pytest.mark.parametrize("decision", ["grant", "refuse"])
def test_the_auditor_of_a_provider_never_decides_on_it(decision):
    # given an officer account that was the auditor of this case (the role changed since)
    world = case_in_state(S.AUDIT_REPORTED)
    auditor_user = world.auditor.user
    auditor_user.role = Role.OFFICER
    auditor_user.save()
    before = counts()
    # when that person decides, it is refused and nothing changes
    decide = {
        "grant": lambda: quality.case_grant(case=world.case, actor=Actor.of(auditor_user)),
        "refuse": lambda: quality.case_refuse(case=world.case, actor=Actor.of(auditor_user), reasons="Nie"),
    }[decision]
    with pytest.raises(PermissionDenied) as refused:
        decide()
    assert str(refused.value) == gettext(
        "You audited this provider, so another officer must decide on its mark."
    )
    assert counts() == before
    world.case.refresh_from_db()
    assert world.case.state == S.AUDIT_REPORTED
    assert world.case.decided_by is None


def test_an_auditor_who_declined_for_conflict_does_not_decide_either():
    world = case_in_state(S.AUDIT_REPORTED)
    declined = AuditorFactory()
    now = timezone.now()
    AuditAssignment.objects.create(
        case=world.case,
        auditor=declined,
        assigned_by=world.officer,
        declared_at=now,
        has_conflict=True,
        ended_at=now,
    )
    declined.user.role = Role.OFFICER
    declined.user.save()
    with pytest.raises(PermissionDenied):
        quality.case_grant(case=world.case, actor=Actor.of(declined.user))


@pytest.mark.parametrize("role", [Role.PROVIDER_STAFF, Role.AUDITOR])
def test_only_officers_decide(role):
    world = case_in_state(S.AUDIT_REPORTED)
    actor = world.staff if role == Role.PROVIDER_STAFF else world.auditor.user
    before = counts()
    with pytest.raises(TransitionRefused):
        quality.case_grant(case=world.case, actor=Actor.of(actor))
    assert counts() == before


def test_a_refusal_keeps_its_reasons(django_capture_on_commit_callbacks):
    world = case_in_state(S.AUDIT_REPORTED)
    with django_capture_on_commit_callbacks(execute=True):
        quality.case_refuse(
            case=world.case, actor=Actor.of(world.officer), reasons="Standard 2.1 niespełniony."
        )
    world.case.refresh_from_db()
    assert world.case.state == S.REFUSED
    assert world.case.decision_reasons == "Standard 2.1 niespełniony."
    assert world.case.events.get(transition="refuse").note == "Standard 2.1 niespełniony."
    assert any("Standard 2.1" in m.body for m in mail.outbox if world.staff.email in m.to)


@pytest.mark.parametrize(
    ("state", "call"),
    [
        (
            S.AUDIT_REPORTED,
            lambda w, text: quality.case_refuse(case=w.case, actor=Actor.of(w.officer), reasons=text),
        ),
        (
            S.GRANTED,
            lambda w, text: quality.case_suspend(case=w.case, actor=Actor.of(w.officer), reason=text),
        ),
        (
            S.GRANTED,
            lambda w, text: quality.case_withdraw(case=w.case, actor=Actor.of(w.officer), reason=text),
        ),
        (
            S.SUSPENDED,
            lambda w, text: quality.case_withdraw(case=w.case, actor=Actor.of(w.officer), reason=text),
        ),
    ],
    ids=["refuse", "suspend", "withdraw-granted", "withdraw-suspended"],
)
def test_reasons_are_required(state, call):
    world = case_in_state(state)
    before = counts()
    with pytest.raises(ValidationError):
        call(world, "  ")
    assert counts() == before
    call(world, "Powód decyzji.")
    world.case.refresh_from_db()
    assert world.case.events.order_by("-pk").first().note == "Powód decyzji."


def test_suspend_and_reinstate(django_capture_on_commit_callbacks):
    world = case_in_state(S.GRANTED)
    with django_capture_on_commit_callbacks(execute=True):
        quality.case_suspend(case=world.case, actor=Actor.of(world.officer), reason="Skargi")
        quality.case_reinstate(case=world.case, actor=Actor.of(world.officer), reason="Poprawiono")
    world.case.refresh_from_db()
    assert world.case.state == S.GRANTED
    assert list(world.case.events.values_list("transition", flat=True)) == ["suspend", "reinstate"]
    subjects = [m.subject for m in mail.outbox if world.staff.email in m.to]
    assert len(subjects) == 2


def test_a_mark_past_its_validity_is_not_reinstated():
    world = case_in_state(S.SUSPENDED)
    world.case.valid_from = timezone.localdate() - timedelta(days=800)
    world.case.valid_until = timezone.localdate() - timedelta(days=1)
    world.case.save()
    before = counts()
    with pytest.raises(ValidationError):
        quality.case_reinstate(case=world.case, actor=Actor.of(world.officer))
    assert counts() == before


# --- expiry ------------------------------------------------------------------------------------


def test_expiry_is_due_after_the_last_valid_day_and_idempotent(django_capture_on_commit_callbacks):
    # given marks whose last valid day is yesterday (granted and suspended), today, and tomorrow
    today = timezone.localdate()
    worlds = {
        name: case_in_state(state)
        for name, state in [("g", S.GRANTED), ("s", S.SUSPENDED), ("t", S.GRANTED), ("n", S.GRANTED)]
    }
    for name, last_day in [("g", -1), ("s", -1), ("t", 0), ("n", 1)]:
        case = worlds[name].case
        case.valid_from = today - timedelta(days=1000)
        case.valid_until = today + timedelta(days=last_day)
        case.save()
    refused = case_in_state(S.REFUSED)
    # when the expiry runs
    with django_capture_on_commit_callbacks(execute=True):
        assert quality.cases_expire(today=today) == 2
    # then exactly the two past their validity expired, by the system, with history and audit
    states = {name: QualityMarkCase.objects.get(pk=w.case.pk).state for name, w in worlds.items()}
    assert states == {"g": S.EXPIRED, "s": S.EXPIRED, "t": S.GRANTED, "n": S.GRANTED}
    assert QualityMarkCase.objects.get(pk=refused.case.pk).state == S.REFUSED
    event = CaseEvent.objects.get(case=worlds["g"].case, transition="expire")
    assert event.actor is None
    assert event.from_state == S.GRANTED
    assert AuditEvent.objects.filter(action="quality.mark_expired").count() == 2
    assert worlds["g"].staff.email in recipients()
    # and running it again changes nothing
    before = counts()
    assert quality.cases_expire(today=today) == 0
    assert counts() == before


def test_the_management_command_expires_marks():
    world = case_in_state(S.EXPIRED)
    world.case.state = S.GRANTED
    world.case.save()
    out = StringIO()
    call_command("expire_quality_marks", stdout=out)
    assert "1" in out.getvalue()
    world.case.refresh_from_db()
    assert world.case.state == S.EXPIRED
    out = StringIO()
    call_command("expire_quality_marks", "--today", timezone.localdate().isoformat(), stdout=out)
    assert out.getvalue().strip().endswith("0")
