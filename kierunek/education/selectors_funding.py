"""Reads of the funding sources and the gminas' teacher-development budgets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from kierunek.accounts.models import User
from kierunek.core.collation import polish_sorted
from kierunek.geo.domain import search_key
from kierunek.geo.models import Gmina

from . import domain_funding as rules
from .models_funding import (
    BudgetLine,
    BudgetSpending,
    DevelopmentBudget,
    DevelopmentForm,
    FundingSource,
    FundingSubscription,
)

PAGE_SIZE = 50


@dataclass(frozen=True)
class FundingFilters:
    q: str = ""
    purpose: str = ""
    applicant: str = ""
    state: str = ""  # "" (open and upcoming), "open", "upcoming", "closed", "all"


def funding_search(filters: FundingFilters, *, today: date | None = None) -> list[FundingSource]:
    """Calls matching the words (diacritics and case folded), the purpose, the applicant and the
    state; by deadline, the nearest first, calls without a deadline last."""
    day = today or timezone.localdate()
    sources: QuerySet[FundingSource] = FundingSource.objects.filter(withdrawn=False)
    for word in search_key(filters.q).split():
        sources = sources.filter(search_text__contains=word)
    if filters.purpose in rules.PURPOSES:
        sources = sources.filter(**{f"pays_{filters.purpose}": True})
    if filters.applicant in rules.APPLICANTS:
        sources = sources.filter(**{f"for_{filters.applicant}": True})
    if filters.state in ("", rules.OPEN, rules.UPCOMING):
        sources = sources.filter(Q(deadline__isnull=True) | Q(deadline__gte=day))
    if filters.state == rules.OPEN:
        sources = sources.filter(Q(opens_on__isnull=True) | Q(opens_on__lte=day))
    elif filters.state == rules.UPCOMING:
        sources = sources.filter(opens_on__gt=day)
    elif filters.state == rules.CLOSED:
        sources = sources.filter(deadline__lt=day)
    found = list(sources.order_by("deadline", "pk"))
    return sorted(found, key=lambda s: (s.deadline is None, s.deadline or day, s.pk))


def funding_source(source_id: int) -> FundingSource:
    return FundingSource.objects.get(pk=source_id, withdrawn=False)


def funding_subscription_of(*, user: User) -> FundingSubscription | None:
    return getattr(user, "funding_subscription", None) if user.is_authenticated else None


@dataclass(frozen=True)
class FormRow:
    form: str
    label: str
    planned: int
    spent: int

    @property
    def left(self) -> int:
        return self.planned - self.spent


@dataclass(frozen=True)
class BudgetView:
    budget: DevelopmentBudget
    rows: list[FormRow]
    spent: int
    share_per_mille: float | None

    @property
    def unallocated(self) -> int:
        return self.budget.planned_amount - sum(r.planned for r in self.rows)


def budget_of(*, gmina: Gmina, year: int) -> BudgetView | None:
    """The gmina's budget of the year with planned against spent by form (every form that has a
    plan or a spending)."""
    budget = DevelopmentBudget.objects.filter(gmina=gmina, year=year).select_related("gmina").first()
    if budget is None:
        return None
    planned = dict(BudgetLine.objects.filter(budget=budget).values_list("form", "planned"))
    spent = dict(
        BudgetSpending.objects.filter(budget=budget)
        .values("form")
        .annotate(total=Sum("amount"))
        .values_list("form", "total")
    )
    rows = [
        FormRow(form=value, label=str(label), planned=planned.get(value, 0), spent=spent.get(value, 0))
        for value, label in DevelopmentForm.choices
        if value in planned or value in spent
    ]
    return BudgetView(
        budget=budget,
        rows=rows,
        spent=sum(spent.values()),
        share_per_mille=rules.share_per_mille(
            planned_salaries=budget.planned_salaries, planned_amount=budget.planned_amount
        ),
    )


def spending_of(*, gmina: Gmina, year: int) -> list[BudgetSpending]:
    return list(
        BudgetSpending.objects.filter(budget__gmina=gmina, budget__year=year).order_by("-spent_on", "-pk")
    )


def budgets_of_year(*, year: int) -> list[BudgetView]:
    """Every gmina's budget of the year (for the Metropolis), gminas in Polish order."""
    views = [
        v
        for b in DevelopmentBudget.objects.filter(year=year).select_related("gmina")
        if (v := budget_of(gmina=b.gmina, year=year)) is not None
    ]
    return polish_sorted(views, key=lambda v: v.budget.gmina.name)
