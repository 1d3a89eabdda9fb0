"""Reads of the MSUES quality-mark workflow, each scoped to what the asking person may see:
provider staff their own provider's cases, auditors the cases they were assigned to and declared
no conflict for, officers everything."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from kierunek.accounts.models import Role, User
from kierunek.core.collation import polish_sorted
from kierunek.geo.domain import search_key
from kierunek.providers import selectors as provider_selectors
from kierunek.providers.models import Provider, ProviderStatus

from .domain import CaseState
from .models import (
    STATE_LABELS,
    AuditAssignment,
    Auditor,
    CaseEvent,
    CorrectiveAction,
    EvidenceFile,
    MonitoringVisit,
    QualityMarkCase,
    QualityStandard,
    StandardArea,
)

S = CaseState
# The officer's list: what waits for an officer first, then work in progress, then the rest.
OFFICER_ORDER = [
    S.AWAITING_AUDIT,
    S.AUDIT_REPORTED,
    S.AUDIT,
    S.SELF_ASSESSMENT,
    S.APPLICATION,
    S.SUSPENDED,
    S.GRANTED,
    S.REFUSED,
    S.WITHDRAWN,
    S.EXPIRED,
]
WAITING_FOR_OFFICER = frozenset({S.AWAITING_AUDIT, S.AUDIT_REPORTED})


@dataclass
class StandardRow:
    """One standard with what the case has for it: the provider's text, evidence, the finding."""

    standard: QualityStandard
    how_met: str
    evidence: list[EvidenceFile]
    finding: object | None = None


@dataclass
class AreaGroup:
    area: int
    label: object
    rows: list[StandardRow]


@dataclass
class StateGroup:
    state: CaseState
    label: object
    waiting: bool
    cases: list[QualityMarkCase]


def standards_in_force() -> QuerySet[QualityStandard]:
    return QualityStandard.objects.filter(active=True).order_by("position")


def provider_cases(*, provider: Provider) -> QuerySet[QualityMarkCase]:
    return provider.quality_cases.order_by("-created_at", "-pk")


def case_with_details(*, case_id: int) -> QualityMarkCase:
    """A case with everything its pages show. Raises DoesNotExist."""
    return (
        QualityMarkCase.objects.select_related("provider", "provider__gmina", "renewal_of", "decided_by")
        .prefetch_related(
            Prefetch(
                "events", queryset=CaseEvent.objects.select_related("actor").order_by("occurred_at", "pk")
            ),
            Prefetch(
                "assignments",
                queryset=AuditAssignment.objects.select_related(
                    "auditor__user", "auditor__firm", "assigned_by"
                ),
            ),
            Prefetch(
                "monitoring_visits",
                queryset=MonitoringVisit.objects.prefetch_related("corrective_actions").order_by(
                    "-planned_on"
                ),
            ),
        )
        .get(pk=case_id)
    )


def standards_by_area(*, case: QualityMarkCase, with_findings: bool = False) -> list[AreaGroup]:
    """The standards in force grouped by their area, each with the case's self-assessment text,
    evidence files and (when asked) the auditor's finding."""
    texts = {e.standard_id: e.how_met for e in case.self_assessment.all()}
    evidence: dict[int, list[EvidenceFile]] = {}
    for item in case.evidence.order_by("uploaded_at", "pk"):
        evidence.setdefault(item.standard_id, []).append(item)
    findings = {}
    report = getattr(case, "audit_report", None) if with_findings else None
    if report is not None:
        findings = {f.standard_id: f for f in report.findings.all()}
    groups: dict[int, AreaGroup] = {}
    for standard in standards_in_force():
        group = groups.setdefault(
            standard.area, AreaGroup(area=standard.area, label=StandardArea(standard.area).label, rows=[])
        )
        group.rows.append(
            StandardRow(
                standard=standard,
                how_met=texts.get(standard.pk, ""),
                evidence=evidence.get(standard.pk, []),
                finding=findings.get(standard.pk),
            )
        )
    return [groups[area] for area in sorted(groups)]


