"""Outreach through gminas: each gmina's cooperation agreement, its register of local leaders with
their consent and the contacts with them, the campaigns whose codes trace sign-ups, the sign-ups
themselves, and the office's population figures per gmina (with the rule that flags low reach)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.core.fields import view_key

from . import domain


class AgreementStatus(models.TextChoices):
    DRAFT = domain.DRAFT, _("draft")
    ACTIVE = domain.ACTIVE, _("in force")
    SUSPENDED = domain.SUSPENDED, _("suspended")
    ENDED = domain.ENDED, _("ended")
    CANCELLED = domain.CANCELLED, _("cancelled before signing")


class GminaAgreement(models.Model):
    """A gmina's cooperation agreement with the programme: its dates, what each side commits to and
    the gmina's coordinator (a person of the gmina-staff role working for that gmina). Lifecycle:
    ``workflows.AGREEMENT``. A gmina has at most one current agreement (draft, in force or
    suspended); ended and cancelled ones stay as history."""

    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("the gmina's coordinator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("in force from"))
    ends_on = models.DateField(_("in force until"))
    gmina_commits = models.TextField(_("the gmina commits to"))
    office_commits = models.TextField(_("the programme commits to"))
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by")
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("cooperation agreement with a gmina")
        verbose_name_plural = _("cooperation agreements with gminas")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="outreach_agreement_dates"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AgreementStatus.values), name="outreach_agreement_status_valid"
            ),
            models.UniqueConstraint(
                fields=["gmina"],
                condition=Q(status__in=domain.CURRENT_STATES),
                name="outreach_one_current_agreement_per_gmina",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gmina} {self.starts_on} - {self.ends_on}"


class LeaderKind(models.TextChoices):
    SOLTYS = "soltys", _("village head (sołtys)")
    KGW = "kgw", _("rural women's circle (KGW)")
    OSP = "osp", _("volunteer fire brigade (OSP)")
    LIBRARY = "library", _("library")
    PARISH = "parish", _("parish")
    NGO = "ngo", _("non-governmental organisation")
    SCHOOL = "school", _("school")


# The version of the text a leader agrees to when giving consent to be contacted; a new text gets
# a new version, and each consent keeps the one it was given to.
CONTACT_CONSENT_VERSION = "2026-01"


class Leader(models.Model):
    """A local leader or organisation in a gmina's register, who agreed to be contacted by the
    programme (when, and to which version of the consent text) and says what they will do.

    A leader is a contact of the gmina, not an account: ``user`` links one who also has an account
    (their row is then in that person's data export). Withdrawing the consent erases the person's
    name, e-mail, phone and notes at once (``services.leader_erase``) and keeps only the kind of
    organisation and the dates, so the gmina's history of contacts still adds up."""

    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=LeaderKind.choices)
    name = models.CharField(_("name of the person"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation or place"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outreach_leader_entries",
    )
    consent_given_on = models.DateField(_("consent to be contacted given"))
    consent_text_version = models.CharField(_("version of the consent text"), max_length=20)
    agreed_to = models.TextField(_("agreed to do"), blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("local leader")
        verbose_name_plural = _("local leaders")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=LeaderKind.values), name="outreach_leader_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(erased_at__isnull=False) | ~Q(name="") | ~Q(organisation=""),
                name="outreach_leader_named",
            ),
        ]

    def __str__(self) -> str:
        if self.erased_at:
            return str(_("(erased)"))
        return self.organisation or self.name


class ContactKind(models.TextChoices):
    CALL = "call", _("phone call")
    EMAIL = "email", _("e-mail or letter")
    MEETING = "meeting", _("meeting")


