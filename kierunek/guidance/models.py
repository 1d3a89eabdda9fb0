"""Career guidance: advisors' appointments, the competence balance (biographical and behavioural
interviews, competence profile, portfolio) and the individual development plan.

The competence vocabulary is ESCO v1.2.1 in Polish (loaded by migration 0002 from
``kierunek/guidance/data/esco/``) plus the office's own entries, each identified by a URI."""

from datetime import time
from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from . import domain
from .domain import (
    MAX_PRIORITY,
    MIN_PRIORITY,
    AppointmentStatus,
    CompetenceDimension,
    ExperienceKind,
    PackageKind,
    PlanStatus,
    ProficiencyLevel,
    SlotMode,
    Stage,
)

# Labels of the domain's choices (the values live in domain.py, which has no Django).
SLOT_MODE_LABELS: dict[str, Any] = {
    SlotMode.IN_PERSON: _("in person, at a career centre"),
    SlotMode.ONLINE: _("online (video call)"),
}
APPOINTMENT_STATUS_LABELS: dict[str, Any] = {
    AppointmentStatus.BOOKED: _("booked"),
    AppointmentStatus.CANCELLED: _("cancelled"),
    AppointmentStatus.MOVED: _("moved to another time"),
}
EXPERIENCE_KIND_LABELS: dict[str, Any] = {
    ExperienceKind.WORK: _("work"),
    ExperienceKind.EDUCATION: _("formal education"),
    ExperienceKind.NON_FORMAL: _("non-formal learning (courses, training)"),
    ExperienceKind.INFORMAL: _("informal learning (volunteering, caring, hobbies)"),
}
DIMENSION_LABELS: dict[str, Any] = {
    CompetenceDimension.KNOWLEDGE: _("knowledge"),
    CompetenceDimension.SKILLS: _("skills"),
    CompetenceDimension.SOCIAL: _("social competences"),
}
LEVEL_LABELS: dict[int, Any] = {
    ProficiencyLevel.BASIC: _("1 — basic"),
    ProficiencyLevel.INTERMEDIATE: _("2 — intermediate"),
    ProficiencyLevel.ADVANCED: _("3 — advanced"),
    ProficiencyLevel.EXPERT: _("4 — expert"),
}
PACKAGE_KIND_LABELS: dict[str, Any] = {
    PackageKind.GENERAL: _("general package"),
    PackageKind.VOCATIONAL: _("vocational package"),
}
PLAN_STATUS_LABELS: dict[str, Any] = {
    PlanStatus.DRAFT: _("draft"),
    PlanStatus.SIGNED: _("signed by the advisor"),
    PlanStatus.ACKNOWLEDGED: _("acknowledged by the participant"),
}
STAGE_LABELS: dict[str, Any] = {
    Stage.BIOGRAPHICAL: _("biographical interview"),
    Stage.BEHAVIOURAL: _("behavioural interview"),
    Stage.PROFILE: _("competence profile"),
    Stage.PORTFOLIO: _("portfolio"),
    Stage.PLAN: _("development plan"),
}
PRIORITY_LABELS: dict[int, Any] = {1: _("high"), 2: _("medium"), 3: _("low")}


def _choices(labels: dict) -> list[tuple[object, object]]:
    return [(key.value if hasattr(key, "value") else key, label) for key, label in labels.items()]


def _values(enum: type) -> list[object]:
    return [member.value for member in enum]  # type: ignore[attr-defined]


