"""The integrated recruitment to upper-secondary schools: a year with its dates (set each January
by the superintendent, kept as data), the classes (oddziały) of the schools with their scored
subjects and requirements, the schools' recruitment committees, the candidates' applications with
their guardians, results and ranked preferences, the placements of each round, each class's
figures per round (the lowest admitting score, published with the lists) and the appeals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kierunek.core.fields import EncryptedTextField

from .domain import SUBJECTS


class YearStatus(models.TextChoices):
    OPEN = "open", _("applications open")
    QUALIFIED = "qualified", _("lists of qualified candidates published")
    ADMITTED = "admitted", _("lists of admitted candidates published")
    SUPPLEMENTARY = "supplementary", _("supplementary round matched")
    CLOSED = "closed", _("closed")


class RecruitmentYear(models.Model):
    """One year's recruitment and its timetable."""

    year = models.PositiveSmallIntegerField(_("school year starting"), unique=True)
    max_schools = models.PositiveSmallIntegerField(
        _("schools a candidate may rank"), null=True, blank=True, help_text=_("Empty: any number.")
    )
    lottery_seed = models.CharField(_("published lottery seed"), max_length=64)
    applications_from = models.DateField(_("applications from"))
    applications_until = models.DateField(_("applications until"))
    documents_until = models.DateField(_("documents checked until"))
    aptitude_until = models.DateField(_("aptitude test results until"))
    results_until = models.DateField(_("exam results and certificates until"))
    qualified_on = models.DateField(_("lists of qualified candidates on"))
    confirm_until = models.DateField(_("confirmation of intent until"))
    admitted_on = models.DateField(_("lists of admitted candidates on"))
    supplementary_until = models.DateField(_("supplementary applications until"))
    supplementary_admitted_on = models.DateField(_("supplementary lists on"))
    status = models.CharField(_("status"), max_length=20, choices=YearStatus.choices, default=YearStatus.OPEN)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("recruitment year")
        verbose_name_plural = _("recruitment years")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=YearStatus.values), name="recruitment_year_status"
            ),
            models.CheckConstraint(
                condition=models.Q(applications_from__lte=models.F("applications_until"))
                & models.Q(applications_until__lte=models.F("qualified_on"))
                & models.Q(qualified_on__lte=models.F("confirm_until"))
                & models.Q(confirm_until__lte=models.F("admitted_on"))
                & models.Q(admitted_on__lte=models.F("supplementary_admitted_on")),
                name="recruitment_year_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}/{self.year + 1}"


SUBJECT_CHOICES = [(code, _(label)) for code, label in SUBJECTS]


class SchoolClass(models.Model):
    """A class (oddział) a school opens in the year: its two scored subjects and requirements."""

    year = models.ForeignKey(RecruitmentYear, on_delete=models.CASCADE, related_name="classes")
    school = models.ForeignKey(
        "education.School",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="recruitment_classes",
    )
    code = models.CharField(_("class"), max_length=20)
    profile = models.CharField(_("profile"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("seats"))
    subject_1 = models.CharField(_("first scored subject"), max_length=20, choices=SUBJECT_CHOICES)
    subject_2 = models.CharField(_("second scored subject"), max_length=20, choices=SUBJECT_CHOICES)
    languages = models.CharField(_("languages taught"), max_length=100, blank=True)
    vocation = models.CharField(_("vocation"), max_length=200, blank=True)
    aptitude_test = models.BooleanField(_("aptitude test required"), default=False)
    medical_certificate = models.BooleanField(_("medical certificate required"), default=False)

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        constraints = [
            models.UniqueConstraint(fields=["year", "school", "code"], name="recruitment_class_once"),
            models.CheckConstraint(
                condition=~models.Q(subject_1=models.F("subject_2")), name="recruitment_class_two_subjects"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.code} ({self.profile})"

    @property
    def subjects(self) -> tuple[str, str]:
        return (self.subject_1, self.subject_2)


class CommitteeMember(models.Model):
    """A member of a school's recruitment committee for the year, appointed by its director from
    the school's staff."""

    year = models.ForeignKey(RecruitmentYear, on_delete=models.CASCADE, related_name="committee")
    staff = models.ForeignKey("education.SchoolStaff", on_delete=models.CASCADE, related_name="committees")
    chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [models.UniqueConstraint(fields=["year", "staff"], name="recruitment_committee_once")]

    def __str__(self) -> str:
        return f"{self.staff} ({self.year})"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    VERIFIED = "verified", _("documents checked")
    RETURNED = "returned", _("returned for corrections")


CRITERIA = (
    "large_family",
    "disabled_candidate",
    "disabled_parent",
    "disabled_parents",
    "disabled_sibling",
    "single_parent",
    "foster_care",
)


class Application(models.Model):
    """A candidate's application for the year (the candidate's account, used with a guardian)."""

    year = models.ForeignKey(RecruitmentYear, on_delete=models.CASCADE, related_name="applications")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recruitment_applications"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    pesel = EncryptedTextField(_("PESEL"), blank=True)
    pesel_hash = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    # Results: the exam in whole percent (empty when exempt) and the certificate's grades.
    exam_polish = models.PositiveSmallIntegerField(_("exam: Polish (%)"), null=True, blank=True)
    exam_maths = models.PositiveSmallIntegerField(_("exam: maths (%)"), null=True, blank=True)
    exam_language = models.PositiveSmallIntegerField(_("exam: foreign language (%)"), null=True, blank=True)
    grades = models.JSONField(_("certificate grades"), default=dict, blank=True)
    distinction = models.BooleanField(_("certificate with distinction"), default=False)
    contests = models.PositiveSmallIntegerField(_("contest points (hundredths)"), default=0)
    volunteering = models.BooleanField(_("volunteering"), default=False)
    results_in = models.BooleanField(_("results entered"), default=False)
    # Priority and ties.
    laureate = models.BooleanField(_("laureate or finalist of an olympiad"), default=False)
    health = models.BooleanField(_("health problems confirmed by a counselling centre"), default=False)
    large_family = models.BooleanField(_("large family"), default=False)
    disabled_candidate = models.BooleanField(_("disability of the candidate"), default=False)
    disabled_parent = models.BooleanField(_("disability of a parent"), default=False)
    disabled_parents = models.BooleanField(_("disability of both parents"), default=False)
    disabled_sibling = models.BooleanField(_("disability of a sibling"), default=False)
    single_parent = models.BooleanField(_("raised by a single parent"), default=False)
    foster_care = models.BooleanField(_("in foster care"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["year", "candidate"], name="recruitment_application_once"),
            models.UniqueConstraint(
                fields=["year", "pesel_hash"],
                condition=~models.Q(pesel_hash=""),
                name="recruitment_pesel_once",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values), name="recruitment_application_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.last_name} {self.first_name} ({self.year})"

    @property
    def criteria(self) -> int:
        return sum(1 for name in CRITERIA if getattr(self, name))

    @property
    def exempt(self) -> bool:
        return self.exam_polish is None


class Guardian(models.Model):
    """A parent or legal guardian who acts with the candidate."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="guardians")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Round(models.TextChoices):
    MAIN = "main", _("main round")
    SUPPLEMENTARY = "supplementary", _("supplementary round")


class Preference(models.Model):
    """A class the candidate ranks in a round, best first."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="preferences")
    round = models.CharField(_("round"), max_length=20, choices=Round.choices, default=Round.MAIN)
    rank = models.PositiveSmallIntegerField(_("rank"))
    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="preferences")
    aptitude_passed = models.BooleanField(_("aptitude test passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        ordering = ["application", "round", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "round", "rank"], name="recruitment_preference_rank_once"
            ),
            models.UniqueConstraint(
                fields=["application", "round", "school_class"], name="recruitment_preference_class_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.school_class}"


class PlacementStatus(models.TextChoices):
    QUALIFIED = "qualified", _("qualified")
    UNPLACED = "unplaced", _("not qualified")
    CONFIRMED = "confirmed", _("intent confirmed")
    ADMITTED = "admitted", _("admitted")
    LAPSED = "lapsed", _("not confirmed in time")
    RELEASED = "released", _("left for a better seat")


class Placement(models.Model):
    """Where a round placed a candidate (no class: placed nowhere), with the points there."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="placements")
    round = models.CharField(_("round"), max_length=20, choices=Round.choices)
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, null=True, blank=True, related_name="placements"
    )
    choice = models.PositiveSmallIntegerField(_("choice"), null=True, blank=True)
    points = models.PositiveIntegerField(_("points (hundredths)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PlacementStatus.choices)
    confirmed_at = models.DateTimeField(_("intent confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(fields=["application", "round"], name="recruitment_placement_once"),
            models.CheckConstraint(
                condition=models.Q(status__in=PlacementStatus.values), name="recruitment_placement_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} → {self.school_class or '-'}"


class ClassRound(models.Model):
    """A class's figures in a round: applicants, qualified, the lowest admitting score (with the
    rules below points of the last admitted candidate, for explanations) and the seats left."""

    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="rounds")
    round = models.CharField(_("round"), max_length=20, choices=Round.choices)
    applicants = models.PositiveIntegerField(_("applicants"), default=0)
    first_choice = models.PositiveIntegerField(_("first-choice applicants"), default=0)
    qualified = models.PositiveIntegerField(_("qualified"), default=0)
    lowest_points = models.PositiveIntegerField(
        _("lowest admitting score (hundredths)"), null=True, blank=True
    )
    lowest_priority = models.BooleanField(default=False)
    lowest_health = models.BooleanField(default=False)
    lowest_criteria = models.PositiveSmallIntegerField(default=0)
    lowest_lottery = models.PositiveIntegerField(null=True, blank=True)
    free_seats = models.PositiveIntegerField(_("free seats"), default=0)
    published_at = models.DateTimeField(_("list published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("class in a round")
        verbose_name_plural = _("classes in a round")
        constraints = [
            models.UniqueConstraint(fields=["school_class", "round"], name="recruitment_class_round_once")
        ]

    def __str__(self) -> str:
        return f"{self.school_class} {self.round}"


class AppealStatus(models.TextChoices):
    REQUESTED = "requested", _("justification requested")
    JUSTIFIED = "justified", _("justification given")
    APPEALED = "appealed", _("appealed to the director")
    UPHELD = "upheld", _("appeal upheld")
    DISMISSED = "dismissed", _("appeal dismissed")


class Appeal(models.Model):
    """A request for the committee's justification of a refusal at a class (art. 158), and the
    appeal to the director that may follow."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="appeals")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="appeals")
    status = models.CharField(
        _("status"), max_length=20, choices=AppealStatus.choices, default=AppealStatus.REQUESTED
    )
    requested_on = models.DateField(_("justification requested on"))
    justified_on = models.DateField(_("justification given on"), null=True, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    appealed_on = models.DateField(_("appealed on"), null=True, blank=True)
    appeal_text = models.TextField(_("grounds of the appeal"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.TextField(_("decision"), blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            models.UniqueConstraint(fields=["application", "school_class"], name="recruitment_appeal_once"),
            models.CheckConstraint(
                condition=models.Q(status__in=AppealStatus.values), name="recruitment_appeal_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} / {self.school_class}"
