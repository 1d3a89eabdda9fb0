"""Funding sources for education staff (the Metropolis' database of calls for training and advisory
undertakings), the subscriptions that warn of fitting calls and deadlines, and each gmina's own
teacher-development budget with what it was spent on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain_funding as rules

PURPOSE_LABELS = {
    "training": _("training"),
    "advisory": _("advisory"),
    "postgraduate": _("postgraduate studies"),
    "networks": _("networks of cooperation"),
    "materials": _("materials"),
}
APPLICANT_LABELS = {"gmina": _("gmina"), "school": _("school"), "teacher": _("teacher")}
STATE_LABELS = {rules.UPCOMING: _("upcoming"), rules.OPEN: _("open"), rules.CLOSED: _("closed")}


class FundingSource(models.Model):
    """One call of a funder's programme. Its state (upcoming, open, closed) follows from its dates;
    ``withdrawn`` hides a call the Metropolis took off the list."""

    funder = models.CharField(_("funder"), max_length=200)
    programme = models.CharField(_("programme"), max_length=300)
    title = models.CharField(_("call"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    pays_training = models.BooleanField(_("training"), default=False)
    pays_advisory = models.BooleanField(_("advisory"), default=False)
    pays_postgraduate = models.BooleanField(_("postgraduate studies"), default=False)
    pays_networks = models.BooleanField(_("networks of cooperation"), default=False)
    pays_materials = models.BooleanField(_("materials"), default=False)
    for_gmina = models.BooleanField(_("gminas may apply"), default=False)
    for_school = models.BooleanField(_("schools may apply"), default=False)
    for_teacher = models.BooleanField(_("teachers may apply"), default=False)
    amount_min = models.BigIntegerField(_("smallest grant (grosze)"), null=True, blank=True)
    amount_max = models.BigIntegerField(_("largest grant (grosze)"), null=True, blank=True)
    cofinancing_percent = models.PositiveSmallIntegerField(_("co-financing rate (%)"), default=100)
    opens_on = models.DateField(_("call opens"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="education_funding_title_set"),
            models.CheckConstraint(
                condition=models.Q(cofinancing_percent__gte=1, cofinancing_percent__lte=100),
                name="education_funding_rate_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_min__isnull=True) | models.Q(amount_min__gte=0),
                name="education_funding_min_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_min__isnull=True)
                | models.Q(amount_max__isnull=True)
                | models.Q(amount_max__gte=models.F("amount_min")),
                name="education_funding_max_over_min",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_on__isnull=True)
                | models.Q(deadline__isnull=True)
                | models.Q(deadline__gte=models.F("opens_on")),
                name="education_funding_deadline_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def purposes(self) -> list[str]:
        return [p for p in rules.PURPOSES if getattr(self, f"pays_{p}")]

    @property
    def applicants(self) -> list[str]:
        return [a for a in rules.APPLICANTS if getattr(self, f"for_{a}")]

    def purpose_labels(self) -> list[str]:
        return [str(PURPOSE_LABELS[p]) for p in self.purposes]

    def applicant_labels(self) -> list[str]:
        return [str(APPLICANT_LABELS[a]) for a in self.applicants]

    def state(self, today: object = None) -> str:
        return rules.call_state(
            opens_on=self.opens_on,
            deadline=self.deadline,
            today=today or timezone.localdate(),  # type: ignore[arg-type]
        )

    def state_label(self) -> str:
        return str(STATE_LABELS[self.state()])


class FundingSubscription(models.Model):
    """A person's wish to hear of new calls that fit them and of deadlines approaching. Who they
    may apply as follows from their role; ``purposes`` narrows the calls (empty: all)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funding_subscription"
    )
    purposes = models.CharField(_("purposes"), max_length=200, blank=True)  # space-separated
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("funding alert subscription")
        verbose_name_plural = _("funding alert subscriptions")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def purpose_list(self) -> list[str]:
        return [p for p in self.purposes.split() if p in rules.PURPOSES]


class AlertKind(models.TextChoices):
    NEW_CALL = "new_call", _("new call")
    DEADLINE = "deadline", _("deadline approaching")


class FundingAlert(models.Model):
    """An alert sent: one per subscription, call and kind, so a daily run never mails twice."""

    subscription = models.ForeignKey(FundingSubscription, on_delete=models.CASCADE, related_name="alerts")
    source = models.ForeignKey(FundingSource, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=10, choices=AlertKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "source", "kind"], name="education_alert_once"),
            models.CheckConstraint(
                condition=models.Q(kind__in=AlertKind.values), name="education_alert_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subscription} — {self.source} ({self.kind})"


class DevelopmentForm(models.TextChoices):
    """Forms of teacher development a gmina's budget pays for."""

    COURSES = "courses", _("trainings and courses")
    QUALIFYING = "qualifying", _("qualifying courses")
    POSTGRADUATE = "postgraduate", _("postgraduate studies")
    ADVISORY = "advisory", _("advisory and consultations")
    CONFERENCES = "conferences", _("conferences and seminars")
    NETWORKS = "networks", _("networks of cooperation and self-learning")
    OTHER = "other", _("other")


class DevelopmentBudget(models.Model):
    """A gmina's teacher-development budget for a year (Karta Nauczyciela art. 70a): the planned
    salaries of its teachers and the amount planned, at least 0.8 % of them."""

    gmina = models.ForeignKey("geo.Gmina", on_delete=models.PROTECT, related_name="development_budgets")
    year = models.PositiveSmallIntegerField(_("year"))
    planned_salaries = models.BigIntegerField(_("planned teacher salaries (grosze)"))
    planned_amount = models.BigIntegerField(_("planned for teacher development (grosze)"))
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("teacher-development budget")
        verbose_name_plural = _("teacher-development budgets")
        constraints = [
            models.UniqueConstraint(fields=["gmina", "year"], name="education_budget_once_a_year"),
            models.CheckConstraint(
                condition=models.Q(planned_salaries__gte=0, planned_amount__gte=0),
                name="education_budget_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gmina} {self.year}"

    @property
    def minimum(self) -> int:
        return rules.budget_minimum(self.planned_salaries)

    @property
    def meets_minimum(self) -> bool:
        return rules.budget_meets_minimum(
            planned_salaries=self.planned_salaries, planned_amount=self.planned_amount
        )


class BudgetLine(models.Model):
    """What the gmina plans to spend on one form of development."""

    budget = models.ForeignKey(DevelopmentBudget, on_delete=models.CASCADE, related_name="lines")
    form = models.CharField(_("form"), max_length=20, choices=DevelopmentForm.choices)
    planned = models.BigIntegerField(_("planned (grosze)"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["budget", "form"], name="education_budget_line_once"),
            models.CheckConstraint(condition=models.Q(planned__gte=0), name="education_budget_line_positive"),
            models.CheckConstraint(
                condition=models.Q(form__in=DevelopmentForm.values), name="education_budget_line_form_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget} {self.form}"


class BudgetSpending(models.Model):
    """An amount the gmina spent from the budget on one form of development."""

    budget = models.ForeignKey(DevelopmentBudget, on_delete=models.CASCADE, related_name="spending")
    form = models.CharField(_("form"), max_length=20, choices=DevelopmentForm.choices)
    amount = models.BigIntegerField(_("amount (grosze)"))
    spent_on = models.DateField(_("spent on"))
    description = models.CharField(_("what for"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="education_spending_positive"),
            models.CheckConstraint(
                condition=models.Q(form__in=DevelopmentForm.values), name="education_spending_form_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget} {self.form} {self.amount}"
