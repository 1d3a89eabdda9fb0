"""Partnerships, partner institutions and their membership, the directory of what partners offer
("find an institution") and good practices.

A partnership is a row, not a constant: the MPKU and the investors' and outplacement partnership
are loaded by the first migration, and the bodies, groups, newsletter and indicators of the next
round hang off :class:`Partnership` and :class:`Institution`. The states move only through
``workflows``; the database keeps what the services also check."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain


class Partnership(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=40)
    description = models.TextField(_("description"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.short_name


class InstitutionKind(models.TextChoices):
    LABOUR_MARKET = "labour_market", _("labour-market institution")
    EDUCATION = "education", _("school or education institution")
    HIGHER_EDUCATION = "higher_education", _("university")
    TRAINING = "training", _("training institution")
    GUIDANCE = "guidance", _("career guidance")
    NGO = "ngo", _("non-governmental organisation")
    EMPLOYERS = "employers", _("employers' organisation")
    LOCAL_GOVERNMENT = "local_government", _("local government")
    BUSINESS_SUPPORT = "business_support", _("business support institution")
    OTHER = "other", _("other")


class Institution(models.Model):
    """A partner institution: its public profile, kept by its own partner staff."""

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("address on the site"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=InstitutionKind.choices)
    description = models.TextField(_("what it does"))
    powiat = models.ForeignKey(
        "geo.Powiat", verbose_name=_("powiat"), on_delete=models.PROTECT, related_name="+"
    )
    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="+"
    )
    street_address = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=6)
    city = models.CharField(_("town"), max_length=100)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_title = models.CharField(_("contact person's position"), max_length=200, blank=True)
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partner institution")
        verbose_name_plural = _("partner institutions")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=InstitutionKind.values), name="partnership_institution_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="partnership_institution_name_set"),
            models.CheckConstraint(
                condition=Q(postal_code__regex=r"^\d{2}-\d{3}$"), name="partnership_institution_postal_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InstitutionStaff(models.Model):
    """A partner-staff account working for one institution; the office links it."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="staff")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_institution_link"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("partner institution staff member")
        verbose_name_plural = _("partner institution staff members")

    def __str__(self) -> str:
        return f"{self.user} @ {self.institution}"


class MembershipStatus(models.TextChoices):
    APPLIED = domain.APPLIED, _("applied")
    MEMBER = domain.MEMBER, _("member")
    LEFT = domain.LEFT, _("left")


class JoinedBy(models.TextChoices):
    AGREEMENT = "agreement", _("signing the partnership agreement")
    DECLARATION = "declaration", _("a declaration of accession")


