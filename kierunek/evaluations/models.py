"""Anonymous evaluations of services. A response keeps the service, its provider, the scores and the
comment, and the month it was given: nothing that leads back to the participant or the booking
(the booking only records that it was evaluated)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SCORE_FIELDS = ("content", "trainer", "organisation", "usefulness")
# Averages are shown (to the provider and on the public card) from this many responses on: with
# fewer, an average would be one person's scores, and the provider knows who attended.
MIN_RESPONSES_SHOWN = 3


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

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__gte": 1}) & Q(**{f"{name}__lte": 5}),
                name=f"evaluations_{name}_1_to_5",
            )
            for name in SCORE_FIELDS
        ]

    def __str__(self) -> str:
        return f"{self.card_id} {self.month:%Y-%m}"

    @property
    def average(self) -> float:
        return sum(getattr(self, name) for name in SCORE_FIELDS) / len(SCORE_FIELDS)
