"""The "Edukacyjna Gmina Małopolski" contest: editions with their rules, dates and criteria, the
edition's workshops (events), gminas' applications with their history, implementation reports and
evidence, the jury with its declarations of conflict of interest and scores, and the awards. An
edition's and an application's state move only through ``workflows``. The campaigns of the
Learning Day and the Career Week are in :mod:`.models_campaigns`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain


class EditionStatus(models.TextChoices):
    DRAFT = domain.DRAFT, _("in preparation")
    OPEN = domain.OPEN, _("applications open")
    RUNNING = domain.RUNNING, _("stages I and II")
    JUDGING = domain.JUDGING, _("the jury scores")
    PUBLISHED = domain.PUBLISHED, _("results published")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = domain.SUBMITTED, _("submitted")
    STAGE_ONE = domain.STAGE_ONE, _("stage I: workshops")
    STAGE_TWO = domain.STAGE_TWO, _("stage II: implementation")
    REPORTED = domain.REPORTED, _("implementation reported")
    REJECTED = domain.REJECTED, _("not admitted")
    WITHDRAWN = domain.WITHDRAWN, _("withdrawn")


class ContestEdition(models.Model):
    number = models.PositiveSmallIntegerField(_("edition"), unique=True)
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    rules = models.TextField(_("rules in brief"))
    rules_document = models.FileField(_("rules (document)"), upload_to="initiatives/rules/", blank=True)
    rules_document_kind = models.CharField(max_length=8, blank=True)
    applications_open_on = models.DateField(_("applications open"))
    applications_close_on = models.DateField(_("applications close"))
    stage_one_ends_on = models.DateField(_("stage I ends"))
    reports_due_on = models.DateField(_("implementation reports due"))
    results_on = models.DateField(_("results announced"))
    workshops_required = models.PositiveSmallIntegerField(_("workshops a gmina attends"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contest edition")
        verbose_name_plural = _("contest editions")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EditionStatus.values), name="initiatives_edition_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(applications_close_on__gte=F("applications_open_on"))
                & Q(stage_one_ends_on__gte=F("applications_close_on"))
                & Q(reports_due_on__gte=F("stage_one_ends_on"))
                & Q(results_on__gte=F("reports_due_on")),
                name="initiatives_edition_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    edition = models.ForeignKey(ContestEdition, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    max_points = models.PositiveSmallIntegerField(_("maximum points"))
    weight = models.PositiveSmallIntegerField(_("weight"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="initiatives_criterion_once"),
            models.CheckConstraint(condition=Q(max_points__gte=1), name="initiatives_criterion_has_points"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="initiatives_criterion_has_weight"),
        ]

    def __str__(self) -> str:
        return self.name


class ContestWorkshop(models.Model):
    """One of the edition's workshops: an event of the events context, where the gminas' staff
    register and are checked in (stage I counts the check-ins)."""

    edition = models.ForeignKey(ContestEdition, on_delete=models.CASCADE, related_name="workshops")
    event = models.OneToOneField("events.Event", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["event__starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.edition_id}: {self.event_id}"


class ContestApplication(models.Model):
    edition = models.ForeignKey(ContestEdition, on_delete=models.PROTECT, related_name="applications")
    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    planned_actions = models.TextField(_("planned actions"))
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    report = models.TextField(_("implementation report"), blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contest application")
        verbose_name_plural = _("contest applications")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "gmina"], name="initiatives_application_once"),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values), name="initiatives_application_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=domain.REPORTED) | (~Q(report="") & Q(reported_at__isnull=False)),
                name="initiatives_reported_has_a_report",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition_id}: {self.gmina_id}"


class ApplicationChange(models.Model):
    """The application's history: from which state to which, when, and the note."""

    application = models.ForeignKey(ContestApplication, on_delete=models.CASCADE, related_name="changes")
    status_from = models.CharField(max_length=10, choices=ApplicationStatus.choices, blank=True)
    status_to = models.CharField(max_length=10, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.status_from or '-'} -> {self.status_to}"


class Evidence(models.Model):
    """A file that shows an action was carried out (photos, a programme, a list), uploaded with the
    implementation report."""

    application = models.ForeignKey(ContestApplication, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="initiatives/evidence/%Y/")
    file_kind = models.CharField(max_length=8)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Juror(models.Model):
    edition = models.ForeignKey(ContestEdition, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["edition", "user"], name="initiatives_juror_once")]

    def __str__(self) -> str:
        return f"{self.edition_id}: {self.user_id}"


class ConflictDeclaration(models.Model):
    """A juror's declaration, before scoring a gmina, that they have (or have not) a conflict of
    interest with it (as the quality mark's auditors and the validation commissions declare)."""

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="declarations")
    application = models.ForeignKey(ContestApplication, on_delete=models.CASCADE, related_name="declarations")
    has_conflict = models.BooleanField(_("has a conflict of interest"))
    statement = models.TextField(_("statement"), blank=True)
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("declaration of conflict of interest")
        verbose_name_plural = _("declarations of conflict of interest")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["juror", "application"], name="initiatives_declared_once"),
            models.CheckConstraint(
                condition=Q(has_conflict=False) | ~Q(statement=""), name="initiatives_conflict_explained"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror_id}: {self.application_id}"


class Score(models.Model):
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="scores")
    application = models.ForeignKey(ContestApplication, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    points = models.PositiveSmallIntegerField(_("points"))
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "application", "criterion"], name="initiatives_scored_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.juror_id}: {self.application_id}/{self.criterion_id} = {self.points}"


class Award(models.Model):
    edition = models.ForeignKey(ContestEdition, on_delete=models.CASCADE, related_name="awards")
    application = models.ForeignKey(ContestApplication, on_delete=models.PROTECT, related_name="awards")
    title = models.CharField(_("award"), max_length=200)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "title"], name="initiatives_award_once")
        ]

    def __str__(self) -> str:
        return self.title


from .models_campaigns import Activity, Campaign, CampaignKind, OrganiserKind  # noqa: E402

__all__ = [
    "Activity",
    "ApplicationChange",
    "ApplicationStatus",
    "Award",
    "Campaign",
    "CampaignKind",
    "ConflictDeclaration",
    "ContestApplication",
    "ContestEdition",
    "ContestWorkshop",
    "Criterion",
    "EditionStatus",
    "Evidence",
    "Juror",
    "OrganiserKind",
    "Score",
]