class Membership(models.Model):
    """An institution in a partnership: applied (a declaration or the agreement signed, the
    office to confirm), member from ``joined_on``, left on ``left_on`` for ``leaving_reason``.
    One open membership per institution and partnership; a left one may be followed by a new one."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="memberships")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="memberships")
    joined_by = models.CharField(_("joined by"), max_length=12, choices=JoinedBy.choices)
    document_reference = models.CharField(_("document reference"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=MembershipStatus.choices, default=MembershipStatus.APPLIED
    )
    applied_on = models.DateField(_("applied on"))
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    leaving_reason = models.TextField(_("reason for leaving"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["partnership_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MembershipStatus.values), name="partnership_membership_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(joined_by__in=JoinedBy.values), name="partnership_membership_joined_by_valid"
            ),
            models.UniqueConstraint(
                fields=["partnership", "institution"],
                condition=Q(status__in=domain.OPEN_MEMBERSHIP),
                name="partnership_one_open_membership",
            ),
            models.CheckConstraint(
                condition=~Q(status=domain.MEMBER) | Q(joined_on__isnull=False),
                name="partnership_member_has_joined_on",
            ),
            models.CheckConstraint(
                condition=~Q(status=domain.LEFT) | (Q(left_on__isnull=False) & ~Q(leaving_reason="")),
                name="partnership_left_has_day_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=F("joined_on")),
                name="partnership_left_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution} — {self.partnership}"


class EntryKind(models.TextChoices):
    SERVICE = "service", _("service")
    DATA = "data", _("data")
    SUPPORT = "support", _("support")


class DirectoryEntry(models.Model):
    """What a partner offers to residents, employers or other partners ("find an institution");
    exported as an HSDS service. ``checked_on`` is the day its details were last confirmed."""

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices, default=EntryKind.SERVICE)
    title = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    for_residents = models.BooleanField(_("for residents"), default=False)
    for_employers = models.BooleanField(_("for employers"), default=False)
    for_partners = models.BooleanField(_("for partner institutions"), default=False)
    conditions = models.TextField(_("who may use it, conditions"), blank=True)
    cost = models.CharField(_("cost"), max_length=300, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    how_to_apply = models.TextField(_("how to apply"))
    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("where"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    url = models.URLField(_("web page"), blank=True)
    is_active = models.BooleanField(_("shown in the directory"), default=True)
    checked_on = models.DateField(_("details checked on"), default=timezone.localdate)
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    title_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EntryKind.values), name="partnership_entry_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(for_residents=True) | Q(for_employers=True) | Q(for_partners=True),
                name="partnership_entry_has_audience",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="partnership_entry_title_set"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audiences(self) -> list[str]:
        flags = {
            domain.RESIDENTS: self.for_residents,
            domain.EMPLOYERS: self.for_employers,
            domain.PARTNERS: self.for_partners,
        }
        return [audience for audience in domain.AUDIENCES if flags[audience]]


class PracticeTag(models.Model):
    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("good-practice tag")
        verbose_name_plural = _("good-practice tags")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name


class PracticeStatus(models.TextChoices):
    DRAFT = domain.DRAFT, _("draft")
    SUBMITTED = domain.SUBMITTED, _("submitted for review")
    PUBLISHED = domain.PUBLISHED, _("published")
    RETURNED = domain.RETURNED, _("returned for changes")


class GoodPractice(models.Model):
    """A partner's good practice: written by its staff, reviewed by the office, published in the
    public library."""

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="practices")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    description = models.TextField(_("description"))
    tags = models.ManyToManyField(PracticeTag, verbose_name=_("tags"), blank=True, related_name="practices")
    status = models.CharField(
        _("status"), max_length=10, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    review_comment = models.TextField(_("the office's comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    search_text = models.TextField(blank=True, editable=False)
    title_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PracticeStatus.values), name="partnership_practice_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=domain.RETURNED) | ~Q(review_comment=""),
                name="partnership_returned_practice_has_comment",
            ),
            models.CheckConstraint(
                condition=~Q(status=domain.PUBLISHED) | Q(published_at__isnull=False),
                name="partnership_published_practice_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PracticeEvent(models.Model):
    """A good practice's history: from which state to which, when, and the office's comment."""

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="events")
    status_from = models.CharField(max_length=10, choices=PracticeStatus.choices, blank=True)
    status_to = models.CharField(max_length=10, choices=PracticeStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.practice_id}: {self.status_from or '-'} -> {self.status_to}"


class PracticeAttachment(models.Model):
    """A file of a good practice (PDF or image), public once the practice is published."""

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="practices/%Y/")
    kind = models.CharField(max_length=8)
    name = models.CharField(_("name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


# Bodies and groups (decision 0020) live in their own module; imported here so Django sees them.
from .models_bodies import (  # noqa: E402, F401
    Body,
    BodyKind,
    BodyMeeting,
    BodyMember,
    BodyTerm,
    Decision,
    DecisionStatus,
    MemberFunction,
    Product,
    ProductEvent,
    ProductStatus,
    ProductVersion,
)
from .models_indicators import (  # noqa: E402, F401  (the indicators' tables, decision 0023)
    RecognitionList,
    RecognitionListStatus,
    RecognitionPlace,
    RecognitionRule,
    SelfAssessmentRound,
)
