"""Pages of the funding sources: the public search and a call's page; the subscription to alerts;
the Metropolis' list and form of entries; a gmina's teacher-development budget, and every gmina's
for the Metropolis."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import form_saved, submit
from kierunek.core.permissions import role_required
from kierunek.geo.models import Gmina

from .. import domain_funding as rules
from ..forms_funding import BudgetForm, FundingSearchForm, FundingSourceForm, SpendingForm, SubscriptionForm
from ..models_funding import APPLICANT_LABELS, DevelopmentBudget, FundingSource
from ..selectors import gmina_of_staff
from ..selectors_funding import (
    FundingFilters,
    budget_of,
    budgets_of_year,
    funding_search,
    funding_subscription_of,
    spending_of,
)
from ..selectors_funding import (
    funding_source as funding_source_get,
)
from ..services import funding as services
from ..services.funding import SUBSCRIBER_ROLES


def search(request: HttpRequest) -> HttpResponse:
    form = FundingSearchForm(request.GET or None)
    filters = FundingFilters()
    if form.is_bound and form.is_valid():
        filters = FundingFilters(**form.cleaned_data)
    sources = funding_search(filters)
    return render(
        request,
        "education/funding/search.html",
        {"form": form, "sources": sources, "filters": filters, "subscriber_roles": SUBSCRIBER_ROLES},
    )


def source(request: HttpRequest, source_id: int) -> HttpResponse:
    try:
        found = funding_source_get(source_id)
    except FundingSource.DoesNotExist:
        raise Http404 from None
    return render(request, "education/funding/source.html", {"source": found})


@role_required(*SUBSCRIBER_ROLES)
def subscription(request: HttpRequest) -> HttpResponse:
    current = funding_subscription_of(user=request.user)  # type: ignore[arg-type]
    initial = {"purposes": current.purpose_list, "active": current.active} if current else {"active": True}
    form = SubscriptionForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.funding_subscription_save(
            actor=actor_from_request(request), purposes=data["purposes"], active=data["active"]
        ),
        success=_("Your funding alerts are saved."),
        done="education:funding_subscription",
    )
    if done:
        return done
    return render(
        request,
        "education/funding/subscription.html",
        {
            "form": form,
            "subscription": current,
            "applicants": [
                str(APPLICANT_LABELS[a])
                for a in rules.APPLICANTS
                if a in rules.applicants_for_role(request.user.role)  # type: ignore[union-attr]
            ],
        },
    )


def _source_data(data: dict[str, Any]) -> services.FundingSourceData:
    return services.FundingSourceData(
        funder=data["funder"],
        programme=data["programme"],
        title=data["title"],
        description=data["description"],
        purposes=tuple(data["purposes"]),
        applicants=tuple(data["applicants"]),
        amount_min=data["amount_min"],
        amount_max=data["amount_max"],
        cofinancing_percent=data["cofinancing_percent"],
        opens_on=data["opens_on"],
        deadline=data["deadline"],
        url=data["url"],
    )


@role_required(Role.METROPOLIS_STAFF)
def office(request: HttpRequest) -> HttpResponse:
    """The Metropolis' entries (every call, closed ones too) and the form of a new one."""
    form = FundingSourceForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.funding_source_create(
            actor=actor_from_request(request), data=_source_data(data)
        ),
        success=_("The funding source is added; subscribers it fits hear of it tomorrow morning."),
        done="education:funding_office",
    )
    if done:
        return done
    sources = funding_search(FundingFilters(state="all"))
    return render(request, "education/funding/office.html", {"form": form, "sources": sources})


@role_required(Role.METROPOLIS_STAFF)
def office_edit(request: HttpRequest, source_id: int) -> HttpResponse:
    try:
        found = FundingSource.objects.get(pk=source_id)
    except FundingSource.DoesNotExist:
        raise Http404 from None
    initial = {
        "funder": found.funder,
        "programme": found.programme,
        "title": found.title,
        "description": found.description,
        "purposes": found.purposes,
        "applicants": found.applicants,
        "amount_min": "" if found.amount_min is None else f"{found.amount_min / 100:.2f}".replace(".", ","),
        "amount_max": "" if found.amount_max is None else f"{found.amount_max / 100:.2f}".replace(".", ","),
        "cofinancing_percent": found.cofinancing_percent,
        "opens_on": found.opens_on,
        "deadline": found.deadline,
        "url": found.url,
    }
    form = FundingSourceForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.funding_source_update(
            actor=actor_from_request(request), source_id=found.pk, data=_source_data(data)
        ),
        success=_("The funding source is saved."),
        done="education:funding_office",
    )
    if done:
        return done
    return render(request, "education/funding/office_edit.html", {"form": form, "source": found})


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("rok", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _budget_initial(gmina: Gmina, year: int) -> dict[str, Any]:
    budget = DevelopmentBudget.objects.filter(gmina=gmina, year=year).first()
    if budget is None:
        return {}

    def zl(grosze: int) -> str:
        return f"{grosze / 100:.2f}".replace(".", ",")

    initial = {"planned_salaries": zl(budget.planned_salaries), "planned_amount": zl(budget.planned_amount)}
    for line in budget.lines.all():
        initial[f"line_{line.form}"] = zl(line.planned)
    return initial


@role_required(Role.GMINA_STAFF)
def budget(request: HttpRequest) -> HttpResponse:
    """The gmina's budget of a year: the plan (checked against the legal minimum) and planned
    against spent by form, with the spending and the form to record more."""
    gmina = gmina_of_staff(user=request.user)  # type: ignore[arg-type]
    if gmina is None:
        raise PermissionDenied
    year = _year(request)
    actor = actor_from_request(request)
    plan_form = BudgetForm(
        request.POST if request.POST.get("part") == "plan" else None, initial=_budget_initial(gmina, year)
    )
    spending_form = SpendingForm(request.POST if request.POST.get("part") == "spending" else None)
    if request.method == "POST":
        if request.POST.get("part") == "plan":
            saved, _plan = form_saved(
                request,
                plan_form,
                lambda data: services.budget_save(
                    actor=actor,
                    year=year,
                    planned_salaries=data["planned_salaries"],
                    planned_amount=data["planned_amount"],
                    lines=plan_form.lines(),
                ),
                success=_("The budget is saved."),
            )
        else:
            saved, _spending = form_saved(
                request,
                spending_form,
                lambda data: services.budget_spending_record(actor=actor, year=year, **data),
                success=_("The spending is recorded."),
            )
        if saved:
            return redirect(f"{request.path}?rok={year}")
    view = budget_of(gmina=gmina, year=year)
    return render(
        request,
        "education/funding/budget.html",
        {
            "gmina": gmina,
            "year": year,
            "years": [year - 1, year, year + 1],
            "view": view,
            "spending": spending_of(gmina=gmina, year=year),
            "plan_form": plan_form,
            "spending_form": spending_form,
        },
    )


@role_required(Role.METROPOLIS_STAFF)
def budgets(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    return render(
        request,
        "education/funding/budgets.html",
        {"year": year, "years": [year - 1, year, year + 1], "views": budgets_of_year(year=year)},
    )