def cases_for_officer() -> list[StateGroup]:
    """Every case grouped by state, those waiting for an officer first."""
    order = Case(
        *[When(state=s.value, then=Value(i)) for i, s in enumerate(OFFICER_ORDER)],
        output_field=IntegerField(),
    )
    cases = (
        QualityMarkCase.objects.select_related("provider")
        .annotate(state_order=order)
        .order_by("state_order", "submitted_at", "created_at", "pk")
    )
    groups: dict[str, StateGroup] = {}
    for case in cases:
        state = CaseState(case.state)
        group = groups.setdefault(
            state,
            StateGroup(
                state=state, label=STATE_LABELS[state], waiting=state in WAITING_FOR_OFFICER, cases=[]
            ),
        )
        group.cases.append(case)
    return list(groups.values())


def auditors_available(*, case: QualityMarkCase) -> QuerySet[Auditor]:
    """Auditors in the register (with their firm) who have not declined this case."""
    return (
        Auditor.objects.filter(active=True, firm__active=True, user__is_active=True, user__role=Role.AUDITOR)
        .exclude(pk__in=AuditAssignment.objects.filter(case=case, has_conflict=True).values("auditor"))
        .select_related("user", "firm")
        .order_by("pk")  # the select puts them in Polish order of their names
    )


def assignments_for_auditor(*, user: User) -> QuerySet[AuditAssignment]:
    return (
        AuditAssignment.objects.filter(auditor__user=user)
        .select_related("case", "case__provider")
        .order_by("-assigned_at", "-pk")
    )


@dataclass(frozen=True)
class AuditorWork:
    """What waits for an auditor: assignments to declare (conflict of interest or not), audits in
    progress (declared, the case in audit, the report not yet submitted), the earliest of both
    (``waiting``, at most five) and how many assignments they have had in all."""

    to_declare: int
    in_progress: int
    total: int
    waiting: list[AuditAssignment]


def auditor_work(*, user: User) -> AuditorWork:
    mine = AuditAssignment.objects.filter(auditor__user=user)
    open_ = Q(ended_at__isnull=True)
    to_declare = Q(declared_at__isnull=True) & open_
    in_progress = Q(has_conflict=False, case__state=CaseState.AUDIT) & open_
    waiting = list(
        mine.filter(to_declare | in_progress)
        .select_related("case__provider")
        .order_by("assigned_at", "pk")[:5]
    )
    return AuditorWork(
        to_declare=mine.filter(to_declare).count(),
        in_progress=mine.filter(in_progress).count(),
        total=mine.count(),
        waiting=waiting,
    )


def auditor_may_read(*, user: User, case: QualityMarkCase) -> bool:
    """An auditor reads a case they are, or were, assigned to once they declared no conflict."""
    return case.assignments.filter(auditor__user=user, has_conflict=False).exists()


def evidence_visible_to(*, user: User, evidence_id: int) -> EvidenceFile | None:
    """The evidence file if ``user`` may read it: the provider's own staff, any officer, or the
    case's auditor after declaring no conflict."""
    evidence = EvidenceFile.objects.select_related("case", "case__provider").filter(pk=evidence_id).first()
    if evidence is None:
        return None
    if user.role == Role.OFFICER:
        return evidence
    if user.role == Role.PROVIDER_STAFF:
        return evidence if evidence.case.provider.members.filter(user=user).exists() else None
    if user.role == Role.AUDITOR:
        return evidence if auditor_may_read(user=user, case=evidence.case) else None
    return None


def open_corrective_actions(*, provider: Provider) -> QuerySet[CorrectiveAction]:
    return (
        CorrectiveAction.objects.filter(visit__case__provider=provider, completed_at__isnull=True)
        .select_related("visit", "visit__case")
        .order_by("deadline", "pk")
    )


