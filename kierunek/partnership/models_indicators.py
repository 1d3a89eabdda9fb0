"""The partnership's indicators (issue 17, item 8): the yearly self-assessment survey and the
yearly recognition list (the motivation system for partners and consultants).

What each partner did in a year is not stored: it is counted from the contexts that know it (events,
the directory, good practices...) by the activity sources of :mod:`.indicators`. Stored here is
what only this part decides: the round of a year and partnership (its questions and each
institution's one response are the survey engine's), the scoring rule of a year with its
rationale, and the list computed from it, which the office approves before it is public."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.surveys.models import Question, QuestionKind

from . import domain_indicators as rules

SELF_ASSESSMENT_OWNER = "partnership.self_assessment"  # the owner of the rounds' surveys


class SelfAssessmentRound(models.Model):
    """A year's self-assessment of one partnership. Its questions, its open and close dates and
    the institutions' answers are a survey of the survey engine (decision 0029): statement ``n`` is
    the scale question ``statement_n`` (1 — not at all, 5 — fully) with the optional long-text
    question ``comment_n``; an institution's response is the engine's response in the group of the
    institution's primary key, under the name of the person who sent it."""

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.PROTECT, related_name="self_assessment_rounds"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    survey = models.OneToOneField(
        "surveys.Survey", verbose_name=_("survey"), on_delete=models.PROTECT, related_name="+"
    )
    introduction = models.TextField(_("introduction"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("self-assessment round")
        verbose_name_plural = _("self-assessment rounds")
        ordering = ["-year", "partnership_id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="partnership_one_round_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.year}"

    @property
    def opens_on(self) -> date:
        return self.survey.opens_on

    @property
    def closes_on(self) -> date:
        return self.survey.closes_on

    def is_open(self, today: object = None) -> bool:
        return self.survey.is_open(today)

    @property
    def questions(self) -> QuerySet[Question]:
        """The statements to rate, in order (each one's comment is a question of its own)."""
        return self.survey.questions.filter(kind=QuestionKind.SCALE).order_by("position")


def statement_key(number: int) -> str:
    return f"statement_{number}"


def comment_key(number: int) -> str:
    return f"comment_{number}"


def statement_number(key: str) -> int:
    """The number of a statement (or of its comment) from its question's key."""
    return int(key.rsplit("_", 1)[1])


class RecognitionRule(models.Model):
    """How a year's activity is scored: points per unit of each activity source (by its key), and
    why (the working group's or the council's reasoning, with a reference to its decision)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    weights = models.JSONField(_("points per activity"), default=dict)
    rationale = models.TextField(_("rationale"))
    decided_by = models.CharField(_("decided by (reference)"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recognition rule")
        verbose_name_plural = _("recognition rules")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=~Q(rationale=""), name="partnership_rule_has_rationale"),
        ]

    def __str__(self) -> str:
        return str(self.year)


class RecognitionListStatus(models.TextChoices):
    DRAFT = rules.DRAFT, _("draft")
    PUBLISHED = rules.PUBLISHED, _("approved and public")


class RecognitionList(models.Model):
    """A year's recognition list, computed from the activity record by the year's rule; a draft
    until the office approves it, then public. Its rows are a snapshot of the day it was computed."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RecognitionListStatus.choices, default=RecognitionListStatus.DRAFT
    )
    weights = models.JSONField(_("points per activity"), default=dict)
    rationale = models.TextField(_("rationale"))
    computed_at = models.DateTimeField(_("computed"), default=timezone.now)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("recognition list")
        verbose_name_plural = _("recognition lists")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RecognitionListStatus.values),
                name="partnership_recognition_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=rules.PUBLISHED) | Q(approved_at__isnull=False),
                name="partnership_published_list_approved",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class RecognitionPlace(models.Model):
    """A row of a recognition list: an institution or a consultant (a partner-staff person), its
    points, its place (shared on a tie) and the counts it was scored on."""

    recognition_list = models.ForeignKey(RecognitionList, on_delete=models.CASCADE, related_name="places")
    institution = models.ForeignKey(
        "partnership.Institution", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=300)
    points = models.PositiveIntegerField(_("points"))
    place = models.PositiveIntegerField(_("place"))
    counts = models.JSONField(_("activity"), default=dict)

    class Meta:
        verbose_name = _("place on a recognition list")
        verbose_name_plural = _("places on a recognition list")
        ordering = ["recognition_list_id", "place", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(institution__isnull=False) & Q(person__isnull=True))
                | (Q(institution__isnull=True) & Q(person__isnull=False)),
                name="partnership_place_is_institution_or_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place}. {self.name}"
