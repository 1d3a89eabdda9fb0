"""Quality-mark cases built directly in any state, with the people around them, for tests that
start in the middle of the workflow. The objects are what the services would have left behind
(a submitted self-assessment, a declared assignment, a report with a finding per standard, a
granted validity) so that an allowed transition from the built state succeeds."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.models import AuditEvent
from kierunek.providers.models import Provider
from kierunek.quality.domain import CaseState, mark_valid_until
from kierunek.quality.models import (
    AuditAssignment,
    Auditor,
    AuditReport,
    AuditResult,
    CaseEvent,
    CorrectiveAction,
    EvidenceFile,
    MonitoringVisit,
    QualityMarkCase,
    QualityStandard,
    SelfAssessmentEntry,
)
from kierunek.quality.services.common import FindingInput
from tests.accounts.factories import StaffUserFactory
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.quality.factories import AuditorFactory

S = CaseState
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

# How far along the workflow each state is (which records exist).
_STEPS = {
    S.APPLICATION: set(),
    S.SELF_ASSESSMENT: {"self_assessment"},
    S.AWAITING_AUDIT: {"self_assessment", "submitted"},
    S.AUDIT: {"self_assessment", "submitted", "assigned"},
    S.AUDIT_REPORTED: {"self_assessment", "submitted", "assigned", "reported"},
    S.GRANTED: {"self_assessment", "submitted", "assigned", "reported", "granted"},
    S.REFUSED: {"self_assessment", "submitted", "assigned", "reported", "refused"},
    S.SUSPENDED: {"self_assessment", "submitted", "assigned", "reported", "granted"},
    S.WITHDRAWN: {"self_assessment", "submitted", "assigned", "reported", "granted"},
    S.EXPIRED: {"self_assessment", "submitted", "assigned", "reported", "granted", "past"},
}
_mark_numbers = iter(range(9000, 10_000))


@dataclass
class World:
    case: QualityMarkCase
    provider: Provider
    staff: object  # the provider's owner (provider_staff)
    officer: object
    auditor: Auditor
    assignment: AuditAssignment | None


def pdf(name: str = "dowod.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def standards() -> list[QualityStandard]:
    return list(QualityStandard.objects.filter(active=True).order_by("position"))


def add_assignment(world: World, *, declared: bool) -> AuditAssignment:
    now = timezone.now()
    assignment = AuditAssignment.objects.create(
        case=world.case,
        auditor=world.auditor,
        assigned_by=world.officer,
        declared_at=now if declared else None,
        has_conflict=False if declared else None,
    )
    world.assignment = assignment
    return assignment


def add_report(world: World, *, submitted: bool, results: dict[str, str] | None = None) -> AuditReport:
    assert world.assignment is not None
    report = AuditReport.objects.create(
        case=world.case,
        assignment=world.assignment,
        visit_date=timezone.localdate() - timedelta(days=3),
        remarks="Dokumentacja kompletna.",
        recommendations="Rozważyć ankiety online.",
        submitted_at=timezone.now() if submitted else None,
    )
    for standard in standards():
        result = (results or {}).get(standard.code, AuditResult.MET)
        report.findings.create(
            standard=standard, result=result, evidence_notes=f"Widziano dowody {standard.code}."
        )
    return report


def case_in_state(
    state: str,
    *,
    provider: Provider | None = None,
    declared: bool = True,
    with_report: bool = True,
    force_assignment: bool = False,
    today: date | None = None,
) -> World:
    """A case in ``state`` with its history's records. In the audit state the assignment is
    declared (no conflict) unless ``declared=False``, and a complete draft report exists unless
    ``with_report=False``. ``force_assignment`` adds a current assignment to a case that would
    not have one yet (to try an auditor's action in a state where it is not allowed)."""
    state = CaseState(state)
    today = today or timezone.localdate()
    steps = _STEPS[state]
    provider = provider or ProviderFactory()
    staff = provider_staff_of(provider)
    officer = StaffUserFactory(role=Role.OFFICER)
    auditor = AuditorFactory()
    case = QualityMarkCase.objects.create(provider=provider, created_by=staff, state=S.APPLICATION)
    world = World(
        case=case, provider=provider, staff=staff, officer=officer, auditor=auditor, assignment=None
    )
    if "self_assessment" in steps:
        SelfAssessmentEntry.objects.bulk_create(
            [
                SelfAssessmentEntry(
                    case=case, standard=s, how_met=f"Opis spełnienia {s.code}.", updated_by=staff
                )
                for s in standards()
            ]
        )
    if "submitted" in steps:
        case.submitted_at = timezone.now()
    if "assigned" in steps:
        add_assignment(world, declared=declared or "reported" in steps)
        if state == S.AUDIT and declared and with_report:
            add_report(world, submitted=False)
    elif force_assignment:
        add_assignment(world, declared=declared)
    if "reported" in steps:
        add_report(world, submitted=True)
    if "granted" in steps:
        valid_from = today - timedelta(days=3 * 365 + 30) if "past" in steps else today - timedelta(days=200)
        case.valid_from = valid_from
        case.valid_until = mark_valid_until(granted_on=valid_from, years=3)
        case.mark_number = f"MSUES/2000/{next(_mark_numbers)}"
        case.decided_by, case.decided_at = officer, timezone.now()
    if "refused" in steps:
        case.decision_reasons = "Standardy 2.1 i 4.3 niespełnione."
        case.decided_by, case.decided_at = officer, timezone.now()
    case.state = state
    case.save()
    return world


# --- for the services' tests: what was written, who was told, a full report


def counts() -> tuple[int, ...]:
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


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def findings(result: str = "met", skip: int = 0) -> list[FindingInput]:
    return [
        FindingInput(standard_id=s.pk, result=result, evidence_notes=f"Notatka {s.code}")
        for s in standards()[skip:]
    ]
