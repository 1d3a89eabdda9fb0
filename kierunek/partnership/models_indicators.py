"""The partnership's indicators (issue 17, item 8): the yearly self-assessment survey and the
yearly recognition list (the motivation system for partners and consultants).

What each partner did in a year is not stored: it is counted from the contexts that know it (events,
the directory, good practices...) by the activity sources of :mod:`.indicators`. Stored here is
what only this part decides: the survey's questions (data per year and partnership), each
institution's one response per round, the scoring rule of a year with its rationale, and the list
computed from it, which the office approves before it is public."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain_indicators as rules


class SelfAssessmentRound(models.Model):
    """A year's self-assessment of one partnership: its questions and when it is open."""

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.PROTECT, related_name="self_assessment_rounds"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
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
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="partnership_round_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.year}"

    def is_open(self, today: object = None) -> bool:
        day = today or timezone.localdate()
        return self.opens_on <= day <= self.closes_on  # type: ignore[operator]


class SelfAssessmentQuestion(models.Model):
    """A statement the institution rates from 1 (not at all) to 5 (fully), with a comment."""

    round = models.ForeignKey(SelfAssessmentRound, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("question"), max_length=300)

    class Meta:
        verbose_name = _("self-assessment question")
        verbose_name_plural = _("self-assessment questions")
        ordering = ["round_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "position"], name="partnership_question_position_once"),
            models.CheckConstraint(condition=~Q(text=""), name="partnership_question_text_set"),
        ]

    def __str__(self) -> str:
        return self.text


class SelfAssessmentResponse(models.Model):
    """An institution's answers to a round: one per institution and round, not changed after."""

    round = models.ForeignKey(SelfAssessmentRound, on_delete=models.PROTECT, related_name="responses")
    institution = models.ForeignKey(
        "partnership.Institution", on_delete=models.PROTECT, related_name="self_assessments"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("self-assessment response")
        verbose_name_plural = _("self-assessment responses")
        ordering = ["round_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "institution"], name="partnership_one_response_per_institution"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution} — {self.round}"


class SelfAssessmentAnswer(models.Model):
    response = models.ForeignKey(SelfAssessmentResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SelfAssessmentQuestion, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("self-assessment answer")
        verbose_name_plural = _("self-assessment answers")
        ordering = ["response_id", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="partnership_answer_once"),
            models.CheckConstraint(
                condition=Q(score__gte=rules.SCORE_MIN) & Q(score__lte=rules.SCORE_MAX),
                name="partnership_answer_score_in_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.score}"


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
