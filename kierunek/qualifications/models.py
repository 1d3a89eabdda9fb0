"""The register of qualifications (Zintegrowany Rejestr Kwalifikacji, ZRK) as the office keeps it
for the region: each qualification with its sets of learning outcomes, each outcome with its
verification criteria, and the history of the office's changes.

Outcome sets and outcomes have codes that stay when the qualification is edited or imported again
(an edit matches them by code), so that what hangs off them later (a candidate's validation, a
commission's result per set) keeps pointing at the same rows."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kierunek.events.domain import code_grouped

from . import domain


class QualificationKind(models.TextChoices):
    MARKET = "market", _("market qualification")
    SECTORAL = "sectoral", _("sectoral qualification")


class Qualification(models.Model):
    """One qualification of the register. ``code`` is its code in the ZRK, which service cards
    name (catalogue.ServiceCard.qualification_code)."""

    code = models.CharField(_("code in the register"), max_length=domain.CODE_MAX_LENGTH, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=12, choices=QualificationKind.choices)
    prk_level = models.PositiveSmallIntegerField(_("PRK level"))
    workload_hours = models.PositiveIntegerField(_("workload (hours)"))
    description = models.TextField(_("short description"))
    target_group = models.TextField(_("who it is for"))
    entry_conditions = models.TextField(_("entry conditions"), blank=True)
    rights_conferred = models.TextField(_("rights it confers"), blank=True)
    validation_methods = models.TextField(_("validation: methods"))
    validation_staff = models.TextField(_("validation: staff"))
    validation_conditions = models.TextField(_("validation: conditions and organisation"), blank=True)
    # None: the certificate does not expire.
    certificate_validity_years = models.PositiveSmallIntegerField(
        _("certificate valid for (years)"), null=True, blank=True
    )
    renewal_conditions = models.TextField(_("renewal conditions"), blank=True)
    # The names of the institutions authorised to certify (IC), until they are organisations of
    # their own in the register.
    certifying_institutions = models.JSONField(_("certifying institutions"), default=list, blank=True)
    quality_body = models.CharField(_("external quality-assurance body (PZZJ)"), max_length=300)
    registered_on = models.DateField(_("entered the register on"))
    demo = models.BooleanField(_("demo data"), default=False)
    # The Polish analyser's tokens of the texts a search looks in, space-separated with a space at
    # both ends, so that a token is found as " token " (services.search_tokens).
    search_tokens = models.TextField(default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(prk_level__gte=domain.PRK_MIN, prk_level__lte=domain.PRK_MAX),
                name="qualifications_prk_level_1_to_8",
            ),
            models.CheckConstraint(
                condition=Q(workload_hours__gte=1, workload_hours__lte=domain.MAX_WORKLOAD_HOURS),
                name="qualifications_workload_positive",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=QualificationKind.values), name="qualifications_kind_known"
            ),
            models.CheckConstraint(
                condition=~Q(code="") & ~Q(name="") & ~Q(quality_body=""),
                name="qualifications_code_name_body_given",
            ),
            models.CheckConstraint(
                condition=Q(certificate_validity_years__isnull=True)
                | Q(
                    certificate_validity_years__gte=1,
                    certificate_validity_years__lte=domain.MAX_VALIDITY_YEARS,
                ),
                name="qualifications_validity_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class OutcomeSet(models.Model):
    """A set of learning outcomes (zestaw efektów uczenia się), verified as a whole."""

    qualification = models.ForeignKey(Qualification, on_delete=models.CASCADE, related_name="outcome_sets")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("set of learning outcomes")
        verbose_name_plural = _("sets of learning outcomes")
        ordering = ["qualification", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["qualification", "code"], name="qualifications_set_code_unique"),
            models.CheckConstraint(condition=~Q(code="") & ~Q(name=""), name="qualifications_set_named"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class LearningOutcome(models.Model):
    """One learning outcome (efekt uczenia się) of a set: what the person knows or can do, with
    the criteria by which it is verified (as a list of texts, in order)."""

    outcome_set = models.ForeignKey(OutcomeSet, on_delete=models.CASCADE, related_name="outcomes")
    code = models.CharField(_("code"), max_length=20)
    text = models.TextField(_("learning outcome"))
    criteria = models.JSONField(_("verification criteria"), default=list)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")
        ordering = ["outcome_set", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["outcome_set", "code"], name="qualifications_outcome_code_unique"
            ),
            models.CheckConstraint(
                condition=~Q(code="") & ~Q(text=""), name="qualifications_outcome_written"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class QualificationChange(models.Model):
    """One change of a qualification by the office (or an import): who, when and what, field by
    field (``changes``: {field: [old, new]} as text), appended only."""

    class How(models.TextChoices):
        CREATED = "created", _("entered")
        EDITED = "edited", _("edited")
        IMPORTED = "imported", _("imported")

    qualification = models.ForeignKey(Qualification, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    how = models.CharField(max_length=10, choices=How.choices)
    changes = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("change of a qualification")
        verbose_name_plural = _("changes of qualifications")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.qualification_id} {self.how} {self.changed_at:%Y-%m-%d %H:%M}"


class CertifyingInstitution(models.Model):
    """An institution authorised to certify (instytucja certyfikująca, IC) chosen qualifications.
    It may also be a training provider (``provider``); the validation that leads to a certificate
    is run by its staff, each in one function (:class:`StaffFunction`)."""

    name = models.CharField(_("name"), max_length=300)
    nip = models.CharField(_("NIP"), max_length=10, blank=True)
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name=_("also a training provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("address"), max_length=300)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certifying institution")
        verbose_name_plural = _("certifying institutions")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="qualifications_institution_named"),
        ]

    def __str__(self) -> str:
        return self.name


class Authorisation(models.Model):
    """The institution's authorisation to certify one qualification, from a day, until a day or
    for good (``valid_until`` empty)."""

    institution = models.ForeignKey(
        CertifyingInstitution, on_delete=models.CASCADE, related_name="authorisations"
    )
    qualification = models.ForeignKey(Qualification, on_delete=models.PROTECT, related_name="authorisations")
    valid_from = models.DateField(_("authorised from"))
    valid_until = models.DateField(_("authorised until"), null=True, blank=True)

    class Meta:
        verbose_name = _("authorisation to certify")
        verbose_name_plural = _("authorisations to certify")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "qualification"], name="qualifications_authorisation_unique"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="qualifications_authorisation_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution_id} → {self.qualification_id}"


class StaffFunction(models.TextChoices):
    """What a person does for a certifying institution. The act on the ZSK keeps them apart for
    one candidate: who supported identification and documentation does not assess."""

    ADVISOR = "advisor", _("validation advisor")
    ASSESSOR = "assessor", _("assessor")
    SIGNER = "signer", _("signs certificates")


class CertificationStaff(models.Model):
    """One person's function at one certifying institution (a person may hold several, each a
    row). The account has the certifying-institution staff role."""

    institution = models.ForeignKey(CertifyingInstitution, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certification_functions"
    )
    function = models.CharField(_("function"), max_length=10, choices=StaffFunction.choices)
    active = models.BooleanField(_("active"), default=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certifying institution staff member")
        verbose_name_plural = _("certifying institution staff members")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "user", "function"], name="qualifications_staff_function_unique"
            ),
            models.CheckConstraint(
                condition=Q(function__in=StaffFunction.values), name="qualifications_staff_function_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.institution_id}: {self.function}"


class CertificateStatus(models.TextChoices):
    """The states a certificate is kept in (:mod:`kierunek.qualifications.workflows`); whether it
    has expired follows from ``valid_until`` (domain.certificate_standing)."""

    ISSUED = domain.CERTIFICATE_ISSUED, pgettext_lazy("certificate", "issued")
    RENEWED = domain.CERTIFICATE_RENEWED, pgettext_lazy("certificate", "renewed")
    REVOKED = domain.CERTIFICATE_REVOKED, pgettext_lazy("certificate", "revoked")


class HolderNameConsent(models.TextChoices):
    """How much of the holder's name the public verification shows: the holder chooses."""

    INITIALS = domain.CONSENT_INITIALS, _("initials only")
    FULL_NAME = domain.CONSENT_FULL_NAME, _("full name")
    NONE = domain.CONSENT_NONE, _("no name")


