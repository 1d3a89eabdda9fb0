"""The audit services one by one (assignment, declaration, the report): what each writes, whom it
tells, and what it refuses (the wrong person, segregation of duties) without changing anything."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.providers.models import ProviderMember
from kierunek.quality import selectors as qs
from kierunek.quality import services as quality
from kierunek.quality.domain import CaseState
from kierunek.quality.models import (
    AuditAssignment,
)
from tests.quality.builders import (
    case_in_state,
    counts,
    findings,
    recipients,
    standards,
)
from tests.quality.factories import AuditFirmFactory, AuditorFactory

pytestmark = pytest.mark.django_db

S = CaseState


# --- assignment and declaration ----------------------------------------------------------------


def test_an_officer_assigns_an_auditor(django_capture_on_commit_callbacks):
    world = case_in_state(S.AWAITING_AUDIT)
    with django_capture_on_commit_callbacks(execute=True):
        assignment = quality.auditor_assign(
            case=world.case, auditor=world.auditor, actor=Actor.of(world.officer)
        )
    world.case.refresh_from_db()
    assert world.case.state == S.AUDIT
    assert assignment.assigned_by == world.officer
    assert assignment.declared_at is None
    assert recipients() == {world.staff.email, world.auditor.user.email}
    # the auditor does not see the case before the declaration
    assert not qs.auditor_may_read(user=world.auditor.user, case=world.case)


@pytest.mark.parametrize(
    "problem", ["auditor_out", "firm_out", "account_off", "works_for_provider", "declined"]
)
def test_assigning_an_auditor_who_may_not_audit_is_refused(problem):
    world = case_in_state(S.AWAITING_AUDIT)
    auditor = world.auditor
    if problem == "auditor_out":
        auditor.active = False
        auditor.save()
    elif problem == "firm_out":
        auditor.firm = AuditFirmFactory(active=False)
        auditor.save()
    elif problem == "account_off":
        auditor.user.is_active = False
        auditor.user.save()
    elif problem == "works_for_provider":
        ProviderMember.objects.create(provider=world.provider, user=auditor.user)
    else:
        now = timezone.now()
        AuditAssignment.objects.create(
            case=world.case,
            auditor=auditor,
            assigned_by=world.officer,
            declared_at=now,
            has_conflict=True,
            ended_at=now,
        )
    before = counts()
    with pytest.raises(ValidationError) as refused:
        quality.auditor_assign(case=world.case, auditor=auditor, actor=Actor.of(world.officer))
    assert "auditor" in refused.value.error_dict
    assert counts() == before


@pytest.mark.parametrize("role", [Role.PROVIDER_STAFF, Role.AUDITOR])
def test_only_officers_assign_auditors(role):
    world = case_in_state(S.AWAITING_AUDIT)
    actor = world.staff if role == Role.PROVIDER_STAFF else world.auditor.user
    before = counts()
    with pytest.raises((TransitionRefused, PermissionDenied)):
        quality.auditor_assign(case=world.case, auditor=world.auditor, actor=Actor.of(actor))
    assert counts() == before


def test_declaring_no_conflict_opens_the_case_to_the_auditor():
    world = case_in_state(S.AUDIT, declared=False)
    assert not qs.auditor_may_read(user=world.auditor.user, case=world.case)
    quality.auditor_declare(
        assignment=world.assignment, has_conflict=False, statement="", actor=Actor.of(world.auditor.user)
    )
    world.assignment.refresh_from_db()
    world.case.refresh_from_db()
    assert world.assignment.has_conflict is False
    assert world.assignment.declared_at is not None
    assert world.assignment.ended_at is None
    assert world.case.state == S.AUDIT
    assert qs.auditor_may_read(user=world.auditor.user, case=world.case)
    assert AuditEvent.objects.filter(action="quality.no_conflict_declared").exists()


def test_declaring_a_conflict_sends_the_case_back(django_capture_on_commit_callbacks):
    world = case_in_state(S.AUDIT, declared=False)
    with django_capture_on_commit_callbacks(execute=True):
        quality.auditor_declare(
            assignment=world.assignment,
            has_conflict=True,
            statement="Byłem wspólnikiem właściciela.",
            actor=Actor.of(world.auditor.user),
        )
    world.assignment.refresh_from_db()
    world.case.refresh_from_db()
    assert world.case.state == S.AWAITING_AUDIT
    assert world.assignment.ended_at is not None
    assert world.assignment.has_conflict is True
    assert quality.current_assignment(world.case) is None
    assert not qs.auditor_may_read(user=world.auditor.user, case=world.case)
    # the officers are told (to assign another auditor); the statement stays with the office
    assert world.officer.email in recipients()
    assert world.staff.email in recipients()
    provider_mail = next(m for m in mail.outbox if world.staff.email in m.to)
    assert "wspólnikiem" not in provider_mail.body
    # and a new auditor can be assigned, the one who declined cannot
    with pytest.raises(ValidationError):
        quality.auditor_assign(case=world.case, auditor=world.auditor, actor=Actor.of(world.officer))
    quality.auditor_assign(case=world.case, auditor=AuditorFactory(), actor=Actor.of(world.officer))


def test_a_conflict_needs_a_statement():
    world = case_in_state(S.AUDIT, declared=False)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        quality.auditor_declare(
            assignment=world.assignment, has_conflict=True, statement=" ", actor=Actor.of(world.auditor.user)
        )
    assert "statement" in refused.value.error_dict
    assert counts() == before


def test_a_declaration_is_made_once():
    world = case_in_state(S.AUDIT)
    before = counts()
    with pytest.raises(ValidationError):
        quality.auditor_declare(
            assignment=world.assignment, has_conflict=False, statement="", actor=Actor.of(world.auditor.user)
        )
    assert counts() == before


@pytest.mark.parametrize("who", ["other_auditor", "staff", "officer"])
def test_only_the_assigned_auditor_declares(who):
    world = case_in_state(S.AUDIT, declared=False)
    actor = {
        "other_auditor": lambda: AuditorFactory().user,
        "staff": lambda: world.staff,
        "officer": lambda: world.officer,
    }[who]()
    before = counts()
    with pytest.raises(PermissionDenied):
        quality.auditor_declare(
            assignment=world.assignment, has_conflict=True, statement="x", actor=Actor.of(actor)
        )
    assert counts() == before


# --- the audit report --------------------------------------------------------------------------


def test_the_auditor_saves_a_partial_draft_and_changes_it():
    world = case_in_state(S.AUDIT, with_report=False)
    visit = timezone.localdate() - timedelta(days=1)
    report = quality.audit_report_save(
        assignment=world.assignment,
        actor=Actor.of(world.auditor.user),
        visit_date=visit,
        remote_visit=True,
        remarks="Uwagi",
        recommendations="Zalecenia",
        findings=findings(skip=5),
    )
    assert report.visit_date == visit
    assert report.remote_visit
    assert report.submitted_at is None
    assert report.findings.count() == len(standards()) - 5
    # clearing a result removes that finding; changing one updates it
    first, second = standards()[5:7]
    quality.audit_report_save(
        assignment=world.assignment,
        actor=Actor.of(world.auditor.user),
        visit_date=visit,
        remote_visit=False,
        remarks="",
        recommendations="",
        findings=[
            quality.FindingInput(standard_id=first.pk, result=""),
            quality.FindingInput(standard_id=second.pk, result="not_met", evidence_notes="Brak ankiet"),
        ],
    )
    assert report.findings.count() == len(standards()) - 6
    assert report.findings.get(standard=second).result == "not_met"
    world.case.refresh_from_db()
    assert world.case.state == S.AUDIT
    assert AuditEvent.objects.filter(action="quality.audit_report_saved").count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"visit_date": "tomorrow"}, "visit_date"),
        ({"findings": [quality.FindingInput(standard_id=0, result="met")]}, None),
        ({"findings": "bad_result"}, None),
    ],
    ids=["future-visit", "unknown-standard", "bad-result"],
)
def test_a_bad_report_is_refused(change, field):
    world = case_in_state(S.AUDIT, with_report=False)
    arguments = {
        "assignment": world.assignment,
        "actor": Actor.of(world.auditor.user),
        "visit_date": timezone.localdate(),
        "remote_visit": False,
        "remarks": "",
        "recommendations": "",
        "findings": findings(),
    }
    if change.get("visit_date") == "tomorrow":  # at run time: collection may be before midnight
        change = {"visit_date": timezone.localdate() + timedelta(days=1)}
    if change.get("findings") == "bad_result":
        change = {"findings": [quality.FindingInput(standard_id=standards()[0].pk, result="excellent")]}
    arguments.update(change)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        quality.audit_report_save(**arguments)
    if field:
        assert field in refused.value.error_dict
    assert counts() == before


@pytest.mark.parametrize("who", ["undeclared", "other_auditor", "staff", "officer"])
def test_only_the_cleared_auditor_writes_the_report(who):
    # given a case under audit; provider staff and officers never change audit data
    world = case_in_state(S.AUDIT, declared=who != "undeclared", with_report=False)
    actor = {
        "undeclared": lambda: world.auditor.user,
        "other_auditor": lambda: AuditorFactory().user,
        "staff": lambda: world.staff,
        "officer": lambda: world.officer,
    }[who]()
    before = counts()
    with pytest.raises(PermissionDenied):
        quality.audit_report_save(
            assignment=world.assignment,
            actor=Actor.of(actor),
            visit_date=timezone.localdate(),
            remote_visit=False,
            remarks="Podrobione",
            recommendations="",
            findings=findings(),
        )
    with pytest.raises(PermissionDenied):
        quality.audit_report_submit(assignment=world.assignment, actor=Actor.of(actor))
    assert counts() == before


def test_submitting_needs_a_finding_for_every_standard(django_capture_on_commit_callbacks):
    world = case_in_state(S.AUDIT, with_report=False)
    with pytest.raises(ValidationError) as refused:
        quality.audit_report_submit(assignment=world.assignment, actor=Actor.of(world.auditor.user))
    assert refused.value.messages == [gettext("Save the report before you submit it.")]
    quality.audit_report_save(
        assignment=world.assignment,
        actor=Actor.of(world.auditor.user),
        visit_date=timezone.localdate(),
        remote_visit=False,
        remarks="",
        recommendations="",
        findings=findings(skip=1),
    )
    before = counts()
    with pytest.raises(ValidationError) as refused:
        quality.audit_report_submit(assignment=world.assignment, actor=Actor.of(world.auditor.user))
    assert standards()[0].code in str(refused.value)
    assert counts() == before
    # when the last finding is given, the report goes to the office
    quality.audit_report_save(
        assignment=world.assignment,
        actor=Actor.of(world.auditor.user),
        visit_date=timezone.localdate(),
        remote_visit=False,
        remarks="",
        recommendations="",
        findings=findings()[:1],
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = quality.audit_report_submit(assignment=world.assignment, actor=Actor.of(world.auditor.user))
    world.case.refresh_from_db()
    assert world.case.state == S.AUDIT_REPORTED
    assert report.submitted_at is not None
    assert {world.officer.email, world.staff.email, world.auditor.user.email} <= recipients()


def test_a_submitted_report_cannot_be_changed():
    world = case_in_state(S.AUDIT_REPORTED)
    before = counts()
    with pytest.raises(TransitionRefused):
        quality.audit_report_save(
            assignment=world.assignment,
            actor=Actor.of(world.auditor.user),
            visit_date=timezone.localdate(),
            remote_visit=False,
            remarks="Po fakcie",
            recommendations="",
            findings=findings("not_met"),
        )
    assert counts() == before
    assert set(world.case.audit_report.findings.values_list("result", flat=True)) == {"met"}
