"""Programmes as data: their period, budget and packages; every rule that can change by decision as
dated versions (``RuleVersion``); participants' applications with the history of their decisions;
and the consents given for the programme."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.core.fields import view_key
from kierunek.core.money import Money

from . import domain


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    ACTIVE = "active", _("running")
    CLOSED = "closed", _("closed")


class Programme(models.Model):
    """A programme of the regional office: a period, a budget (grosze), a window for ordering
    vouchers, packages, and its rules (``RuleVersion``)."""

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    budget = models.BigIntegerField(_("budget (grosze)"))
    orders_open_on = models.DateField(_("vouchers may be ordered from"))
    orders_close_on = models.DateField(_("vouchers may be ordered until"))
    status = models.CharField(
        _("status"), max_length=12, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-starts_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="programmes_period_in_order"
            ),
            models.CheckConstraint(
                condition=Q(orders_close_on__gte=F("orders_open_on")), name="programmes_order_window_in_order"
            ),
            models.CheckConstraint(condition=Q(budget__gte=0), name="programmes_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(status__in=ProgrammeStatus.values), name="programmes_programme_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def budget_money(self) -> Money:
        return Money(self.budget)


class PackageKind(models.TextChoices):
    GENERAL = "general", _("general")
    VOCATIONAL = "vocational", _("vocational")


class Package(models.Model):
    """A package of vouchers a participant may order: its value is ``vouchers`` times the voucher
    unit in force on the day of the order."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="packages")
    kind = models.CharField(_("kind"), max_length=12, choices=PackageKind.choices)
    name = models.CharField(_("name"), max_length=120)
    vouchers = models.PositiveIntegerField(_("vouchers"))

    class Meta:
        verbose_name = _("package")
        verbose_name_plural = _("packages")
        ordering = ["programme", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="programmes_one_package_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=PackageKind.values), name="programmes_package_kind_valid"
            ),
            models.CheckConstraint(condition=Q(vouchers__gt=0), name="programmes_package_vouchers_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.vouchers})"


class RuleKey(models.TextChoices):
    VOUCHER_UNIT = domain.RULE_VOUCHER_UNIT, _("voucher unit")
    CONSUMPTION = domain.RULE_CONSUMPTION, _("vouchers per hour by category")
    ELIGIBILITY = domain.RULE_ELIGIBILITY, _("eligibility")
    BOOKING = domain.RULE_BOOKING, _("booking deadlines and voucher validity")
    HOURS = domain.RULE_HOURS, _("hours of a service against its sessions")
    CONFIRMATION = domain.RULE_CONFIRMATION, _("deadlines to confirm and rate a service")
    OUTCOME_SURVEY = domain.RULE_OUTCOME_SURVEY, _("outcome survey after a service")
    APPEAL = domain.RULE_APPEAL, _("how to appeal a refusal")
    COMPLAINTS = domain.RULE_COMPLAINTS, _("deadlines of complaints")
    CONTRIBUTION = domain.RULE_CONTRIBUTION, _("own contribution before vouchers are issued")
    SERVICE_TYPES = domain.RULE_SERVICE_TYPES, _("kinds of service vouchers pay for")


class RuleVersion(models.Model):
    """One version of one rule of a programme, in force from ``valid_from`` until the next
    version of the same rule (OpenFisca-style parameters). ``decision_ref`` names the decision that
    set it. Versions are added, never edited once in force: an outcome records the version it
    applied."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="rule_versions")
    key = models.CharField(_("rule"), max_length=32, choices=RuleKey.choices)
    valid_from = models.DateField(_("in force from"))
    value = models.JSONField(_("value"))
    decision_ref = models.CharField(_("decision"), max_length=300)
    decision_url = models.URLField(_("link to the decision"), blank=True)
    note = models.TextField(_("what changed"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rule version")
        verbose_name_plural = _("rule versions")
        ordering = ["programme", "key", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "key", "valid_from"], name="programmes_one_rule_version_per_day"
            ),
            models.CheckConstraint(condition=Q(key__in=RuleKey.values), name="programmes_rule_key_valid"),
            models.CheckConstraint(condition=~Q(decision_ref=""), name="programmes_rule_decision_ref_set"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.key} {self.valid_from:%Y-%m-%d}"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    ELIGIBLE = "eligible", _("eligible")
    INELIGIBLE = "ineligible", _("not eligible")
    MANUAL_REVIEW = "manual_review", _("waiting for an officer's review")
    ACCEPTED = "accepted", _("accepted by an officer")
    REFUSED = "refused", _("refused by an officer")
    WITHDRAWN = "withdrawn", _("withdrawn")


# A participant in these states takes part in the programme.
ADMITTED_STATUSES = (ApplicationStatus.ELIGIBLE, ApplicationStatus.ACCEPTED)
DECIDED_STATUSES = (
    ApplicationStatus.ELIGIBLE,
    ApplicationStatus.INELIGIBLE,
    ApplicationStatus.MANUAL_REVIEW,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.REFUSED,
)


class EducationLevel(models.IntegerChoices):
    """ISCED 2011, with the Polish schools that lead to each level."""

    ISCED_0 = 0, _("ISCED 0: no formal education or early childhood education only")
    ISCED_1 = 1, _("ISCED 1: primary education (grades 1-6)")
    ISCED_2 = 2, _("ISCED 2: lower secondary (gimnazjum, or primary school grades 7-8)")
    ISCED_3 = 3, _("ISCED 3: upper secondary (liceum, technikum, szkoła branżowa)")
    ISCED_4 = 4, _("ISCED 4: post-secondary non-tertiary (szkoła policealna)")
    ISCED_5 = 5, _("ISCED 5: short-cycle tertiary")
    ISCED_6 = 6, _("ISCED 6: bachelor's or engineer's degree")
    ISCED_7 = 7, _("ISCED 7: master's degree")
    ISCED_8 = 8, _("ISCED 8: doctoral degree")


class EmploymentStatus(models.TextChoices):
    EMPLOYED = domain.EMPLOYED, _("employed")
    SELF_EMPLOYED = domain.SELF_EMPLOYED, _("self-employed (running a business)")
    UNEMPLOYED = domain.UNEMPLOYED, _("unemployed")
    INACTIVE = domain.INACTIVE, _("not working and not looking for work")


class EmploymentForm(models.TextChoices):
    EMPLOYMENT_CONTRACT = "employment_contract", _("employment contract")
    CIVIL_LAW_CONTRACT = "civil_law_contract", _("civil-law contract (zlecenie, o dzieło)")
    APPOINTMENT = "appointment", _("appointment or civil-service relationship")
    OTHER = "other", _("other form of employment")
    NO_STAFF = "no_staff", _("own business, employing nobody")
    WITH_STAFF = "with_staff", _("own business, employing staff")


class Application(models.Model):
    """A participant's application to a programme, from draft to decision.

    Lifecycle (workflows.py): draft -> (submitted) -> eligible | ineligible | manual_review;
    manual_review -> accepted | refused by an officer; ineligible or withdrawn -> draft again
    (the person corrects it and submits again); any state but refused -> withdrawn when the person
    withdraws the consent to processing. Every transition is an ``ApplicationEvent``.

    The decision records the eligibility ``rule_version`` it applied and its reasons."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_applications"
    )
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    residence_gmina = models.ForeignKey(
        "geo.Gmina",
        verbose_name=_("gmina of residence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lives_outside_region = models.BooleanField(_("lives outside Małopolska"), default=False)
    work_gmina = models.ForeignKey(
        "geo.Gmina",
        verbose_name=_("gmina of work"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    works_outside_region = models.BooleanField(_("works outside Małopolska"), default=False)
    studies_in_region = models.BooleanField(_("studies in Małopolska"), default=False)
    education_level = models.PositiveSmallIntegerField(
        _("education level"), choices=EducationLevel.choices, null=True, blank=True
    )
    employment_status = models.CharField(
        _("employment status"), max_length=16, choices=EmploymentStatus.choices, blank=True
    )
    employment_form = models.CharField(
        _("form of employment"), max_length=24, choices=EmploymentForm.choices, blank=True
    )
    rule_version = models.ForeignKey(
        RuleVersion,
        verbose_name=_("eligibility rule applied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    decision_reasons = models.JSONField(_("reasons of the decision"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["programme", "status"]),
            # Each person's applications newest first: the views below read them in this order.
            models.Index(
                fields=["participant", "-submitted_at", "-id"], name="programmes_application_newest"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "programme"], name="programmes_one_application_per_programme"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values), name="programmes_application_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(education_level__isnull=True) | Q(education_level__lte=8),
                name="programmes_application_isced_0_8",
            ),
            models.CheckConstraint(
                condition=Q(residence_gmina__isnull=True) | Q(lives_outside_region=False),
                name="programmes_application_residence_one_answer",
            ),
            models.CheckConstraint(
                condition=Q(work_gmina__isnull=True) | Q(works_outside_region=False),
                name="programmes_application_work_one_answer",
            ),
            # A decided application records the rule version it applied.
            models.CheckConstraint(
                condition=~Q(status__in=[s.value for s in DECIDED_STATUSES]) | Q(rule_version__isnull=False),
                name="programmes_decided_application_has_rule",
            ),
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="programmes_application_submitted_at_set",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} #{self.pk}"

    @property
    def is_admitted(self) -> bool:
        return self.status in ADMITTED_STATUSES


class _NewestApplicationView(models.Model):
    """One row per participant: what reports group them by, from one of their applications (a view
    of the database, migration 0009, read only). The reports join it to their rows once instead of
    looking each person's newest application up row by row (decision 0032)."""

    application = models.ForeignKey(Application, on_delete=models.DO_NOTHING, related_name="+")
    residence_gmina = models.ForeignKey(
        "geo.Gmina", null=True, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    education_level = models.PositiveSmallIntegerField(null=True)
    employment_status = models.CharField(max_length=16)

    class Meta:
        abstract = True
        managed = False

    def __str__(self) -> str:
        return f"{self.pk}: #{self.application_id}"


class NewestApplication(_NewestApplicationView):
    """Each participant's newest submitted application (withdrawn or not): who they were when they
    last applied (the participant breakdowns of the indicators)."""

    participant = view_key(settings.AUTH_USER_MODEL, "newest_application")

    class Meta(_NewestApplicationView.Meta):
        db_table = "programmes_newest_application"


class StandingApplication(_NewestApplicationView):
    """Each participant's newest submitted application that is not withdrawn: where they live, as
    outreach counts its reach (a withdrawn application's address is no longer theirs)."""

    participant = view_key(settings.AUTH_USER_MODEL, "standing_application")

    class Meta(_NewestApplicationView.Meta):
        db_table = "programmes_standing_application"


class ApplicationEvent(models.Model):
    """One transition of an application: who, when, from which state to which, the rule version
    and reasons for a decision by the rules, the officer's reason for theirs. Append-only."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    status_from = models.CharField(max_length=16, choices=ApplicationStatus.choices, blank=True)
    status_to = models.CharField(max_length=16, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rule_version = models.ForeignKey(
        RuleVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reasons = models.JSONField(default=list, blank=True)
    note = models.TextField(_("reason"), blank=True)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application history")
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.status_from or '-'} -> {self.status_to}"


class ConsentKind(models.TextChoices):
    PROCESSING = "processing", _("processing of my personal data for the programme")
    CONTACT = "contact", _("contact by e-mail and phone about the programme")


class ProgrammeConsent(models.Model):
    """A consent a participant gave for a programme, with the version of the text they saw and
    when. Withdrawal sets ``withdrawn_at``; the row stays as the record of both."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_consents"
    )
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="consents")
    kind = models.CharField(_("consent"), max_length=16, choices=ConsentKind.choices)
    text_version = models.CharField(_("version of the text"), max_length=32)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme consent")
        verbose_name_plural = _("programme consents")
        ordering = ["-given_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ConsentKind.values), name="programmes_consent_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=F("given_at")),
                name="programmes_consent_withdrawn_after_given",
            ),
            models.UniqueConstraint(
                fields=["user", "programme", "kind"],
                condition=Q(withdrawn_at__isnull=True),
                name="programmes_one_active_consent_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.text_version}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class AttachmentKind(models.TextChoices):
    STUDY = "study", _("proof of study (student card, certificate from the school)")
    EMPLOYMENT = "employment", _("proof of employment (certificate from the employer, contract)")
    RESIDENCE = "residence", _("proof of residence")


class ApplicationAttachment(models.Model):
    """A document the participant attaches to their application as proof of what they answered
    (study, employment, residence). Stored privately; its type is read from the file; served only
    to the participant and to officers (whose reads are audited)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("what it proves"), max_length=16, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to="programmes/attachments/%Y/")
    file_kind = models.CharField(_("file type"), max_length=8)
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("document attached to an application")
        verbose_name_plural = _("documents attached to applications")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AttachmentKind.values), name="programmes_attachment_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.original_name}"