class Certificate(models.Model):
    """A certificate of a qualification (certyfikat), issued by a certifying institution's signer
    after a positive validation. Its number runs in the institution's series for the year; the
    outcome sets certified and the holder's name are kept as printed, so a later edit of the
    register or of the account does not change what was certified. The PDF and the signed
    credential are made again from these facts on each download."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    year = models.PositiveSmallIntegerField(_("year of the series"))
    sequence = models.PositiveIntegerField(_("number in the series"))
    institution = models.ForeignKey(
        CertifyingInstitution,
        verbose_name=_("certifying institution"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    qualification = models.ForeignKey(
        Qualification, verbose_name=_("qualification"), on_delete=models.PROTECT, related_name="certificates"
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="qualification_certificates",
    )
    holder_name = models.CharField(_("holder's name as printed"), max_length=300)
    # [{"code": ..., "name": ...}] of the sets certified, as they were named that day.
    outcome_sets = models.JSONField(_("sets of learning outcomes certified"), default=list)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("verification code"), max_length=domain.CERTIFICATE_CODE_LENGTH, unique=True)
    name_consent = models.CharField(
        _("name shown on public verification"),
        max_length=10,
        choices=HolderNameConsent.choices,
        default=HolderNameConsent.INITIALS,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CertificateStatus.choices, default=CertificateStatus.ISSUED
    )
    renewal_of = models.OneToOneField(
        "self",
        verbose_name=_("renews"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewed_by",
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # What led to the certificate, opaque here: the validation context's reference, once it exists.
    source_reference = models.CharField(_("source reference"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate of a qualification")
        verbose_name_plural = _("certificates of qualifications")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "year", "sequence"], name="qualifications_certificate_series_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CertificateStatus.values),
                name="qualifications_certificate_status_known",
            ),
            models.CheckConstraint(
                condition=Q(name_consent__in=HolderNameConsent.values),
                name="qualifications_certificate_consent_known",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("issued_on")),
                name="qualifications_certificate_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status=domain.CERTIFICATE_REVOKED)
                | (~Q(revocation_reason="") & Q(revoked_at__isnull=False)),
                name="qualifications_certificate_revoked_with_reason",
            ),
            models.CheckConstraint(
                condition=~Q(holder_name="") & ~Q(number=""), name="qualifications_certificate_named"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def code_display(self) -> str:
        return code_grouped(self.code)