class LeaderContact(models.Model):
    """A contact or meeting of the coordinator with a leader, and what came of it."""

    leader = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("kind of contact"), max_length=10, choices=ContactKind.choices)
    happened_on = models.DateField(_("date"))
    notes = models.TextField(_("what was agreed"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact with a leader")
        verbose_name_plural = _("contacts with leaders")
        ordering = ["-happened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ContactKind.values), name="outreach_contact_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.happened_on}"


class Channel(models.TextChoices):
    POSTER = "poster", _("poster")
    LEAFLET = "leaflet", _("leaflet")
    MEETING = "meeting", _("local meeting")
    WEBINAR = "webinar", _("webinar")
    REFERRAL = "referral", _("a leader's referral")


class Campaign(models.Model):
    """One outreach action with its code: the poster's or leaflet's QR code opens registration
    with the code, and a person who signs up with it is counted for the campaign (with their
    knowledge: the form says so and they may remove it). A campaign of a gmina belongs to its
    coordinator's work; one without a gmina is the office's, for the whole region."""

    code = models.CharField(_("campaign code"), max_length=domain.CODE_LENGTH, unique=True)
    name = models.CharField(_("name"), max_length=150)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    gmina = models.ForeignKey(
        "geo.Gmina",
        verbose_name=_("gmina"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    leader = models.ForeignKey(
        Leader,
        verbose_name=_("referring leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
    )
    message = models.TextField(_("text of the poster or leaflet"), blank=True)
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by")
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="outreach_campaign_channel_valid"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="outreach_campaign_named"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class CampaignSignup(models.Model):
    """A person who registered through a campaign's code (at most one campaign per person: the one
    they came through). Deleted with the account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outreach_signup"
    )
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="signups")
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        verbose_name = _("sign-up through a campaign")
        verbose_name_plural = _("sign-ups through campaigns")
        ordering = ["registered_at", "id"]

    def __str__(self) -> str:
        return f"{self.campaign.code}: {self.user_id}"


class PopulationImport(models.Model):
    """One file of adult residents per gmina the office imported, with its source and date."""

    source = models.CharField(_("source"), max_length=300)
    reference_date = models.DateField(_("reference date"))
    file_name = models.CharField(_("file name"), max_length=255)
    row_count = models.PositiveIntegerField(_("rows"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("import of gminas' population")
        verbose_name_plural = _("imports of gminas' population")
        ordering = ["-reference_date", "-imported_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(source=""), name="outreach_population_source_set"),
            models.CheckConstraint(condition=Q(row_count__gt=0), name="outreach_population_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.reference_date} ({self.file_name})"


class GminaPopulation(models.Model):
    population_import = models.ForeignKey(PopulationImport, on_delete=models.CASCADE, related_name="rows")
    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="+"
    )
    adults = models.PositiveIntegerField(_("adult residents"))

    class Meta:
        verbose_name = _("adult residents of a gmina")
        verbose_name_plural = _("adult residents of gminas")
        constraints = [
            models.UniqueConstraint(fields=["population_import", "gmina"], name="outreach_population_once"),
            models.CheckConstraint(condition=Q(adults__gt=0), name="outreach_population_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.gmina_id}: {self.adults}"


class ReachRule(models.Model):
    """The rule that flags a gmina's reach as low, as data: from ``valid_from`` a gmina with fewer
    registrations per 1 000 adult residents than ``threshold`` is flagged; ``reason`` says who
    decided it and why, and is shown on the reach page."""

    valid_from = models.DateField(_("in force from"), unique=True)
    threshold = models.DecimalField(
        _("registrations per 1 000 adults below which reach is low"), max_digits=6, decimal_places=1
    )
    reason = models.TextField(_("decision and reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("rule of low reach")
        verbose_name_plural = _("rules of low reach")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(threshold__gte=0), name="outreach_reach_threshold_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.valid_from}: < {self.threshold}"


class FirstBooking(models.Model):
    """Each person's first booking that holds or spent their vouchers, and their first that was
    completed, by when it was made (a view of the database, migration 0002, read only): what the
    reach's steps "vouchers used" and "training completed" ask of the bookings
    (:data:`~kierunek.outreach.figures.USED_STATES`, ``COMPLETED_STATES``), read once for both and
    joined to each person instead of read once a step (decision 0032)."""

    participant = view_key(settings.AUTH_USER_MODEL, "first_booking")
    first_used_at = models.DateTimeField(null=True)
    first_completed_at = models.DateTimeField(null=True)

    class Meta:
        managed = False
        db_table = "outreach_first_booking"

    def __str__(self) -> str:
        return f"{self.pk}: {self.first_used_at}"


class FirstVouchers(models.Model):
    """When each person's first voucher account was issued (a view of the database, migration
    0003, read only): the reach's step "vouchers issued" joined to each person, as the bookings'
    steps join :class:`FirstBooking`, instead of a list of the people who reached it looked up
    person by person (decision 0032). A migration that rebuilds the voucher accounts' table drops
    the view first and creates it again after (see the migration)."""

    participant = view_key(settings.AUTH_USER_MODEL, "first_vouchers")
    first_issued_at = models.DateTimeField(null=True)

    class Meta:
        managed = False
        db_table = "outreach_first_vouchers"

    def __str__(self) -> str:
        return f"{self.pk}: {self.first_issued_at}"
