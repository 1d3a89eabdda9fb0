"""The MSUES quality mark: standards (data), cases with their lifecycle (workflows.py),
self-assessment, the register of audit firms and auditors, audits, decisions and monitoring.

These tables were created by the providers app and keep their names (``db_table``); migration
0001 only moved them here in Django's state."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kierunek.core.validators import validate_nip
from kierunek.providers.models import Provider

from .domain import CaseState


class StandardArea(models.IntegerChoices):
    SERVICE = 1, _("The education and training service")
    TRAINERS = 2, _("Trainers' competences")
    ORGANISATION = 3, _("Infrastructure, organisation and customer service")
    QUALITY = 4, _("Quality management")


class QualityStandard(models.Model):
    """One of the MSUES standards. Data the office edits (fixture ``msues_2_0``), not code."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    area = models.PositiveSmallIntegerField(_("area"), choices=StandardArea.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("what the provider must show"))
    position = models.PositiveSmallIntegerField(_("order"))
    active = models.BooleanField(_("in force"), default=True)

    class Meta:
        db_table = "providers_qualitystandard"
        verbose_name = _("quality standard")
        verbose_name_plural = _("quality standards (MSUES)")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class AuditFirm(models.Model):
    name = models.CharField(_("name"), max_length=300)
    nip = models.CharField(_("NIP"), max_length=10, unique=True, validators=[validate_nip])
    active = models.BooleanField(_("in the register"), default=True)

    class Meta:
        db_table = "providers_auditfirm"
        verbose_name = _("audit firm")
        verbose_name_plural = _("register of audit firms")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Auditor(models.Model):
    """An entry in the register of auditors: an account with the auditor role and its firm."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="auditor_entry"
    )
    firm = models.ForeignKey(AuditFirm, on_delete=models.PROTECT, related_name="auditors")
    licence_number = models.CharField(_("auditor's licence number"), max_length=50, blank=True)
    active = models.BooleanField(_("in the register"), default=True)

    class Meta:
        db_table = "providers_auditor"
        verbose_name = _("auditor")
        verbose_name_plural = _("register of auditors")

    def __str__(self) -> str:
        return f"{self.user.get_full_name()} ({self.firm})"


STATE_LABELS = {
    CaseState.APPLICATION: _("application being prepared"),
    CaseState.SELF_ASSESSMENT: _("self-assessment"),
    CaseState.AWAITING_AUDIT: _("waiting for an auditor"),
    CaseState.AUDIT: _("audit in progress"),
    CaseState.AUDIT_REPORTED: _("audit report submitted, waiting for the decision"),
    CaseState.GRANTED: _("quality mark granted"),
    CaseState.REFUSED: _("quality mark refused"),
    CaseState.SUSPENDED: _("quality mark suspended"),
    CaseState.WITHDRAWN: _("quality mark withdrawn"),
    CaseState.EXPIRED: _("quality mark expired"),
}

CASE_STATE_CHOICES = [(state.value, label) for state, label in STATE_LABELS.items()]


class QualityMarkCase(models.Model):
    """One application for the MSUES mark and, once granted, the mark itself. ``state`` changes
    only through ``workflows.QUALITY_CASE`` (called by the services)."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="quality_cases")
    state = models.CharField(max_length=20, choices=CASE_STATE_CHOICES, default=CaseState.APPLICATION)
    renewal_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewed_by"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reasons = models.TextField(_("reasons"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    mark_number = models.CharField(_("mark number"), max_length=30, blank=True)

    class Meta:
        db_table = "providers_qualitymarkcase"
        verbose_name = _("quality mark case")
        verbose_name_plural = _("quality mark cases")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in CaseState]), name="providers_case_state_valid"
            ),
            # A provider has at most one case that is still being processed (not yet decided).
            models.UniqueConstraint(
                fields=["provider"],
                condition=Q(
                    state__in=["application", "self_assessment", "awaiting_audit", "audit", "audit_reported"]
                ),
                name="providers_one_open_case_per_provider",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["granted", "suspended"])
                | (Q(valid_from__isnull=False) & Q(valid_until__isnull=False)),
                name="providers_case_granted_has_validity",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="providers_case_validity_in_order",
            ),
            # Mark numbers (MSUES/2026/0001) are given once and never reused.
            models.UniqueConstraint(
                fields=["mark_number"], condition=~Q(mark_number=""), name="providers_case_mark_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} — {self.get_state_display()}"


class SelfAssessmentEntry(models.Model):
    case = models.ForeignKey(QualityMarkCase, on_delete=models.CASCADE, related_name="self_assessment")
    standard = models.ForeignKey(QualityStandard, on_delete=models.PROTECT, related_name="+")
    how_met = models.TextField(_("how the standard is met"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "providers_selfassessmententry"
        verbose_name = _("self-assessment entry")
        verbose_name_plural = _("self-assessment")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "standard"], name="providers_one_self_assessment_per_standard"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.standard}"


class EvidenceFile(models.Model):
    """A file the provider attaches to a standard in the self-assessment (private storage)."""

    case = models.ForeignKey(QualityMarkCase, on_delete=models.CASCADE, related_name="evidence")
    standard = models.ForeignKey(QualityStandard, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="providers/evidence/%Y/")
    file_kind = models.CharField(max_length=8)
    original_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "providers_evidencefile"
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class AuditAssignment(models.Model):
    """An auditor assigned to a case. Before seeing the case the auditor declares whether they
    have a conflict of interest; declaring one ends the assignment and the officer assigns another."""

    case = models.ForeignKey(QualityMarkCase, on_delete=models.PROTECT, related_name="assignments")
    auditor = models.ForeignKey(Auditor, on_delete=models.PROTECT, related_name="assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    declared_at = models.DateTimeField(null=True, blank=True)
    has_conflict = models.BooleanField(null=True)
    conflict_statement = models.TextField(_("statement"), blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "providers_auditassignment"
        verbose_name = _("audit assignment")
        verbose_name_plural = _("audit assignments")
        ordering = ["-assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(ended_at__isnull=True),
                name="providers_one_current_auditor_per_case",
            ),
            models.CheckConstraint(
                condition=Q(declared_at__isnull=True) | Q(has_conflict__isnull=False),
                name="providers_assignment_declaration_complete",
            ),
            # An auditor with a conflict of interest never stays on the case.
            models.CheckConstraint(
                condition=~Q(has_conflict=True) | Q(ended_at__isnull=False),
                name="providers_assignment_conflict_ends_it",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} ← {self.auditor}"


class AuditResult(models.TextChoices):
    MET = "met", _("met")
    PARTLY_MET = "partly_met", _("partly met")
    NOT_MET = "not_met", _("not met")


class AuditReport(models.Model):
    case = models.OneToOneField(QualityMarkCase, on_delete=models.PROTECT, related_name="audit_report")
    assignment = models.ForeignKey(AuditAssignment, on_delete=models.PROTECT, related_name="+")
    visit_date = models.DateField(_("date of the visit"))
    remote_visit = models.BooleanField(_("remote visit"), default=False)
    remarks = models.TextField(_("remarks"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "providers_auditreport"
        verbose_name = _("audit report")
        verbose_name_plural = _("audit reports")

    def __str__(self) -> str:
        return f"{self.case}"


class AuditFinding(models.Model):
    report = models.ForeignKey(AuditReport, on_delete=models.CASCADE, related_name="findings")
    standard = models.ForeignKey(QualityStandard, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("result"), max_length=12, choices=AuditResult.choices)
    evidence_notes = models.TextField(_("evidence seen"), blank=True)

    class Meta:
        db_table = "providers_auditfinding"
        verbose_name = _("audit finding")
        verbose_name_plural = _("audit findings")
        constraints = [
            models.UniqueConstraint(fields=["report", "standard"], name="providers_one_finding_per_standard"),
            models.CheckConstraint(
                condition=Q(result__in=AuditResult.values), name="providers_finding_result_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.standard}: {self.result}"


class VisitKind(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    AD_HOC = "ad_hoc", _("ad hoc")


class MonitoringVisit(models.Model):
    """Ongoing quality monitoring of a granted mark."""

    case = models.ForeignKey(QualityMarkCase, on_delete=models.PROTECT, related_name="monitoring_visits")
    kind = models.CharField(_("kind"), max_length=12, choices=VisitKind.choices)
    planned_on = models.DateField(_("planned for"))
    visited_on = models.DateField(_("visited on"), null=True, blank=True)
    remote = models.BooleanField(_("remote"), default=False)
    findings = models.TextField(_("findings"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "providers_monitoringvisit"
        verbose_name = _("monitoring visit")
        verbose_name_plural = _("monitoring visits")
        ordering = ["-planned_on"]

    def __str__(self) -> str:
        return f"{self.case} {self.planned_on}"


class CorrectiveAction(models.Model):
    visit = models.ForeignKey(MonitoringVisit, on_delete=models.CASCADE, related_name="corrective_actions")
    description = models.TextField(_("what must be corrected"))
    deadline = models.DateField(_("deadline"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        db_table = "providers_correctiveaction"
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["deadline"]

    def __str__(self) -> str:
        return self.description[:60]


# What a history event says happened (the transitions' own labels are for buttons).
EVENT_LABELS = {
    "open": _("application opened"),
    "start_self_assessment": _("self-assessment started"),
    "submit": _("application submitted"),
    "assign_auditor": _("auditor assigned"),
    "decline_for_conflict": _("auditor declined (conflict of interest)"),
    "submit_audit_report": _("audit report submitted"),
    "grant": _("quality mark granted"),
    "refuse": _("quality mark refused"),
    "suspend": _("quality mark suspended"),
    "reinstate": _("suspension lifted"),
    "withdraw": _("quality mark withdrawn"),
    "expire": _("quality mark expired"),
}


class CaseEvent(models.Model):
    """The public history of a case: every transition, who took it (kept internal) and when."""

    case = models.ForeignKey(QualityMarkCase, on_delete=models.CASCADE, related_name="events")
    transition = models.CharField(max_length=40)
    from_state = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "providers_caseevent"
        verbose_name = _("case event")
        verbose_name_plural = _("case history")
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_state} → {self.to_state}"

    @property
    def to_state_label(self) -> object:
        return STATE_LABELS.get(CaseState(self.to_state), self.to_state) if self.to_state else ""

    @property
    def transition_label(self) -> object:
        return EVENT_LABELS.get(self.transition, self.transition)
