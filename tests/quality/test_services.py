"""The services of the MSUES workflow one by one: what each writes, whom it tells, and what it
refuses (bad input, the wrong person, segregation of duties) without changing anything."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.providers.models import ProviderMember, ProviderStatus
from kierunek.quality import selectors as qs
from kierunek.quality import services as quality
from kierunek.quality.domain import CaseState, mark_valid_until
from kierunek.quality.models import (
    AuditAssignment,
    AuditReport,
    CaseEvent,
    CorrectiveAction,
    EvidenceFile,
    MonitoringVisit,
    QualityMarkCase,
    SelfAssessmentEntry,
)
from tests.accounts.factories import StaffUserFactory
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.quality.builders import PDF_BYTES, PNG_BYTES, add_report, case_in_state, pdf, standards
from tests.quality.factories import AuditFirmFactory, AuditorFactory

pytestmark = pytest.mark.django_db

S = CaseState


def _counts() -> tuple[int, ...]:
    """Everything the workflow writes, to prove that a refusal wrote nothing."""
    return (
        QualityMarkCase.objects.count(),
        CaseEvent.objects.count(),
        AuditEvent.objects.count(),
        SelfAssessmentEntry.objects.count(),
        EvidenceFile.objects.count(),
        AuditAssignment.objects.count(),
        AuditReport.objects.count(),
        MonitoringVisit.objects.count(),
        CorrectiveAction.objects.count(),
    )


def _recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def _findings(result: str = "met", skip: int = 0) -> list[quality.FindingInput]:
    return [
        quality.FindingInput(standard_id=s.pk, result=result, evidence_notes=f"Notatka {s.code}")
        for s in standards()[skip:]
    ]


# --- opening a case ----------------------------------------------------------------------------


def test_an_approved_provider_opens_a_case(django_capture_on_commit_callbacks):
    # given an approved provider with two staff members
    provider = ProviderFactory()
    owner = provider_staff_of(provider)
    colleague = StaffUserFactory(role=Role.PROVIDER_STAFF)
    ProviderMember.objects.create(provider=provider, user=colleague)
    # when the owner applies
    with django_capture_on_commit_callbacks(execute=True):
        case = quality.quality_case_open(provider=provider, actor=Actor.of(owner))
    # then a case in application, with its history and audit record, and both colleagues are told
    assert case.state == S.APPLICATION
    assert case.renewal_of is None
    assert case.created_by == owner
    assert list(case.events.values_list("transition", "to_state")) == [("open", "application")]
    assert AuditEvent.objects.filter(action="quality.case_opened", object_id=str(case.pk)).exists()
    assert _recipients() == {owner.email, colleague.email}


@pytest.mark.parametrize("status", [ProviderStatus.PENDING, ProviderStatus.REJECTED])
def test_a_provider_not_approved_cannot_apply(status):
    provider = ProviderFactory(status=status)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        quality.quality_case_open(provider=provider, actor=Actor.of(provider_staff_of(provider)))
    assert refused.value.messages == [
        gettext(
            "Your institution must be approved by a programme officer before it applies for the quality mark."
        )
    ]
    assert _counts() == before


@pytest.mark.parametrize("open_state", sorted(quality.OPEN_STATES))
def test_only_one_case_in_progress(open_state):
    world = case_in_state(open_state)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        quality.quality_case_open(provider=world.provider, actor=Actor.of(world.staff))
    assert refused.value.messages == [
        gettext("Your institution already has an application for the quality mark in progress.")
    ]
    assert _counts() == before


@pytest.mark.parametrize(
    ("newest", "is_renewal"),
    [(S.GRANTED, True), (S.EXPIRED, True), (S.REFUSED, False), (S.WITHDRAWN, False)],
)
def test_renewal_after_a_mark(newest, is_renewal):
    # given a provider whose newest case ended (or holds a mark)
    world = case_in_state(newest)
    # when it applies again
    case = quality.quality_case_open(provider=world.provider, actor=Actor.of(world.staff))
    # then the new case renews the mark if there was one
    assert case.renewal_of == (world.case if is_renewal else None)
    assert case.state == S.APPLICATION


def test_a_suspended_mark_cannot_be_renewed_meanwhile():
    world = case_in_state(S.SUSPENDED)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        quality.quality_case_open(provider=world.provider, actor=Actor.of(world.staff))
    assert refused.value.messages == [
        gettext("Your quality mark is suspended. You can apply again once the suspension is lifted or ends.")
    ]
    assert _counts() == before


@pytest.mark.parametrize("who", ["other_staff", "officer", "auditor"])
def test_only_the_providers_staff_apply(who):
    provider = ProviderFactory()
    actor = {
        "other_staff": lambda: provider_staff_of(ProviderFactory()),
        "officer": lambda: StaffUserFactory(role=Role.OFFICER),
        "auditor": lambda: AuditorFactory().user,
    }[who]()
    before = _counts()
    with pytest.raises(PermissionDenied):
        quality.quality_case_open(provider=provider, actor=Actor.of(actor))
    assert _counts() == before


# --- self-assessment and evidence --------------------------------------------------------------


def test_the_first_self_assessment_entry_starts_the_self_assessment():
    world = case_in_state(S.APPLICATION)
    standard = standards()[0]
    entry = quality.self_assessment_save(
        case=world.case,
        standard=standard,
        how_met="  Ankieta przed szkoleniem.  ",
        actor=Actor.of(world.staff),
    )
    world.case.refresh_from_db()
    assert world.case.state == S.SELF_ASSESSMENT
    assert entry.how_met == "Ankieta przed szkoleniem."
    assert entry.updated_by == world.staff
    assert list(world.case.events.values_list("transition", flat=True)) == ["start_self_assessment"]
    assert AuditEvent.objects.filter(action="quality.self_assessment_saved").count() == 1
    # saving again changes the text, not the number of entries or the state
    quality.self_assessment_save(
        case=world.case, standard=standard, how_met="Wywiad i ankieta.", actor=Actor.of(world.staff)
    )
    assert world.case.self_assessment.get().how_met == "Wywiad i ankieta."
    assert world.case.events.count() == 1


@pytest.mark.parametrize("how_met", ["", "   ", "x" * (quality.MAX_TEXT + 1)])
def test_self_assessment_text_is_required_and_bounded(how_met):
    world = case_in_state(S.SELF_ASSESSMENT)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        quality.self_assessment_save(
            case=world.case, standard=standards()[0], how_met=how_met, actor=Actor.of(world.staff)
        )
    assert "how_met" in refused.value.error_dict
    assert _counts() == before


@pytest.mark.parametrize("state", [S.AWAITING_AUDIT, S.AUDIT, S.GRANTED, S.REFUSED])
def test_the_self_assessment_is_frozen_after_submission(state):
    world = case_in_state(state)
    before = _counts()
    texts = list(world.case.self_assessment.values_list("how_met", flat=True))
    with pytest.raises(TransitionRefused) as refused:
        quality.self_assessment_save(
            case=world.case, standard=standards()[0], how_met="Zmiana", actor=Actor.of(world.staff)
        )
    assert str(refused.value.message)
    with pytest.raises(TransitionRefused):
        quality.evidence_add(
            case=world.case, standard=standards()[0], upload=pdf(), actor=Actor.of(world.staff)
        )
    assert _counts() == before
    assert list(world.case.self_assessment.values_list("how_met", flat=True)) == texts


def test_an_inactive_standard_is_refused():
    world = case_in_state(S.SELF_ASSESSMENT)
    standard = standards()[0]
    standard.active = False
    standard.save()
    before = _counts()
    with pytest.raises(ValidationError):
        quality.self_assessment_save(
            case=world.case, standard=standard, how_met="Opis", actor=Actor.of(world.staff)
        )
    assert _counts() == before


@pytest.mark.parametrize("who", ["other_staff", "officer", "auditor"])
def test_only_the_providers_staff_write_the_self_assessment(who):
    world = case_in_state(S.SELF_ASSESSMENT)
    actor = {
        "other_staff": lambda: provider_staff_of(ProviderFactory()),
        "officer": lambda: world.officer,
        "auditor": lambda: world.auditor.user,
    }[who]()
    before = _counts()
    with pytest.raises(PermissionDenied):
        quality.self_assessment_save(
            case=world.case, standard=standards()[0], how_met="Obce", actor=Actor.of(actor)
        )
    with pytest.raises(PermissionDenied):
        quality.evidence_add(case=world.case, standard=standards()[0], upload=pdf(), actor=Actor.of(actor))
    assert _counts() == before


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("Regulamin szkoleń.PDF", PDF_BYTES, "pdf"), ("sala.png", PNG_BYTES, "png")],
)
def test_evidence_is_stored_under_a_random_name(name, content, kind):
    world = case_in_state(S.APPLICATION)
    evidence = quality.evidence_add(
        case=world.case,
        standard=standards()[2],
        upload=SimpleUploadedFile(name, content),
        actor=Actor.of(world.staff),
    )
    assert evidence.file_kind == kind
    assert evidence.original_name == name
    assert name not in evidence.file.name
    assert evidence.file.name.startswith("providers/evidence/")
    assert evidence.file.read() == content
    world.case.refresh_from_db()
    assert world.case.state == S.SELF_ASSESSMENT  # evidence is part of the self-assessment
    assert AuditEvent.objects.filter(action="quality.evidence_added").get().details["kind"] == kind


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("skrypt.pdf", b"<html><script>alert(1)</script>"), "bad_type"),
        (SimpleUploadedFile("dokument.docx", b"PK\x03\x04 word"), "bad_type"),
        (SimpleUploadedFile("dowod.exe", PDF_BYTES), "bad_type"),
        (SimpleUploadedFile("pusty.pdf", b""), "empty"),
        (SimpleUploadedFile("duzy.pdf", PDF_BYTES + b"0" * 2048), "too_large"),
    ],
    ids=["html-named-pdf", "docx", "pdf-named-exe", "empty", "too-large"],
)
def test_evidence_uploads_are_refused_with_a_clear_error(settings, upload, code):
    settings.KIERUNEK_UPLOAD_MAX_BYTES = 1024
    world = case_in_state(S.SELF_ASSESSMENT)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        quality.evidence_add(
            case=world.case, standard=standards()[0], upload=upload, actor=Actor.of(world.staff)
        )
    assert refused.value.code == code
    assert refused.value.messages[0]
    assert _counts() == before


def test_evidence_per_standard_is_limited():
    world = case_in_state(S.SELF_ASSESSMENT)
    standard = standards()[0]
    for n in range(quality.MAX_EVIDENCE_PER_STANDARD):
        quality.evidence_add(
            case=world.case, standard=standard, upload=pdf(f"{n}.pdf"), actor=Actor.of(world.staff)
        )
    before = _counts()
    with pytest.raises(ValidationError):
        quality.evidence_add(case=world.case, standard=standard, upload=pdf(), actor=Actor.of(world.staff))
    assert _counts() == before


# --- submission --------------------------------------------------------------------------------


def test_submission_tells_the_staff_and_every_active_officer(django_capture_on_commit_callbacks):
    # given a complete self-assessment, two active officers and one inactive
    world = case_in_state(S.SELF_ASSESSMENT)
    officer_b = StaffUserFactory(role=Role.OFFICER)
    retired = StaffUserFactory(role=Role.OFFICER, is_active=False)
    # when the provider submits
    with django_capture_on_commit_callbacks(execute=True):
        quality.case_submit(case=world.case, actor=Actor.of(world.staff))
    # then the case waits for an auditor, and the people involved are told
    world.case.refresh_from_db()
    assert world.case.state == S.AWAITING_AUDIT
    assert world.case.submitted_at is not None
    assert _recipients() == {world.staff.email, world.officer.email, officer_b.email}
    assert retired.email not in _recipients()
    assert all(message.subject.startswith("Kierunek: ") for message in mail.outbox)


def test_a_started_self_assessment_must_cover_every_standard():
    world = case_in_state(S.SELF_ASSESSMENT)
    first, second = standards()[:2]
    world.case.self_assessment.filter(standard__in=[first, second]).delete()
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        quality.case_submit(case=world.case, actor=Actor.of(world.staff))
    assert first.code in str(refused.value)
    assert second.code in str(refused.value)
    assert _counts() == before
    world.case.refresh_from_db()
    assert world.case.state == S.SELF_ASSESSMENT
    assert world.case.submitted_at is None


def test_the_self_assessment_is_optional():
    world = case_in_state(S.APPLICATION)
    quality.case_submit(case=world.case, actor=Actor.of(world.staff))
    world.case.refresh_from_db()
    assert world.case.state == S.AWAITING_AUDIT


def test_staff_of_another_provider_cannot_submit():
    world = case_in_state(S.SELF_ASSESSMENT)
    before = _counts()
    with pytest.raises(PermissionDenied):
        quality.case_submit(case=world.case, actor=Actor.of(provider_staff_of(ProviderFactory())))
    assert _counts() == before


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
    assert _recipients() == {world.staff.email, world.auditor.user.email}
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
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        quality.auditor_assign(case=world.case, auditor=auditor, actor=Actor.of(world.officer))
    assert "auditor" in refused.value.error_dict
    assert _counts() == before


@pytest.mark.parametrize("role", [Role.PROVIDER_STAFF, Role.AUDITOR])
def test_only_officers_assign_auditors(role):
    world = case_in_state(S.AWAITING_AUDIT)
    actor = world.staff if role == Role.PROVIDER_STAFF else world.auditor.user
    before = _counts()
    with pytest.raises((TransitionRefused, PermissionDenied)):
        quality.auditor_assign(case=world.case, auditor=world.auditor, actor=Actor.of(actor))
    assert _counts() == before


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
    assert world.officer.email in _recipients()
    assert world.staff.email in _recipients()
    provider_mail = next(m for m in mail.outbox if world.staff.email in m.to)
    assert "wspólnikiem" not in provider_mail.body
    # and a new auditor can be assigned, the one who declined cannot
    with pytest.raises(ValidationError):
        quality.auditor_assign(case=world.case, auditor=world.auditor, actor=Actor.of(world.officer))
    quality.auditor_assign(case=world.case, auditor=AuditorFactory(), actor=Actor.of(world.officer))


def test_a_conflict_needs_a_statement():
    world = case_in_state(S.AUDIT, declared=False)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        quality.auditor_declare(
            assignment=world.assignment, has_conflict=True, statement=" ", actor=Actor.of(world.auditor.user)
        )
    assert "statement" in refused.value.error_dict
    assert _counts() == before


def test_a_declaration_is_made_once():
    world = case_in_state(S.AUDIT)
    before = _counts()
    with pytest.raises(ValidationError):
        quality.auditor_declare(
            assignment=world.assignment, has_conflict=False, statement="", actor=Actor.of(world.auditor.user)
        )
    assert _counts() == before


@pytest.mark.parametrize("who", ["other_auditor", "staff", "officer"])
def test_only_the_assigned_auditor_declares(who):
    world = case_in_state(S.AUDIT, declared=False)
    actor = {
        "other_auditor": lambda: AuditorFactory().user,
        "staff": lambda: world.staff,
        "officer": lambda: world.officer,
    }[who]()
    before = _counts()
    with pytest.raises(PermissionDenied):
        quality.auditor_declare(
            assignment=world.assignment, has_conflict=True, statement="x", actor=Actor.of(actor)
        )
    assert _counts() == before


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
        findings=_findings(skip=5),
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
        ({"visit_date": timezone.localdate() + timedelta(days=1)}, "visit_date"),
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
        "findings": _findings(),
    }
    if change.get("findings") == "bad_result":
        change = {"findings": [quality.FindingInput(standard_id=standards()[0].pk, result="excellent")]}
    arguments.update(change)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        quality.audit_report_save(**arguments)
    if field:
        assert field in refused.value.error_dict
    assert _counts() == before


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
    before = _counts()
    with pytest.raises(PermissionDenied):
        quality.audit_report_save(
            assignment=world.assignment,
            actor=Actor.of(actor),
            visit_date=timezone.localdate(),
            remote_visit=False,
            remarks="Podrobione",
            recommendations="",
            findings=_findings(),
        )
    with pytest.raises(PermissionDenied):
        quality.audit_report_submit(assignment=world.assignment, actor=Actor.of(actor))
    assert _counts() == before


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
        findings=_findings(skip=1),
    )
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        quality.audit_report_submit(assignment=world.assignment, actor=Actor.of(world.auditor.user))
    assert standards()[0].code in str(refused.value)
    assert _counts() == before
    # when the last finding is given, the report goes to the office
    quality.audit_report_save(
        assignment=world.assignment,
        actor=Actor.of(world.auditor.user),
        visit_date=timezone.localdate(),
        remote_visit=False,
        remarks="",
        recommendations="",
        findings=_findings()[:1],
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = quality.audit_report_submit(assignment=world.assignment, actor=Actor.of(world.auditor.user))
    world.case.refresh_from_db()
    assert world.case.state == S.AUDIT_REPORTED
    assert report.submitted_at is not None
    assert {world.officer.email, world.staff.email, world.auditor.user.email} <= _recipients()


def test_a_submitted_report_cannot_be_changed():
    world = case_in_state(S.AUDIT_REPORTED)
    before = _counts()
    with pytest.raises(TransitionRefused):
        quality.audit_report_save(
            assignment=world.assignment,
            actor=Actor.of(world.auditor.user),
            visit_date=timezone.localdate(),
            remote_visit=False,
            remarks="Po fakcie",
            recommendations="",
            findings=_findings("not_met"),
        )
    assert _counts() == before
    assert set(world.case.audit_report.findings.values_list("result", flat=True)) == {"met"}


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
    assert {first.staff.email, first.auditor.user.email} <= _recipients()
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
    before = _counts()
    with pytest.raises(ValidationError):
        quality.case_grant(
            case=world.case,
            actor=Actor.of(world.officer),
            years=years,
            valid_from=timezone.localdate() + timedelta(days=valid_from_days),
        )
    assert _counts() == before
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
    before = _counts()
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
    assert _counts() == before
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
    before = _counts()
    with pytest.raises(TransitionRefused):
        quality.case_grant(case=world.case, actor=Actor.of(actor))
    assert _counts() == before


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
    before = _counts()
    with pytest.raises(ValidationError):
        call(world, "  ")
    assert _counts() == before
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
    before = _counts()
    with pytest.raises(ValidationError):
        quality.case_reinstate(case=world.case, actor=Actor.of(world.officer))
    assert _counts() == before


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
    assert worlds["g"].staff.email in _recipients()
    # and running it again changes nothing
    before = _counts()
    assert quality.cases_expire(today=today) == 0
    assert _counts() == before


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
    assert _recipients() == {world.staff.email}
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
    assert _recipients() == {world.staff.email}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        quality.corrective_action_complete(action=action, actor=Actor.of(world.staff))
    action.refresh_from_db()
    assert action.completed_at is not None
    assert _recipients() == {world.officer.email}
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
    before = _counts()
    with pytest.raises(TransitionRefused):
        quality.monitoring_visit_add(
            case=world.case,
            kind="ad_hoc",
            planned_on=timezone.localdate(),
            remote=True,
            actor=Actor.of(world.officer),
        )
    assert _counts() == before


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
    before = _counts()
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
    assert _counts() == before


def test_bad_monitoring_input_is_refused():
    world = case_in_state(S.SUSPENDED)
    today = timezone.localdate()
    visit = quality.monitoring_visit_add(
        case=world.case, kind="ad_hoc", planned_on=today, remote=False, actor=Actor.of(world.officer)
    )
    before = _counts()
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
    assert _counts() == before
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
        before = _counts()
        with pytest.raises(PermissionDenied):
            quality.corrective_action_complete(action=action, actor=Actor.of(actor))
        action.refresh_from_db()
        assert action.completed_at is None
        assert _counts() == before


# --- reads -------------------------------------------------------------------------------------


def test_evidence_is_visible_to_the_people_involved_only():
    world = case_in_state(S.SELF_ASSESSMENT)
    evidence = quality.evidence_add(
        case=world.case, standard=standards()[0], upload=pdf(), actor=Actor.of(world.staff)
    )
    # the case moves on to an audit with an undeclared auditor
    quality.case_submit(case=world.case, actor=Actor.of(world.staff))
    assignment = quality.auditor_assign(case=world.case, auditor=world.auditor, actor=Actor.of(world.officer))

    def sees(user) -> bool:
        return qs.evidence_visible_to(user=user, evidence_id=evidence.pk) is not None

    assert sees(world.staff)
    assert sees(world.officer)
    assert not sees(world.auditor.user)  # not before the declaration
    assert not sees(provider_staff_of(ProviderFactory()))
    assert not sees(AuditorFactory().user)
    assert not sees(StaffUserFactory(role=Role.FINANCIAL_OPERATOR))
    quality.auditor_declare(
        assignment=assignment, has_conflict=False, statement="", actor=Actor.of(world.auditor.user)
    )
    assert sees(world.auditor.user)


def test_the_officers_list_puts_waiting_cases_first():
    for state in [S.GRANTED, S.APPLICATION, S.AUDIT_REPORTED, S.AWAITING_AUDIT, S.EXPIRED]:
        case_in_state(state)
    groups = qs.cases_for_officer()
    assert [g.state for g in groups] == [
        S.AWAITING_AUDIT,
        S.AUDIT_REPORTED,
        S.APPLICATION,
        S.GRANTED,
        S.EXPIRED,
    ]
    assert [g.waiting for g in groups] == [True, True, False, False, False]


def test_a_report_draft_builder_is_complete():
    # the builder used across these tests leaves what the services would (a sanity check)
    world = case_in_state(S.AUDIT)
    assert world.case.audit_report.findings.count() == len(standards())
    assert world.case.audit_report.submitted_at is None
    other = case_in_state(S.AUDIT, with_report=False)
    add_report(other, submitted=False, results={standards()[0].code: "not_met"})
    assert other.case.audit_report.findings.filter(result="not_met").count() == 1
