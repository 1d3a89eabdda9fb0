"""Agreement templates with their versions, the agreements made from them (a participant's, its
annexes, a provider's), their history, and the one-time codes sent by e-mail to accept one.

A template version is never changed once saved: the office adds a new one (``TemplateVersion``
rows are written by one service and only read after). An agreement keeps the exact PDF the person
was shown and its SHA-256; acceptance records the version, the time, the client's address and the
factor used. The state moves only through ``workflows.AGREEMENT``; the database keeps what the
services also check."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain


class AgreementKind(models.TextChoices):
    PARTICIPATION = domain.PARTICIPATION, _("participation agreement")
    ANNEX = domain.ANNEX, _("annex to a participation agreement")
    PROVIDER = domain.PROVIDER, _("provider agreement")


class AgreementStatus(models.TextChoices):
    AWAITING = domain.AWAITING, _("awaiting acceptance")
    ACCEPTED = domain.ACCEPTED, _("accepted")
    COUNTERSIGNED = domain.COUNTERSIGNED, _("countersigned by the office")
    TERMINATED = domain.TERMINATED, _("terminated")


class Factor(models.TextChoices):
    EMAIL = domain.FACTOR_EMAIL, _("one-time code by e-mail")
    APP = domain.FACTOR_APP, _("authenticator app")


class AgreementTemplate(models.Model):
    """The template of one kind of agreement of a programme; its text lives in its versions."""

    programme = models.ForeignKey(
        "programmes.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=14, choices=AgreementKind.choices)

    class Meta:
        verbose_name = _("agreement template")
        verbose_name_plural = _("agreement templates")
        ordering = ["programme", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="agreements_one_template_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=AgreementKind.values), name="agreements_template_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.get_kind_display()}"


class TemplateVersion(models.Model):
    """One version of a template's text, with its legal basis and the period it is used for. A new
    agreement is made from the version in force that day (the latest that started)."""

    template = models.ForeignKey(AgreementTemplate, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    legal_basis = models.TextField(_("legal basis"))
    valid_from = models.DateField(_("used from"))
    valid_until = models.DateField(_("used until"), null=True, blank=True)
    note = models.TextField(_("what changed"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="agreements_version_number_unique"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="agreements_version_period_in_order",
            ),
            models.CheckConstraint(condition=~Q(body=""), name="agreements_version_has_text"),
            models.CheckConstraint(condition=~Q(legal_basis=""), name="agreements_version_has_legal_basis"),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class Agreement(models.Model):
    """A participant's agreement (or an annex to it) or a provider's, generated from a template
    version: the filled text, the PDF as generated and its SHA-256, and what happened to it."""

    kind = models.CharField(_("kind"), max_length=14, choices=AgreementKind.choices)
    version = models.ForeignKey(
        TemplateVersion,
        verbose_name=_("template version"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    programme = models.ForeignKey(
        "programmes.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name=_("provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("agreement changed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annexes",
    )
    # What was agreed: package kinds, and per agreed rule the id of its version in force.
    packages = models.JSONField(_("packages"), default=list, blank=True)
    rules = models.JSONField(_("rules agreed"), default=dict, blank=True)
    text = models.TextField(_("text"))
    pdf = models.BinaryField(_("PDF"))
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    status = models.CharField(
        _("status"), max_length=14, choices=AgreementStatus.choices, default=AgreementStatus.AWAITING
    )
    generated_on = models.DateField(_("generated on"))
    generated_at = models.DateTimeField(_("generated"), default=timezone.now)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_ip = models.GenericIPAddressField(_("accepted from address"), null=True, blank=True)
    accepted_factor = models.CharField(_("second factor"), max_length=8, choices=Factor.choices, blank=True)
    countersigned_at = models.DateTimeField(_("countersigned"), null=True, blank=True)
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    terminated_at = models.DateTimeField(_("terminated"), null=True, blank=True)
    terminated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    termination_reason = models.TextField(_("reason of the termination"), blank=True)
    no_bookings_after = models.DateField(_("no new bookings after"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-generated_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AgreementKind.values), name="agreements_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=AgreementStatus.values), name="agreements_status_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=domain.PARTICIPANT_KINDS, participant__isnull=False, provider__isnull=True)
                    | Q(kind=domain.PROVIDER, provider__isnull=False, participant__isnull=True)
                ),
                name="agreements_party_of_its_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind=domain.ANNEX, parent__isnull=False)
                | (~Q(kind=domain.ANNEX) & Q(parent__isnull=True)),
                name="agreements_annex_has_parent",
            ),
            models.CheckConstraint(
                condition=Q(status=domain.AWAITING)
                | (Q(accepted_at__isnull=False, accepted_by__isnull=False) & ~Q(accepted_factor="")),
                name="agreements_acceptance_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[domain.COUNTERSIGNED, domain.TERMINATED])
                | Q(countersigned_at__isnull=False, countersigned_by__isnull=False),
                name="agreements_countersignature_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status=domain.TERMINATED)
                | (
                    Q(terminated_at__isnull=False, no_bookings_after__isnull=False)
                    & ~Q(termination_reason="")
                ),
                name="agreements_termination_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(kind=domain.PROVIDER)
                | Q(valid_from__isnull=False, valid_until__gte=F("valid_from")),
                name="agreements_provider_period",
            ),
            # One participation agreement per participant and programme (changes are annexes), and
            # one provider agreement per provider and programme that is not terminated.
            models.UniqueConstraint(
                fields=["participant", "programme"],
                condition=Q(kind=domain.PARTICIPATION),
                name="agreements_one_participation_per_programme",
            ),
            models.UniqueConstraint(
                fields=["provider", "programme"],
                condition=Q(kind=domain.PROVIDER) & ~Q(status=domain.TERMINATED),
                name="agreements_one_live_provider_agreement",
            ),
        ]
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        """The number a person quotes: UU (participation), AN (annex) or UD (provider)/year/id."""
        prefix = {domain.PARTICIPATION: "UU", domain.ANNEX: "AN", domain.PROVIDER: "UD"}[self.kind]
        return f"{prefix}/{self.generated_on:%Y}/{self.pk}"

    @property
    def party_name(self) -> str:
        if self.provider_id:
            return self.provider.legal_name  # type: ignore[union-attr]
        return self.participant.get_full_name() if self.participant_id else ""  # type: ignore[union-attr]


class AgreementEvent(models.Model):
    """The agreement's history: from which state to which, when, and by whom (shown by role)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events")
    status_from = models.CharField(max_length=14, choices=AgreementStatus.choices, blank=True)
    status_to = models.CharField(max_length=14, choices=AgreementStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.status_from or '-'} -> {self.status_to}"


class SigningCode(models.Model):
    """A one-time code e-mailed to accept one agreement: only its keyed hash is kept; it expires,
    allows a few attempts, and is spent by the acceptance."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="codes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"code for {self.agreement_id}"