class CareerCentre(models.Model):
    """A place where advisors meet participants (the regional career-guidance centres)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Opening hours: advisors meet participants in person only within them, on the open days
    # (ISO weekday numbers, 1 = Monday), never on a public holiday. The defaults are the usual
    # office hours of the regional labour office's centres.
    opens_at = models.TimeField(_("opens at"), default=time(8, 0))
    closes_at = models.TimeField(_("closes at"), default=time(16, 0))
    open_weekdays = models.CharField(
        _("open on (ISO weekdays, 1 = Monday)"),
        max_length=7,
        default="12345",
        validators=[RegexValidator(r"^[1-7]{1,7}$", _("Digits 1 to 7 only, e.g. 12345."))],
        help_text=_("Digits of the days the centre is open, e.g. 12345 for Monday to Friday."),
    )

    class Meta:
        verbose_name = _("career centre")
        verbose_name_plural = _("career centres")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="guidance_centre_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_open(self, starts_at: Any, ends_at: Any) -> bool:
        """Whether a meeting from ``starts_at`` to ``ends_at`` (local datetimes of one day) is
        within the opening hours."""
        return domain.within_opening_hours(
            starts_at=starts_at,
            ends_at=ends_at,
            opens_at=self.opens_at,
            closes_at=self.closes_at,
            open_weekdays=self.open_weekdays,
        )


class AdvisorSlot(models.Model):
    """A time an advisor offers for one meeting, at a career centre or online."""

    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="advisor_slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    mode = models.CharField(_("where"), max_length=16, choices=_choices(SLOT_MODE_LABELS))
    centre = models.ForeignKey(
        CareerCentre,
        verbose_name=_("career centre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="slots",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("advisor's slot")
        verbose_name_plural = _("advisors' slots")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["advisor", "starts_at"]), models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="guidance_slot_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(mode__in=_values(SlotMode)), name="guidance_slot_mode_valid"),
            # In person means at a centre; online means at none.
            models.CheckConstraint(
                condition=(
                    Q(mode=SlotMode.IN_PERSON.value, centre__isnull=False)
                    | Q(mode=SlotMode.ONLINE.value, centre__isnull=True)
                ),
                name="guidance_slot_place_matches_mode",
            ),
            models.UniqueConstraint(
                fields=["advisor", "starts_at"],
                condition=Q(withdrawn_at__isnull=True),
                name="guidance_slot_one_per_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.advisor} {self.starts_at:%Y-%m-%d %H:%M}"


class Appointment(models.Model):
    """A participant's booking of a slot. At most one booked appointment per slot: the partial
    unique index is the backstop of the row lock the services take on the slot."""

    slot = models.ForeignKey(AdvisorSlot, on_delete=models.PROTECT, related_name="appointments")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments"
    )
    status = models.CharField(
        max_length=12, choices=_choices(APPOINTMENT_STATUS_LABELS), default=AppointmentStatus.BOOKED.value
    )
    booked_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)  # cancelled or moved
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moved_to = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="moved_from"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["slot__starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status=AppointmentStatus.BOOKED.value),
                name="guidance_appointment_one_per_slot",
            ),
            models.CheckConstraint(
                condition=Q(status__in=_values(AppointmentStatus)), name="guidance_appointment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=AppointmentStatus.BOOKED.value, closed_at__isnull=True)
                | (~Q(status=AppointmentStatus.BOOKED.value) & Q(closed_at__isnull=False)),
                name="guidance_appointment_closed_when_not_booked",
            ),
            models.CheckConstraint(
                condition=Q(moved_to__isnull=True) | Q(status=AppointmentStatus.MOVED.value),
                name="guidance_appointment_moved_to_only_when_moved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.slot}"


# --- the competence vocabulary ---------------------------------------------------------------


class CompetenceSource(models.TextChoices):
    ESCO = "esco", _("ESCO v1.2.1")
    OFFICE = "office", _("the programme office")


class Competence(models.Model):
    """A competence of the vocabulary: an ESCO skill, knowledge item or skill group (from the
    skills hierarchy), or the office's own entry. ``uri`` is the stable identifier stored with
    the balance; ``search_key`` is the folded text the advisor's search matches."""

    class ConceptType(models.TextChoices):
        GROUP = "group", _("group of the skills hierarchy")
        SKILL = "skill", _("skill or competence")
        KNOWLEDGE = "knowledge", _("knowledge")

    uri = models.CharField(_("URI"), max_length=255, unique=True)
    label = models.CharField(_("name (Polish)"), max_length=255)
    alt_labels = models.TextField(_("other names"), blank=True)
    description = models.TextField(_("description"), blank=True)
    concept_type = models.CharField(_("type"), max_length=12, choices=ConceptType.choices)
    code = models.CharField(_("code in the skills hierarchy"), max_length=20, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("broader concept"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    is_transversal = models.BooleanField(_("transversal"), default=False)
    is_digital = models.BooleanField(_("digital"), default=False)
    is_language = models.BooleanField(_("language"), default=False)
    is_green = models.BooleanField(_("green"), default=False)
    source = models.CharField(
        _("source"), max_length=8, choices=CompetenceSource.choices, default=CompetenceSource.OFFICE
    )
    is_active = models.BooleanField(_("active"), default=True)
    search_key = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences (vocabulary)")
        ordering = ["label"]
        constraints = [
            models.CheckConstraint(condition=~Q(label=""), name="guidance_competence_label_set"),
            models.CheckConstraint(condition=~Q(uri=""), name="guidance_competence_uri_set"),
        ]

    def __str__(self) -> str:
        return self.label


class Occupation(models.Model):
    """An occupation a plan may aim at: ESCO occupations, and the office's own entries."""

    uri = models.CharField(_("URI"), max_length=255, unique=True)
    label = models.CharField(_("name (Polish)"), max_length=255)
    alt_labels = models.TextField(_("other names"), blank=True)
    description = models.TextField(_("description"), blank=True)
    isco_code = models.CharField(_("ISCO-08 group"), max_length=8, blank=True)
    source = models.CharField(
        _("source"), max_length=8, choices=CompetenceSource.choices, default=CompetenceSource.OFFICE
    )
    is_active = models.BooleanField(_("active"), default=True)
    search_key = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations (vocabulary)")
        ordering = ["label"]
        constraints = [models.CheckConstraint(condition=~Q(label=""), name="guidance_occupation_label_set")]

    def __str__(self) -> str:
        return self.label


# --- the competence balance ------------------------------------------------------------------


class CompetenceBalance(models.Model):
    """One participant's competence balance, run by one advisor. Each stage is saved as the
    advisor goes and marked complete when done; the plan (DevelopmentPlan) ends it."""

    participant = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="competence_balance"
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="balances_led"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    biographical_done_at = models.DateTimeField(null=True, blank=True)
    behavioural_done_at = models.DateTimeField(null=True, blank=True)
    profile_done_at = models.DateTimeField(null=True, blank=True)
    portfolio_done_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(_("advisor's notes"), blank=True)

    class Meta:
        verbose_name = _("competence balance")
        verbose_name_plural = _("competence balances")
        constraints = [
            models.CheckConstraint(condition=~Q(participant=F("advisor")), name="guidance_balance_not_own"),
        ]

    def __str__(self) -> str:
        return str(self.participant)


class Experience(models.Model):
    """An experience from the biographical interview: work, education, a non-formal course, or
    informal learning (volunteering, caring for someone, a hobby)."""

    balance = models.ForeignKey(CompetenceBalance, on_delete=models.CASCADE, related_name="experiences")
    kind = models.CharField(_("kind"), max_length=16, choices=_choices(EXPERIENCE_KIND_LABELS))
    title = models.CharField(_("role or title"), max_length=200)
    organisation = models.CharField(_("organisation or place"), max_length=200, blank=True)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    activities = models.TextField(_("activities and responsibilities"), blank=True)

    class Meta:
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")
        ordering = ["-started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=_values(ExperienceKind)), name="guidance_experience_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="guidance_experience_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class StarEvidence(models.Model):
    """Evidence from the behavioural interview in STAR form, linked to the competences it shows."""

    balance = models.ForeignKey(CompetenceBalance, on_delete=models.CASCADE, related_name="star_evidence")
    experience = models.ForeignKey(
        Experience,
        verbose_name=_("experience"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    situation = models.TextField(_("situation"))
    task = models.TextField(_("task"))
    action = models.TextField(_("action"))
    result = models.TextField(_("result"))
    competences = models.ManyToManyField(
        Competence, verbose_name=_("competences shown"), related_name="+", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("STAR evidence")
        verbose_name_plural = _("STAR evidence")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.situation[:60]


class ProfileCompetence(models.Model):
    """One competence of the participant's profile: its dimension (knowledge, skills, social
    competences, as the Polish Qualifications Framework divides learning outcomes), the level
    the advisor assessed, the PRK level where it applies, and the evidence."""

    balance = models.ForeignKey(CompetenceBalance, on_delete=models.CASCADE, related_name="profile")
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), on_delete=models.PROTECT, related_name="+"
    )
    dimension = models.CharField(_("dimension"), max_length=12, choices=_choices(DIMENSION_LABELS))
    level = models.PositiveSmallIntegerField(_("level"), choices=_choices(LEVEL_LABELS))
    prk_level = models.PositiveSmallIntegerField(
        _("PRK level (1 to 8), where it applies"), null=True, blank=True
    )
    evidence = models.TextField(_("evidence"), blank=True)
    star_evidence = models.ManyToManyField(
        StarEvidence, verbose_name=_("STAR evidence"), related_name="+", blank=True
    )

    class Meta:
        verbose_name = _("competence of the profile")
        verbose_name_plural = _("competence profile")
        ordering = ["dimension", "competence__label"]
        constraints = [
            models.UniqueConstraint(
                fields=["balance", "competence"], name="guidance_profile_competence_once"
            ),
            models.CheckConstraint(
                condition=Q(dimension__in=_values(CompetenceDimension)),
                name="guidance_profile_dimension_valid",
            ),
            models.CheckConstraint(
                condition=Q(level__in=_values(ProficiencyLevel)), name="guidance_profile_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(prk_level__isnull=True) | Q(prk_level__gte=1, prk_level__lte=8),
                name="guidance_profile_prk_level_1_8",
            ),
        ]

    def __str__(self) -> str:
        return str(self.competence)


class PortfolioItem(models.Model):
    """Evidence for the portfolio: a file (PDF or image, checked by its first bytes) or a
    reference from a person."""

    class Kind(models.TextChoices):
        FILE = "file", _("document")
        REFERENCE = "reference", _("reference")

    balance = models.ForeignKey(CompetenceBalance, on_delete=models.CASCADE, related_name="portfolio")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it shows"), blank=True)
    file = models.FileField(_("file"), upload_to="guidance/portfolio/%Y/", blank=True)
    file_kind = models.CharField(max_length=8, blank=True)  # pdf | png | jpeg (core.uploads)
    referee_name = models.CharField(_("who gives the reference"), max_length=200, blank=True)
    referee_contact = models.CharField(_("contact to the referee"), max_length=200, blank=True)
    competences = models.ManyToManyField(
        Competence, verbose_name=_("competences"), related_name="+", blank=True
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("portfolio item")
        verbose_name_plural = _("portfolio")
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="file") & ~Q(file="") & Q(file_kind__in=["pdf", "png", "jpeg"]))
                | (Q(kind="reference") & Q(file="") & ~Q(referee_name="")),
                name="guidance_portfolio_file_or_reference",
            ),
        ]

    def __str__(self) -> str:
        return self.title


# --- the individual development plan ---------------------------------------------------------


class DevelopmentPlan(models.Model):
    """The individual development plan that closes the balance. The advisor signs it off; the
    participant acknowledges it with their own login and may leave feedback. A signed plan is
    frozen until the advisor reopens it (which clears the acknowledgement)."""

    balance = models.OneToOneField(CompetenceBalance, on_delete=models.CASCADE, related_name="plan")
    status = models.CharField(
        max_length=12, choices=_choices(PLAN_STATUS_LABELS), default=PlanStatus.DRAFT.value
    )
    target_occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("target occupation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField(_("summary of the balance"), blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    feedback = models.TextField(_("participant's feedback"), blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=_values(PlanStatus)), name="guidance_plan_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(
                    status=PlanStatus.DRAFT.value, signed_at__isnull=True, acknowledged_at__isnull=True
                )
                | Q(
                    status=PlanStatus.SIGNED.value,
                    signed_at__isnull=False,
                    signed_by__isnull=False,
                    acknowledged_at__isnull=True,
                )
                | Q(
                    status=PlanStatus.ACKNOWLEDGED.value,
                    signed_at__isnull=False,
                    acknowledged_at__isnull=False,
                ),
                name="guidance_plan_dates_match_status",
            ),
        ]

    def __str__(self) -> str:
        return str(self.balance)


