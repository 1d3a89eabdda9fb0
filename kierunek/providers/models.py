"""Training providers, their people and bank accounts, and certificates. (The MSUES quality mark
is its own context: :mod:`kierunek.quality`.)"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kierunek.core.validators import validate_iban, validate_nip, validate_regon

from .domain import CertificateStatus, certificate_status


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
    WITHDRAWN = "withdrawn", _("withdrawn by the provider")


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
    # A bank statement (or the bank's confirmation) that shows the provider holds the account:
    # the officer reads it before approving. Private storage; the type is read from the file.
    statement = models.FileField(_("bank statement"), upload_to="providers/bank_statements/%Y/", blank=True)
    statement_kind = models.CharField(max_length=8, blank=True)
    statement_name = models.CharField(_("file name"), max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

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
                condition=Q(status="pending")
                | Q(status="withdrawn", withdrawn_at__isnull=False)
                | (Q(decided_by__isnull=False) & Q(decided_at__isnull=False)),
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
