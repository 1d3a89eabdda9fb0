"""Bodies and groups of a partnership: the general assembly, councils with their terms, the
office, task and working groups; their members (people from partner institutions, with their
function, joining and leaving dated), their meetings (events of the events context, with the
minutes attached afterwards), their decisions (numbered per body and year) and the groups'
products (documents with versions, published when approved). States move only through
``workflows_bodies``; the database keeps what the services also check."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain_bodies as rules


class BodyKind(models.TextChoices):
    GENERAL_ASSEMBLY = rules.GENERAL_ASSEMBLY, _("general assembly")
    COUNCIL = rules.COUNCIL, _("council")
    OFFICE = rules.OFFICE, _("office")
    TASK_GROUP = rules.TASK_GROUP, _("task group")
    WORKING_GROUP = rules.WORKING_GROUP, _("working group")


class Body(models.Model):
    """A body or group of one partnership. ``topic`` is what a group works on (or a council's
    remit); ``meetings_per_year`` what its rules say (the partner council meets twice a year)."""

    partnership = models.ForeignKey(
        "partnership.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address on the site"), max_length=120)
    topic = models.TextField(_("topic"), blank=True)
    meetings_per_year = models.PositiveSmallIntegerField(_("meetings a year"), null=True, blank=True)
    established_on = models.DateField(_("established on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("body or group")
        verbose_name_plural = _("bodies and groups")
        ordering = ["partnership_id", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=BodyKind.values), name="partnership_body_kind_valid"),
            models.CheckConstraint(condition=~Q(name=""), name="partnership_body_name_set"),
            models.UniqueConstraint(fields=["partnership", "slug"], name="partnership_body_slug_unique"),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=F("established_on")),
                name="partnership_body_dissolved_after_established",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_group(self) -> bool:
        return self.kind in rules.GROUPS

    @property
    def has_terms(self) -> bool:
        return self.kind in rules.WITH_TERMS


class BodyTerm(models.Model):
    """A council's term (kadencja): from and to, numbered; two terms of a body never overlap."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveSmallIntegerField(_("term"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["body_id", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="partnership_term_number_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="partnership_term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} ({self.starts_on:%Y}-{self.ends_on:%Y})"


class MemberFunction(models.TextChoices):
    CHAIR = rules.CHAIR, _("chair")
    DEPUTY = rules.DEPUTY, _("deputy chair")
    SECRETARY = rules.SECRETARY, _("secretary")
    LEADER = rules.LEADER, _("leader")
    MEMBER = rules.MEMBER, _("member")


class BodyMember(models.Model):
    """A person from a partner institution sitting in a body, in a function, from ``joined_on``
    until ``left_on``. The e-mail invites them to the body's meetings and is never shown; the
    account (when the person has one) lets a leader or secretary keep the body's records."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="members")
    term = models.ForeignKey(
        BodyTerm,
        verbose_name=_("term"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    institution = models.ForeignKey(
        "partnership.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="body_seats",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="body_seats"
    )
    function = models.CharField(_("function"), max_length=10, choices=MemberFunction.choices)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("member of a body")
        verbose_name_plural = _("members of bodies")
        ordering = ["body_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(function__in=MemberFunction.values), name="partnership_member_function_valid"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="partnership_member_left_after_joining",
            ),
            models.UniqueConstraint(
                fields=["body", "function"],
                condition=Q(left_on__isnull=True, function__in=rules.SINGLE),
                name="partnership_one_chair_or_leader",
            ),
            models.UniqueConstraint(
                fields=["body", "email"],
                condition=Q(left_on__isnull=True) & ~Q(email=""),
                name="partnership_one_open_seat_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.body})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class BodyMeeting(models.Model):
    """A meeting of a body: an event of the events context (a council or group meeting, by
    invitation of the members), and the minutes attached after it."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    event = models.OneToOneField("events.Event", on_delete=models.PROTECT, related_name="+")
    minutes = models.FileField(_("minutes"), upload_to="bodies/minutes/%Y/", blank=True)
    minutes_kind = models.CharField(max_length=8, blank=True)
    minutes_attached_at = models.DateTimeField(_("minutes attached"), null=True, blank=True)
    minutes_attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["body_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(minutes="") & Q(minutes_attached_at__isnull=True))
                | (~Q(minutes="") & Q(minutes_attached_at__isnull=False)),
                name="partnership_minutes_have_a_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body}: {self.event_id}"


class DecisionStatus(models.TextChoices):
    ADOPTED = rules.ADOPTED, _("adopted")
    IMPLEMENTED = rules.IMPLEMENTED, _("implemented")
    REPEALED = rules.REPEALED, _("repealed")


class Decision(models.Model):
    """A decision (uchwała) of a body, numbered per body and year: ``3/2025``."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions")
    meeting = models.ForeignKey(
        BodyMeeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    adopted_on = models.DateField(_("adopted on"))
    status = models.CharField(
        _("status"), max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.ADOPTED
    )
    status_note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["body_id", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "number"], name="partnership_decision_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="partnership_decision_number_positive"),
            models.CheckConstraint(
                condition=Q(status__in=DecisionStatus.values), name="partnership_decision_status_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="partnership_decision_title_set"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        return rules.decision_reference(number=self.number, year=self.year)


class ProductStatus(models.TextChoices):
    DRAFT = rules.DRAFT, _("draft")
    IN_REVIEW = rules.IN_REVIEW, _("in review")
    APPROVED = rules.APPROVED, _("approved")
    PUBLISHED = rules.PUBLISHED, _("published")


class Product(models.Model):
    """A group's product (the regional services portal's concept, the quality standards...): a
    document with versions; the group writes it, the office approves and publishes it."""

    body = models.ForeignKey(Body, verbose_name=_("group"), on_delete=models.PROTECT, related_name="products")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProductStatus.choices, default=ProductStatus.DRAFT
    )
    review_comment = models.TextField(_("the office's comment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProductStatus.values), name="partnership_product_status_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="partnership_product_title_set"),
            models.CheckConstraint(
                condition=~Q(status=rules.PUBLISHED) | Q(published_at__isnull=False),
                name="partnership_published_product_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=(rules.APPROVED, rules.PUBLISHED)) | Q(approved_at__isnull=False),
                name="partnership_approved_product_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProductVersion(models.Model):
    """One version of a product's document, numbered from 1; added only while it is a draft, so
    the version approved is the one published."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to="bodies/products/%Y/")
    file_kind = models.CharField(max_length=8)
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["product_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["product", "number"], name="partnership_product_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="partnership_product_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} v{self.number}"


class ProductEvent(models.Model):
    """A product's history: from which state to which, when, by whom, and the office's comment."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="events")
    status_from = models.CharField(max_length=10, choices=ProductStatus.choices, blank=True)
    status_to = models.CharField(max_length=10, choices=ProductStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.status_from or '-'} -> {self.status_to}"
