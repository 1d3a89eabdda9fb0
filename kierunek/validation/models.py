"""A candidate's validation of a market qualification at a certifying institution (issue 16, §3):
identification (self-assessment of each learning outcome, with the institution's advisor),
documentation (evidence mapped to outcomes: items of the competence-balance portfolio or new
uploads), verification (exam sessions with seats, a commission of at least two assessors recording
a theory and a practical result per outcome set; sets passed stay passed for re-sits), the result
and an appeal. The institutions, their authorisations and staff are the register's
(:mod:`kierunek.qualifications.models`); the certificate is issued from a ``passed`` validation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from . import domain


class ValidationStatus(models.TextChoices):
    APPLIED = domain.APPLIED, _("applied")
    IDENTIFICATION = domain.IDENTIFICATION, _("identification")
    DOCUMENTATION = domain.DOCUMENTATION, _("documentation")
    VERIFICATION = domain.VERIFICATION, _("verification")
    PASSED = domain.PASSED, _("passed")
    FAILED = domain.FAILED, _("not passed")
    APPEALED = domain.APPEALED, _("appeal under review")
    REFUSED = domain.REFUSED, _("application refused")
    WITHDRAWN = domain.WITHDRAWN, _("withdrawn")


class Validation(models.Model):
    """One candidate's validation of one qualification at one institution."""

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="validations"
    )
    institution = models.ForeignKey(
        "qualifications.CertifyingInstitution",
        verbose_name=_("certifying institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    qualification = models.ForeignKey(
        "qualifications.Qualification",
        verbose_name=_("qualification"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The area of the candidate's development plan the application came from, if any.
    plan_area = models.ForeignKey(
        "guidance.DevelopmentArea",
        verbose_name=_("area of the development plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The advisor who supports identification and documentation: never an assessor of this candidate.
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validation advisor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="validations_advised",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ValidationStatus.choices, default=ValidationStatus.APPLIED
    )
    motivation = models.TextField(_("why you apply"), blank=True)
    applied_at = models.DateTimeField(auto_now_add=True)
    result_on = models.DateField(_("result decided on"), null=True, blank=True)
    appeal_until = models.DateField(_("appeal possible until"), null=True, blank=True)
    appeal_text = models.TextField(_("appeal"), blank=True)
    appeal_decision = models.TextField(_("decision on the appeal"), blank=True)
    refusal_reason = models.TextField(_("reason"), blank=True)
    # The fee the institution charges, in grosze, set when it accepts the application; 0 is free.
    fee = models.PositiveIntegerField(_("fee"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("validation")
        verbose_name_plural = _("validations")
        ordering = ["-applied_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ValidationStatus.values), name="validation_status_known"
            ),
            models.CheckConstraint(
                condition=Q(advisor__isnull=True) | ~Q(advisor=F("candidate")),
                name="validation_advisor_not_candidate",
            ),
            models.UniqueConstraint(
                fields=["candidate", "qualification"],
                condition=Q(status__in=domain.OPEN),
                name="validation_one_open_per_qualification",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id}: {self.qualification_id} @ {self.institution_id}"


class ValidationEvent(models.Model):
    """The validation's history: each transition, who took it and the note."""

    validation = models.ForeignKey(Validation, on_delete=models.CASCADE, related_name="events")
    status_from = models.CharField(max_length=16)
    status_to = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("validation event")
        verbose_name_plural = _("validation events")
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.validation_id}: {self.status_from} → {self.status_to}"


class SelfAssessment(models.Model):
    """The candidate's own assessment of one learning outcome (identification)."""

    class Level(models.TextChoices):
        CAN = domain.CAN, _("I can do it")
        PARTLY = domain.PARTLY, _("partly")
        CANNOT = domain.CANNOT, _("not yet")

    validation = models.ForeignKey(Validation, on_delete=models.CASCADE, related_name="self_assessments")
    outcome = models.ForeignKey("qualifications.LearningOutcome", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("self-assessment"), max_length=8, choices=Level.choices)
    note = models.TextField(_("how you know"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["outcome__outcome_set__position", "outcome__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["validation", "outcome"], name="validation_self_assessment_once"),
            models.CheckConstraint(
                condition=Q(level__in=domain.SELF_LEVELS), name="validation_self_level_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.validation_id} {self.outcome_id}: {self.level}"


class Evidence(models.Model):
    """Evidence for learning outcomes (documentation): an item of the candidate's competence
    portfolio or a file uploaded here (PDF or image, checked by its first bytes)."""

    validation = models.ForeignKey(Validation, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
    portfolio_item = models.ForeignKey(
        "guidance.PortfolioItem",
        verbose_name=_("portfolio item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to="validation/evidence/%Y/", blank=True)
    file_kind = models.CharField(max_length=8, blank=True)
    outcomes = models.ManyToManyField(
        "qualifications.LearningOutcome", verbose_name=_("learning outcomes"), related_name="+"
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(portfolio_item__isnull=False) & Q(file=""))
                | (Q(portfolio_item__isnull=True) & ~Q(file="") & Q(file_kind__in=["pdf", "png", "jpeg"])),
                name="validation_evidence_portfolio_or_file",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ExamSession(models.Model):
    """A verification session: the day, the place, the seats, the outcome sets verified (each by a
    theory test and a practical task) and the commission of assessors (:class:`CommissionMember`)."""

    institution = models.ForeignKey(
        "qualifications.CertifyingInstitution", on_delete=models.PROTECT, related_name="+"
    )
    qualification = models.ForeignKey(
        "qualifications.Qualification",
        verbose_name=_("qualification"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=300)
    seats = models.PositiveSmallIntegerField(_("seats"))
    outcome_sets = models.ManyToManyField(
        "qualifications.OutcomeSet", verbose_name=_("outcome sets verified"), related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verification session")
        verbose_name_plural = _("verification sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(seats__gte=1, seats__lte=domain.MAX_SEATS), name="validation_session_seats_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.qualification_id} {self.starts_at:%Y-%m-%d %H:%M}"


class CommissionMember(models.Model):
    """An assessor on a session's commission."""

    session = models.ForeignKey(ExamSession, on_delete=models.CASCADE, related_name="commission")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("commission member")
        verbose_name_plural = _("commission members")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "assessor"], name="validation_commission_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.assessor_id}"


class Seat(models.Model):
    """A candidate's seat at a session: the sets they sit there are those not yet passed."""

    session = models.ForeignKey(ExamSession, on_delete=models.PROTECT, related_name="seat_list")
    validation = models.ForeignKey(Validation, on_delete=models.CASCADE, related_name="seats")
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("seat at a session")
        verbose_name_plural = _("seats at sessions")
        ordering = ["session__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "validation"], name="validation_seat_once"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.validation_id}"


class ConflictDeclaration(models.Model):
    """An assessor's declaration, before assessing a candidate, that they have (or have not) a
    conflict of interest with them (as the quality mark's auditors declare)."""

    validation = models.ForeignKey(Validation, on_delete=models.CASCADE, related_name="declarations")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    has_conflict = models.BooleanField(_("has a conflict of interest"))
    statement = models.TextField(_("statement"), blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("declaration of conflict of interest")
        verbose_name_plural = _("declarations of conflict of interest")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["validation", "assessor"], name="validation_declared_once"),
            models.CheckConstraint(
                condition=Q(has_conflict=False) | ~Q(statement=""), name="validation_conflict_explained"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.validation_id}: {self.assessor_id}"


class SetResult(models.Model):
    """The commission's result of one outcome set for one candidate at one session: the theory
    test and the practical task; the set is passed when both are."""

    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="results")
    validation = models.ForeignKey(Validation, on_delete=models.CASCADE, related_name="results")
    outcome_set = models.ForeignKey("qualifications.OutcomeSet", on_delete=models.PROTECT, related_name="+")
    theory_passed = models.BooleanField(_("theory test passed"))
    practical_passed = models.BooleanField(_("practical task passed"))
    passed = models.BooleanField(_("set passed"))
    remarks = models.TextField(_("commission's remarks"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("result of an outcome set")
        verbose_name_plural = _("results of outcome sets")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "outcome_set"], name="validation_result_once_per_seat"),
            models.CheckConstraint(
                condition=Q(passed=True, theory_passed=True, practical_passed=True)
                | (Q(passed=False) & (Q(theory_passed=False) | Q(practical_passed=False))),
                name="validation_result_passed_when_both",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.validation_id} {self.outcome_set_id}: {self.passed}"