def corrective_action_for(*, user: User, action_id: int) -> CorrectiveAction | None:
    """A corrective action the person may mark as done: their own provider's, or any for an
    officer."""
    actions = CorrectiveAction.objects.select_related("visit__case__provider").filter(pk=action_id)
    if user.role == Role.PROVIDER_STAFF:
        actions = actions.filter(visit__case__provider__members__user=user)
    elif user.role != Role.OFFICER:
        return None
    return actions.first()


# --- the provider's mark, for the other contexts (catalogue, guidance, vouchers) and the register ---


def current_case(*, provider: Provider) -> QualityMarkCase | None:
    """The newest case of a provider (open, or the mark it holds), if any."""
    return provider.quality_cases.order_by("-created_at").first()


def register_entries(
    *, q: str = "", nip: str = "", gmina_teryt: str = "", state: str = "", today: date
) -> list[QualityMarkCase]:
    """The public register of quality-mark holders: every case that was ever granted (valid,
    suspended, withdrawn, expired), with its provider and history, in Polish alphabetical order of
    the providers' names and each provider's newest first. ``q`` finds a part of the legal or the
    short name ignoring case and Polish diacritics, as the catalogue's search does ("lodz" finds
    "Łódź")."""
    cases = (
        QualityMarkCase.objects.filter(valid_from__isnull=False)
        .select_related("provider", "provider__gmina")
        .prefetch_related("events")
        .order_by("-valid_from", "-pk")
    )
    key = search_key(q)
    if key:
        # In Python: SQLite folds the case of ASCII letters only, and neither database folds "ł".
        names = Provider.objects.filter(quality_cases__valid_from__isnull=False).distinct()
        matching = [
            pk
            for pk, legal_name, short_name in names.values_list("pk", "legal_name", "short_name")
            if key in search_key(legal_name) or key in search_key(short_name)
        ]
        cases = cases.filter(provider_id__in=matching)
    if nip:
        cases = cases.filter(provider__nip=nip)
    if gmina_teryt:
        cases = cases.filter(provider__gmina__teryt=gmina_teryt)
    if state:
        cases = cases.filter(state=state)
    return polish_sorted(cases, key=lambda case: case.provider.legal_name)


def providers_holding_valid_mark(*, today: date) -> QuerySet[QualityMarkCase, Any]:
    """The ids (``provider_id``) of the providers that hold a valid MSUES mark on ``today``, as a
    subquery for filtering lists of services; the same rule as :func:`provider_holds_valid_mark`."""
    return (
        QualityMarkCase.objects.filter(state=CaseState.GRANTED, valid_from__lte=today, valid_until__gte=today)
        .order_by()
        .values("provider_id")
    )


def provider_valid_mark(*, provider: Provider, today: date) -> QualityMarkCase | None:
    """The MSUES mark ``provider`` holds on ``today`` (the one valid longest), or None."""
    return (
        provider.quality_cases.filter(state=CaseState.GRANTED, valid_from__lte=today, valid_until__gte=today)
        .order_by("-valid_until")
        .first()
    )


def provider_holds_valid_mark(*, provider: Provider, today: date) -> bool:
    return provider.quality_cases.filter(
        state=CaseState.GRANTED, valid_from__lte=today, valid_until__gte=today
    ).exists()


def provider_meets_quality_requirement(*, provider: Provider, today: date) -> bool:
    """May sell services for vouchers: approved, and a valid MSUES mark or a valid accepted
    certificate."""
    if provider.status != ProviderStatus.APPROVED:
        return False
    if provider_holds_valid_mark(provider=provider, today=today):
        return True
    return provider_selectors.provider_holds_valid_certificate(provider=provider, today=today)


def officer_cases_waiting_count() -> int:
    """Cases waiting for an auditor or a decision, for the officer's dashboard."""
    return QualityMarkCase.objects.filter(
        state__in=[CaseState.AWAITING_AUDIT, CaseState.AUDIT_REPORTED]
    ).count()
