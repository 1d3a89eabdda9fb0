"""Service cards (modelled on the national register's "Karta Usługi"), their sessions, the fixed
category tree, the history of changes after publication, and the search document each card
feeds to the search engine."""

from collections.abc import Collection, Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kierunek.core.money import Money

from .domain import service_group as service_group_key


class Category(models.Model):
    """A node of the fixed category tree (data: fixtures/categories.json). ``code`` is stable and
    used by programme rules (for example vouchers per hour of ``languages``)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(_("name (Polish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def label(self, language: str) -> str:
        return self.name_en if language == "en" else self.name


class ServiceType(models.TextChoices):
    TRAINING = "training", _("training")
    ADVISORY = "advisory", _("advisory service")
    EXAM = "exam", _("exam")
    POSTGRADUATE = "postgraduate", _("postgraduate studies")
    # Issue 16: the validation of a market qualification's learning outcomes, and the certificate
    # issued after a positive one (the act on the ZSK keeps them apart).
    VALIDATION = "validation", _("validation of learning outcomes")
    CERTIFICATION = "certification", _("certification")


class DeliveryForm(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    REMOTE_LIVE = "remote_live", _("remote, in real time")
    REMOTE_SELF_PACED = "remote_self_paced", _("remote, self-paced")
    BLENDED_LIVE = "blended_live", _("blended: in person and remote in real time")
    BLENDED_SELF_PACED = "blended_self_paced", _("blended: in person and remote self-paced")


# Forms with no place to travel to: included in a distance search only when asked for.
REMOTE_FORMS = frozenset({DeliveryForm.REMOTE_LIVE, DeliveryForm.REMOTE_SELF_PACED})


class CardStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")


# Every column the public search filters, counts or sorts by (kierunek.catalogue.search).
_SEARCH_COLUMNS = (
    "category",
    "delivery_form",
    "gmina",
    "starts_on",
    "price_gross",
    "provider",
    "rating_average",
    "seats_taken",
    "max_participants",
    "service_group",
)


def _search_index(name: str, *leading: str) -> models.Index:
    """A covering index for the public search: the published cards (a partial index; the search
    states ``status = 'published'`` literally) in the order of ``leading``, with every other
    search column, so that counting facets over tens of thousands of cards reads a narrow index
    and never the wide rows."""
    rest = [column for column in _SEARCH_COLUMNS if column not in leading]
    # "status" too, although the index holds only published cards: SQLite counts an index as
    # covering only when it holds every column the query names, the condition's included.
    return models.Index(fields=[*leading, *rest, "status"], name=name, condition=Q(status="published"))


# What ServiceCard.service_group is made of (domain.service_group).
_SERVICE_GROUP_FIELDS = frozenset({"provider", "provider_id", "title", "delivery_form"})


class ServiceCardQuerySet(models.QuerySet["ServiceCard"]):
    def bulk_create(
        self,
        objs: Iterable[Any],
        batch_size: int | None = None,
        ignore_conflicts: bool = False,
        update_conflicts: bool = False,
        update_fields: Collection[str] | None = None,
        unique_fields: Collection[str] | None = None,
    ) -> list[Any]:
        """As QuerySet.bulk_create, with each card's service group set (save() is not called)."""
        cards = list(objs)
        for card in cards:
            card.service_group_set()
        return super().bulk_create(
            cards,
            batch_size=batch_size,
            ignore_conflicts=ignore_conflicts,
            update_conflicts=update_conflicts,
            update_fields=update_fields,
            unique_fields=unique_fields,
        )


