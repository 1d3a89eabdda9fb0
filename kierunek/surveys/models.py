"""The survey engine's tables: a survey (its audience, open and close dates, anonymity threshold),
its questions with their answer types, the responses (one per respondent, or anonymous), their
answers, the one-time tokens of anonymous respondents without an account, and who has answered an
anonymous survey (kept apart from what they answered).

A survey belongs to the context that uses it (``owner``: "education.needs", "events.event"...);
that context decides who may answer, which group a response counts in (``Response.group``: a
gmina's TERYT, a school, an event) and who reads the results."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain


class QuestionKind(models.TextChoices):
    SINGLE = domain.SINGLE, _("single choice")
    MULTIPLE = domain.MULTIPLE, _("multiple choice")
    SCALE = domain.SCALE, _("scale")
    NUMBER = domain.NUMBER, _("number")
    SHORT_TEXT = domain.SHORT_TEXT, _("short text")
    LONG_TEXT = domain.LONG_TEXT, _("long text")
    RANKING = domain.RANKING, _("ranking")


class Survey(models.Model):
    owner = models.CharField(_("used by"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    anonymous = models.BooleanField(_("anonymous"), default=True)
    threshold = models.PositiveSmallIntegerField(
        _("results shown from this many responses"), default=domain.DEFAULT_THRESHOLD
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="surveys_survey_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(threshold__gte=1), name="surveys_survey_threshold_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, on: object = None) -> bool:
        day = on or timezone.localdate()
        return self.opens_on <= day <= self.closes_on  # type: ignore[operator]


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    key = models.SlugField(_("code"), max_length=40)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help"), max_length=500, blank=True)
    kind = models.CharField(_("answer type"), max_length=12, choices=QuestionKind.choices)
    choices = models.JSONField(_("answers to choose from"), default=list, blank=True)
    scale_low = models.SmallIntegerField(_("scale from"), default=1)
    scale_high = models.SmallIntegerField(_("scale to"), default=5)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="surveys_question_position_once"),
            models.UniqueConstraint(fields=["survey", "key"], name="surveys_question_key_once"),
            models.CheckConstraint(
                condition=models.Q(kind__in=QuestionKind.values), name="surveys_question_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(scale_high__gt=models.F("scale_low")), name="surveys_question_scale_order"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One respondent's answers. ``respondent`` is empty in an anonymous survey (who answered is
    kept in :class:`Participation`, apart); ``group`` is what the results are cut by."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    group = models.CharField(_("group"), max_length=40, blank=True)
    segment = models.CharField(_("respondent type"), max_length=40, blank=True)
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="surveys_response_once_per_respondent",
            )
        ]
        indexes = [models.Index(fields=["survey", "group"])]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(_("answer"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="surveys_answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"


class Participation(models.Model):
    """That a person answered an anonymous survey (so they answer once), not what they answered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_participations"
    )
    answered_on = models.DateField(default=timezone.localdate)

    class Meta:
        verbose_name = _("survey participation")
        verbose_name_plural = _("survey participations")
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="surveys_participation_once")]

    def __str__(self) -> str:
        return f"{self.survey}: {self.user_id}"


class ResponseToken(models.Model):
    """A one-time link to answer an anonymous survey without an account: only the token's hash is
    kept, and it is spent by the answer (the response does not point back to it)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    group = models.CharField(_("group"), max_length=40, blank=True)
    segment = models.CharField(_("respondent type"), max_length=40, blank=True)
    used = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("survey token")
        verbose_name_plural = _("survey tokens")

    def __str__(self) -> str:
        return f"{self.survey}: {self.token_hash[:8]}"