class DevelopmentArea(models.Model):
    """An area of the plan: the gap, the package that pays for closing it, the goals, and the
    service categories or the market qualification that would close it."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="areas")
    title = models.CharField(_("development area"), max_length=200)
    gap = models.TextField(_("the gap (what is missing)"), blank=True)
    goals = models.TextField(_("goals"))
    package_kind = models.CharField(_("package"), max_length=12, choices=_choices(PACKAGE_KIND_LABELS))
    categories = models.ManyToManyField(
        "catalogue.Category", verbose_name=_("service categories"), related_name="+", blank=True
    )
    # The qualification of the register (ZRK) that would close the gap (issue 16). The free text
    # below is what areas named before the register; migration 0005 linked those it could match.
    qualification = models.ForeignKey(
        "qualifications.Qualification",
        verbose_name=_("qualification of the register (ZSK)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    market_qualification = models.CharField(
        _("market qualification (ZSK), if any"), max_length=250, blank=True
    )
    keywords = models.CharField(_("keywords for matching services"), max_length=250, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=_choices(PRIORITY_LABELS), default=MIN_PRIORITY
    )

    class Meta:
        verbose_name = _("development area")
        verbose_name_plural = _("development areas")
        ordering = ["priority", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(package_kind__in=_values(PackageKind)), name="guidance_area_package_valid"
            ),
            models.CheckConstraint(
                condition=Q(priority__gte=MIN_PRIORITY, priority__lte=MAX_PRIORITY),
                name="guidance_area_priority_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title
