"""Anonymous evaluations of services. A response keeps the service, its provider, the scores and the
comment, and the month it was given: nothing that leads back to the participant or the booking
(the booking only records that it was evaluated). The comment is shown on the card once an officer
approves it (``workflows.COMMENT``), and the provider may answer it once, publicly.

The outcome survey, months after the service, is anonymous the same way (``OutcomeResponse``):
what links to the person is only the invitation (``OutcomeInvitation``), which records that it was
answered, never the answers."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SCORE_FIELDS = ("content", "trainer", "organisation", "usefulness")
# Averages are shown (to the provider and on the public card) from this many responses on: with
# fewer, an average would be one person's scores, and the provider knows who attended.
MIN_RESPONSES_SHOWN = 3


class CommentState(models.TextChoices):
    NONE = "none", _("no comment")
    PENDING = "pending", _("waiting for moderation")
    APPROVED = "approved", _("published")
    REJECTED = "rejected", _("not published")


class SurveyResponse(models.Model):
    card = models.ForeignKey(
        "catalogue.ServiceCard", on_delete=models.PROTECT, related_name="survey_responses"
    )
    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="survey_responses"
    )
    content = models.PositiveSmallIntegerField(_("content of the service"))
    trainer = models.PositiveSmallIntegerField(_("the trainer"))
    organisation = models.PositiveSmallIntegerField(_("organisation"))
    usefulness = models.PositiveSmallIntegerField(_("usefulness for me"))
    comment = models.TextField(_("comment"), blank=True)
    month = models.DateField(_("month"))
    comment_state = models.CharField(
        _("comment"), max_length=10, choices=CommentState.choices, default=CommentState.NONE
    )
    comment_reason = models.CharField(_("reason for not publishing"), max_length=500, blank=True)
    comment_decided_at = models.DateTimeField(_("comment moderated"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1}) & Q(**{f"{name}__lte": 5}),
                    name=f"evaluations_{name}_1_to_5",
                )
                for name in SCORE_FIELDS
            ),
            models.CheckConstraint(
                condition=Q(comment_state__in=CommentState.values), name="evaluations_comment_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(comment_state=CommentState.NONE) | ~Q(comment=""),
                name="evaluations_comment_state_needs_comment",
            ),
        ]
        indexes = [models.Index(fields=["comment_state", "id"])]

    def __str__(self) -> str:
        return f"{self.card_id} {self.month:%Y-%m}"

    @property
    def average(self) -> float:
        return sum(getattr(self, name) for name in SCORE_FIELDS) / len(SCORE_FIELDS)


class CommentReply(models.Model):
    """The provider's public answer to a published comment: one per comment, published at once
    under the provider's name (an institution answering for itself, not an anonymous author)."""

    response = models.OneToOneField(SurveyResponse, on_delete=models.PROTECT, related_name="reply")
    provider = models.ForeignKey("providers.Provider", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("reply"))
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        verbose_name = _("reply to a comment")
        verbose_name_plural = _("replies to comments")

    def __str__(self) -> str:
        return f"reply {self.response_id}"


class JobChange(models.TextChoices):
    NEW_JOB = "new_job", _("I have a new job")
    PROMOTION = "promotion", _("I was promoted or given new duties")
    SAME = "same", _("I work where I did, nothing changed")
    NOT_WORKING = "not_working", _("I am not working")


SKILLS_USE_CHOICES = [
    (1, _("1 (never)")),
    (2, _("2 (rarely)")),
    (3, _("3 (sometimes)")),
    (4, _("4 (often)")),
    (5, _("5 (every day)")),
]


class OutcomeResponse(models.Model):
    """One anonymous answer to the outcome survey: the service, its provider and category, the
    month, and what came of it. Nothing leads back to the person or the booking."""

    card = models.ForeignKey("catalogue.ServiceCard", on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey("providers.Provider", on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey("catalogue.Category", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("month"))
    job_change = models.CharField(_("change in work"), max_length=12, choices=JobChange.choices)
    skills_use = models.PositiveSmallIntegerField(_("use of the new skills"), choices=SKILLS_USE_CHOICES)
    qualification = models.BooleanField(_("certificate or qualification obtained"))
    qualification_name = models.CharField(_("which certificate or qualification"), max_length=200, blank=True)
    recommend = models.PositiveSmallIntegerField(_("would recommend (0-10)"))

    class Meta:
        verbose_name = _("outcome survey response")
        verbose_name_plural = _("outcome survey responses")
        constraints = [
            models.CheckConstraint(
                condition=Q(job_change__in=JobChange.values), name="evaluations_outcome_job_change_valid"
            ),
            models.CheckConstraint(
                condition=Q(skills_use__gte=1, skills_use__lte=5), name="evaluations_outcome_skills_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(recommend__lte=10), name="evaluations_outcome_recommend_0_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.card_id} {self.month:%Y-%m}"


class OutcomeInvitation(models.Model):
    """A participant's invitation to the outcome survey of one completed booking: when it was
    sent, the reminders, until when it is open and whether it was answered (the day, not the
    answers). Open while unanswered and not past ``closes_on``: no state of its own."""

    booking = models.OneToOneField(
        "vouchers.Booking", on_delete=models.PROTECT, related_name="outcome_invitation"
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="outcome_invitations"
    )
    rule_version = models.ForeignKey(
        "programmes.RuleVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("outcome survey rule applied"),
    )
    invited_on = models.DateField(_("invited on"))
    closes_on = models.DateField(_("open until"))
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_on = models.DateField(_("last reminder"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("outcome survey invitation")
        verbose_name_plural = _("outcome survey invitations")
        indexes = [models.Index(fields=["answered_on", "closes_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("invited_on")), name="evaluations_invitation_closes_after"
            )
        ]

    def __str__(self) -> str:
        return f"outcome survey {self.booking_id}"

    def is_open(self, today: date) -> bool:
        return self.answered_on is None and today <= self.closes_on
