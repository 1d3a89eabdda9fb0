"""Training providers, their people and bank accounts, certificates, and the MSUES quality mark:
standards (data), cases with their state machine (domain.py), self-assessment, the register of
audit firms and auditors, audits, decisions and monitoring."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kierunek.core.validators import validate_iban, validate_nip, validate_regon

from .domain import CaseState, CertificateStatus, certificate_status


class ProviderStatus(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class Provider(models.Model):
    """An institution that offers development services. Only an approved provider may publish
    services; only one meeting the programme's quality requirement may sell them for vouchers."""

    legal_name = models.CharField(_("legal name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    nip = models.CharField(_("NIP"), max_length=10, unique=True, validators=[validate_nip])
    regon = models.CharField(_("REGON"), max_length=14, unique=True, validators=[validate_regon])
    krs = models.CharField(_("KRS"), max_length=10, blank=True)
    gmina = models.ForeignKey(
        "geo.Gmina",
        verbose_name=_("gmina"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=6)
    city = models.CharField(_("town"), max_length=100)
    outside_region_address = models.CharField(
        _("address outside Małopolska (voivodeship, country)"), max_length=200, blank=True
    )
    email = models.EmailField(_("contact e-mail"))
    phone = models.CharField(_("phone"), max_length=30)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(max_length=16, choices=ProviderStatus.choices, default=ProviderStatus.PENDING)
    status_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    payout_hold_until = models.DateField(_("payouts held until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training provider")
        verbose_name_plural = _("training providers")
        ordering = ["legal_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProviderStatus.values), name="providers_provider_status_valid"
            ),
            # In Małopolska: a gmina; outside: a free address. Never both, never neither.
            models.CheckConstraint(
                condition=(Q(gmina__isnull=False) & Q(outside_region_address=""))
                | (Q(gmina__isnull=True) & ~Q(outside_region_address="")),
                name="providers_provider_gmina_xor_outside_address",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.legal_name

    @property
    def is_approved(self) -> bool:
        return self.status == ProviderStatus.APPROVED

    def payouts_on_hold(self, *, today: date) -> bool:
        return self.payout_hold_until is not None and today <= self.payout_hold_until


class ProviderMember(models.Model):
    """A provider-staff account working for one provider. The owner invites the others."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="members")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_membership"
    )
    is_owner = models.BooleanField(_("owner"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("provider staff member")
        verbose_name_plural = _("provider staff members")

    def __str__(self) -> str:
        return f"{self.user} @ {self.provider}"


class BankAccountStatus(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    ACTIVE = "active", _("active")
    REJECTED = "rejected", _("rejected")
    SUPERSEDED = "superseded", _("replaced")


class BankAccount(models.Model):
    """Where the provider is paid. Every account, and every change, is approved by a programme
    officer (a second person); approving a change holds payouts for a while, so that a hijacked
    provider account cannot redirect money at once."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="bank_accounts")
    iban = models.CharField(_("account number (IBAN)"), max_length=34, validators=[validate_iban])
    holder_name = models.CharField(_("account holder"), max_length=300)
    status = models.CharField(
        max_length=16, choices=BankAccountStatus.choices, default=BankAccountStatus.PENDING
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider"], condition=Q(status="active"), name="providers_one_active_bank_account"
            ),
            models.UniqueConstraint(
                fields=["provider"], condition=Q(status="pending"), name="providers_one_pending_bank_account"
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | (Q(decided_by__isnull=False) & Q(decided_at__isnull=False)),
                name="providers_bank_account_decision_recorded",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("requested_by")),
                name="providers_bank_account_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider}: …{self.iban[-4:]}"


CERTIFICATE_STATUS_LABELS = {
    CertificateStatus.NOT_YET_VALID: _("not yet valid"),
    CertificateStatus.VALID: _("valid"),
    CertificateStatus.EXPIRING_SOON: _("expiring soon"),
    CertificateStatus.EXPIRED: _("expired"),
}


class CertificateKind(models.TextChoices):
    ISO_9001 = "iso_9001", "ISO 9001"
    ISO_29993 = "iso_29993", "ISO 29993"
    ISO_29990 = "iso_29990", "PN-ISO 29990"
    SUS = "sus_2_0", _("Training and Development Service Standard SUS 2.0")
    SCHOOL_ACCREDITATION = "kurator", _("Accreditation of the school superintendent (Kurator Oświaty)")
    OTHER = "other", _("Other")


class Certificate(models.Model):
    """A quality certificate other than the MSUES mark, with its validity and a scan. The scan is
    stored outside the web root and served only through a view that checks access."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("type"), max_length=20, choices=CertificateKind.choices)
    number = models.CharField(_("number"), max_length=100)
    issuer = models.CharField(_("issued by"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    scan = models.FileField(_("scan"), upload_to="providers/certificates/%Y/")
    scan_kind = models.CharField(max_length=8)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="providers_certificate_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def status(self, *, today: date) -> CertificateStatus:
        return certificate_status(valid_from=self.valid_from, valid_to=self.valid_to, today=today)


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
    only through the services in ``quality.py`` (the state machine in domain.py)."""

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
