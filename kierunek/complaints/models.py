"""A complaint and its history. The state moves only through ``workflows.COMPLAINT``; the
database keeps what the services also check: a complaint names someone to answer to (an account,
or a name and an e-mail), an answered complaint has the provider's answer, a decided one its
reason, and money actions belong to an upheld complaint."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain


class ComplaintStatus(models.TextChoices):
    RECEIVED = domain.RECEIVED, _("received")
    UNDER_REVIEW = domain.UNDER_REVIEW, _("under review")
    ANSWERED = domain.ANSWERED, _("answered by the provider")
    UPHELD = domain.UPHELD, _("upheld")
    DISMISSED = domain.DISMISSED, _("dismissed")


class ComplaintAbout(models.TextChoices):
    SERVICE = domain.ABOUT_SERVICE, _("the service")
    PROVIDER = domain.ABOUT_PROVIDER, _("the provider")


class Complaint(models.Model):
    provider = models.ForeignKey(
        "providers.Provider", verbose_name=_("provider"), on_delete=models.PROTECT, related_name="complaints"
    )
    card = models.ForeignKey(
        "catalogue.ServiceCard",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    booking = models.ForeignKey(
        "vouchers.Booking",
        verbose_name=_("booking"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    programme = models.ForeignKey(
        "programmes.Programme", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("complainant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    about = models.CharField(
        _("about"), max_length=10, choices=ComplaintAbout.choices, default=ComplaintAbout.SERVICE
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    attachment = models.FileField(_("attachment"), upload_to="complaints/%Y/", blank=True)
    attachment_kind = models.CharField(max_length=8, blank=True)
    # The status link's secret for a complainant without an account: only its SHA-256 is kept.
    access_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=14, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    received_on = models.DateField(_("received on"))
    decision_due = models.DateField(_("decision due by"))
    answer_due = models.DateField(_("provider's answer due by"), null=True, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer = models.TextField(_("provider's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What an officer did with money after upholding: the vouchers' own records, linked.
    payout_freeze = models.ForeignKey(
        "vouchers.PayoutFreeze", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    clawback = models.ForeignKey(
        "vouchers.LedgerTransaction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    created_at = models.DateTimeField(_("filed"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ComplaintStatus.values), name="complaints_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(complainant__isnull=False) | (~Q(name="") & ~Q(email="")),
                name="complaints_complainant_known",
            ),
            models.CheckConstraint(
                condition=~Q(status=domain.ANSWERED) | ~Q(answer=""), name="complaints_answered_has_answer"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=domain.DECIDED) | ~Q(decision_reason=""),
                name="complaints_decided_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=domain.UPHELD)
                | (Q(payout_freeze__isnull=True) & Q(clawback__isnull=True)),
                name="complaints_money_only_when_upheld",
            ),
            models.CheckConstraint(
                condition=Q(clawback__isnull=True) | Q(booking__isnull=False),
                name="complaints_clawback_of_a_booking",
            ),
        ]
        indexes = [models.Index(fields=["status", "decision_due"])]

    def __str__(self) -> str:
        return f"{self.number}: {self.subject}"

    @property
    def number(self) -> str:
        """The number a person quotes: SK/<year>/<id>."""
        return f"SK/{self.received_on:%Y}/{self.pk}"

    def is_overdue(self, today: object = None) -> bool:
        return domain.is_overdue(
            status=self.status,
            today=today or timezone.localdate(),  # type: ignore[arg-type]
            decision_due=self.decision_due,
            answer_due=self.answer_due,
        )


class ComplaintEvent(models.Model):
    """The complaint's history, as the complainant sees it: from which state to which, and when.
    The actor is shown by role only."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    status_from = models.CharField(max_length=14, choices=ComplaintStatus.choices, blank=True)
    status_to = models.CharField(max_length=14, choices=ComplaintStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.status_from or '-'} -> {self.status_to}"