class ServiceCard(models.Model):
    """One development service a provider offers. Prices are integer grosze per participant."""

    provider = models.ForeignKey("providers.Provider", on_delete=models.PROTECT, related_name="service_cards")
    title = models.CharField(_("title"), max_length=250)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="cards"
    )
    service_type = models.CharField(_("type"), max_length=16, choices=ServiceType.choices)
    delivery_form = models.CharField(_("delivery form"), max_length=20, choices=DeliveryForm.choices)
    goal = models.TextField(_("educational goal"))
    learning_outcomes = models.TextField(_("learning outcomes"))
    programme = models.TextField(_("programme (agenda)"))
    target_group = models.TextField(_("target group"))
    participation_conditions = models.TextField(_("conditions of participation"), blank=True)
    technical_requirements = models.TextField(_("technical requirements (remote forms)"), blank=True)
    hours = models.DecimalField(_("total hours"), max_digits=6, decimal_places=1)
    gmina = models.ForeignKey(
        "geo.Gmina",
        verbose_name=_("gmina"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    outside_region_address = models.CharField(_("address outside Małopolska"), max_length=250, blank=True)
    price_net = models.BigIntegerField(_("price net per participant (grosze)"))
    price_gross = models.BigIntegerField(_("price gross per participant (grosze)"))
    min_participants = models.PositiveIntegerField(_("minimum participants"), default=1)
    max_participants = models.PositiveIntegerField(_("maximum participants"))
    seats_taken = models.PositiveIntegerField(_("places taken"), default=0)
    enrolment_deadline = models.DateField(_("enrolment deadline"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    market_qualification = models.CharField(
        _("linked market qualification (optional)"), max_length=250, blank=True
    )
    # The qualification's code in the Integrated Qualifications Register (ZRK), as the national
    # services register links its cards (idKwalifikacjiZrk); blank when the card leads to none.
    qualification_code = models.CharField(
        _("qualification code in the register (ZRK)"), max_length=40, blank=True, db_index=True
    )
    status = models.CharField(
        max_length=12, choices=CardStatus.choices, default=CardStatus.DRAFT, db_index=True
    )
    rating_average = models.FloatField(_("average rating"), null=True, blank=True)
    rating_count = models.PositiveIntegerField(default=0)
    dedupe_key = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Set while an import job is writing the card: the card is hidden from every list until the
    # job shows all its cards at once (kierunek.catalogue.import_jobs).
    staged_in = models.ForeignKey(
        "ImportJob",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="staged_cards",
    )
    # The same service on several dates (domain.service_group): the search shows one result per
    # group. Kept by save() and bulk_create() from the provider, the title and the form; NULL only
    # before migration 0009 filled it in (nullable: SQLite adds it without rebuilding the table).
    service_group = models.BigIntegerField(null=True, editable=False)

    objects = ServiceCardQuerySet.as_manager()

    class Meta:
        verbose_name = _("service card")
        verbose_name_plural = _("service cards")
        ordering = ["starts_on", "id"]
        # One per order in which a search groups or sorts.
        indexes = [
            _search_index("catalogue_card_by_category", "category", "delivery_form"),
            _search_index("catalogue_card_by_gmina", "gmina"),
            _search_index("catalogue_card_by_start", "starts_on"),
            _search_index("catalogue_card_by_price", "price_gross"),
            # A service's dates (issue 14): a search probes it for a better date of the same group.
            _search_index("catalogue_card_by_group", "service_group", "starts_on"),
            # The full cards: a search of free places only counts the whole catalogue's kept
            # counts less these (PostgreSQL, decision 0007), a few where a scan would read all.
            models.Index(
                fields=["service_group", "category", "delivery_form", "gmina", "starts_on"],
                name="catalogue_card_full",
                condition=Q(status="published") & Q(seats_taken__gte=F("max_participants")),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_net__gte=0), name="catalogue_card_price_net_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(price_gross__gte=F("price_net")), name="catalogue_card_gross_at_least_net"
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="catalogue_card_hours_positive"),
            models.CheckConstraint(
                condition=Q(min_participants__gte=1) & Q(max_participants__gte=F("min_participants")),
                name="catalogue_card_participants_in_order",
            ),
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("max_participants")), name="catalogue_card_not_overbooked"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="catalogue_card_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(enrolment_deadline__lte=F("starts_on")),
                name="catalogue_card_enrolment_before_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CardStatus.values), name="catalogue_card_status_valid"
            ),
            # A provider cannot offer the same service twice: same title, dates and place.
            models.UniqueConstraint(
                fields=["provider", "dedupe_key"],
                condition=~Q(status="cancelled"),
                name="catalogue_card_not_duplicated",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.service_group_set()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and _SERVICE_GROUP_FIELDS.intersection(update_fields):
            kwargs["update_fields"] = {*update_fields, "service_group"}
        super().save(*args, **kwargs)

    def service_group_set(self) -> None:
        self.service_group = service_group_key(
            provider_id=self.provider_id, title=self.title, delivery_form=self.delivery_form
        )

    @property
    def price_gross_money(self) -> Money:
        return Money(self.price_gross)

    @property
    def price_net_money(self) -> Money:
        return Money(self.price_net)

    @property
    def price_gross_per_hour(self) -> Money:
        """Rounded half up to the grosz."""
        return Money(
            int((Decimal(self.price_gross) / self.hours).quantize(Decimal("1"), rounding="ROUND_HALF_UP"))
        )

    @property
    def free_places(self) -> int:
        return max(0, self.max_participants - self.seats_taken)

    @property
    def is_remote(self) -> bool:
        return self.delivery_form in REMOTE_FORMS


class ServiceSession(models.Model):
    """One meeting of a service: a date and times, and a place or a link for remote forms."""

    card = models.ForeignKey(ServiceCard, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    place = models.CharField(_("place or link"), max_length=300)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="catalogue_session_times_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.start_time:%H:%M}–{self.end_time:%H:%M}"  # noqa: RUF001 - an en dash


class CardRevision(models.Model):
    """What changed on a published card, by whom and when: the card's public history."""

    card = models.ForeignKey(ServiceCard, on_delete=models.CASCADE, related_name="revisions")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(default=dict)  # {field: [old, new]} as text

    class Meta:
        verbose_name = _("change of a service card")
        verbose_name_plural = _("history of service cards")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.card_id} {self.changed_at:%Y-%m-%d}"


class SearchDocument(models.Model):
    """The analysed text of a published card (kierunek.catalogue.search.text), which the search engine
    indexes: SQLite FTS5 or PostgreSQL full-text search (see migrations and kierunek.catalogue.search).
    One column per weight class of the ranking (kierunek.catalogue.search.weights, strongest first)."""

    card = models.OneToOneField(
        ServiceCard, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title_tokens = models.TextField(default="")
    outcome_tokens = models.TextField(default="")
    kind_tokens = models.TextField(default="")
    context_tokens = models.TextField(default="")

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return str(self.card_id)


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to start")
    VALIDATING = "validating", _("checking the rows")
    WRITING = "writing", _("saving the services")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ImportJob(models.Model):
    """One file of service cards a provider imports, run as a background task. Every row is checked
    before anything is written; the cards are then written in short transactions, staged (hidden),
    and shown together in one short transaction at the end, so the import is all or nothing while
    the database stays free for everybody else. The row keeps the file until the job ends, the
    progress the provider watches, and every problem found (row, column, message)."""

    provider = models.ForeignKey("providers.Provider", on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    filename = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(blank=True)  # emptied when the job ends
    status = models.CharField(max_length=12, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    cards_created = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"row": 2, "column": "...", "message": "..."}]

    class Meta:
        verbose_name = _("import of services")
        verbose_name_plural = _("imports of services")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ImportJobStatus.values), name="catalogue_importjob_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(rows_done__lte=F("rows_total")), name="catalogue_importjob_progress_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportJobStatus.DONE, ImportJobStatus.FAILED)

    @property
    def percent(self) -> int:
        return 100 * self.rows_done // self.rows_total if self.rows_total else 0


class AlertFrequency(models.TextChoices):
    DAILY = "daily", _("every day")
    WEEKLY = "weekly", _("once a week")


class SavedSearch(models.Model):
    """A search of the catalogue a person saved, to be told by e-mail of the services published
    since that it finds (kierunek.catalogue.saved_searches). ``query`` is the canonical query
    string of the search's parameters (one saved search per person and query); ``label`` says it
    in words, as the person saw it when saving.

    The digest's bookkeeping: ``checked_on`` is the day the search was last looked at for a digest
    (a daily search is due the day after, a weekly one seven days after); ``sent_until`` the moment
    up to which publications were already looked at, so a card is never sent twice for the search
    and a card published before the search was saved is never sent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    query = models.CharField(_("search parameters"), max_length=1000, blank=True)
    label = models.CharField(_("search"), max_length=500)
    frequency = models.CharField(
        _("e-mail with new services"),
        max_length=8,
        choices=AlertFrequency.choices,
        default=AlertFrequency.WEEKLY,
    )
    active = models.BooleanField(_("e-mails on"), default=True)
    created_at = models.DateTimeField(_("saved"))
    checked_on = models.DateField(_("last looked at for new services"))
    sent_until = models.DateTimeField(_("services published until then already looked at"))
    last_sent_at = models.DateTimeField(_("last e-mail"), null=True, blank=True)
    idempotency_key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["active", "checked_on"], name="catalogue_saved_search_due")]
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="catalogue_saved_search_once_per_person"),
            models.CheckConstraint(
                condition=Q(frequency__in=AlertFrequency.values),
                name="catalogue_saved_search_frequency_valid",
            ),
            models.CheckConstraint(condition=~Q(idempotency_key=""), name="catalogue_saved_search_key_set"),
        ]

    def __str__(self) -> str:
        return self.label
