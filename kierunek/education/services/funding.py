"""Services of the funding sources: the Metropolis keeps the entries, people subscribe to alerts,
the daily run mails fitting new calls and approaching deadlines, and each gmina keeps its
teacher-development budget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.audit import audit_record
from kierunek.core.money import Money
from kierunek.core.notify import notify, site_link
from kierunek.core.permissions import require_role
from kierunek.geo.domain import search_key
from kierunek.geo.models import Gmina

from .. import domain_funding as rules
from ..audit_actions_edua import (
    BUDGET_SAVED,
    BUDGET_SPENDING_RECORDED,
    FUNDING_ALERT_SENT,
    FUNDING_SOURCE_SAVED,
    FUNDING_SUBSCRIPTION_SAVED,
)
from ..models_funding import (
    AlertKind,
    BudgetLine,
    BudgetSpending,
    DevelopmentBudget,
    DevelopmentForm,
    FundingAlert,
    FundingSource,
    FundingSubscription,
)
from ..selectors import gmina_of_staff

SUBSCRIBER_ROLES = (Role.TEACHER, Role.SCHOOL_DIRECTOR, Role.GMINA_STAFF, Role.METROPOLIS_STAFF)


@dataclass(frozen=True)
class FundingSourceData:
    funder: str
    programme: str
    title: str
    purposes: tuple[str, ...]
    applicants: tuple[str, ...]
    description: str = ""
    amount_min: int | None = None
    amount_max: int | None = None
    cofinancing_percent: int = 100
    opens_on: date | None = None
    deadline: date | None = None
    url: str = ""


def _source_fields(data: FundingSourceData) -> dict[str, object]:
    errors: dict[str, str] = {}
    for name in ("funder", "programme", "title"):
        if not getattr(data, name).strip():
            errors[name] = _("This field is required.")
    if not data.purposes or set(data.purposes) - set(rules.PURPOSES):
        errors["purposes"] = _("Choose what the call pays for.")
    if not data.applicants or set(data.applicants) - set(rules.APPLICANTS):
        errors["applicants"] = _("Choose who may apply.")
    if not 1 <= data.cofinancing_percent <= 100:
        errors["cofinancing_percent"] = _("Between 1 and 100 per cent.")
    if data.amount_min is not None and data.amount_min < 0:
        errors["amount_min"] = _("An amount cannot be negative.")
    if data.amount_min is not None and data.amount_max is not None and data.amount_max < data.amount_min:
        errors["amount_max"] = _("The largest grant cannot be smaller than the smallest.")
    if data.opens_on and data.deadline and data.deadline < data.opens_on:
        errors["deadline"] = _("The deadline cannot come before the call opens.")
    if errors:
        raise ValidationError(errors)
    text = " ".join([data.funder, data.programme, data.title, data.description])
    return {
        "funder": data.funder.strip(),
        "programme": data.programme.strip(),
        "title": data.title.strip(),
        "description": data.description.strip(),
        **{f"pays_{p}": p in data.purposes for p in rules.PURPOSES},
        **{f"for_{a}": a in data.applicants for a in rules.APPLICANTS},
        "amount_min": data.amount_min,
        "amount_max": data.amount_max,
        "cofinancing_percent": data.cofinancing_percent,
        "opens_on": data.opens_on,
        "deadline": data.deadline,
        "url": data.url.strip(),
        "search_text": search_key(text),
    }


def funding_source_create(*, actor: Actor, data: FundingSourceData, is_demo: bool = False) -> FundingSource:
    """A new call in the database. Subscribers it fits hear of it in the next daily run."""
    require_role(actor, Role.METROPOLIS_STAFF)
    fields = _source_fields(data)
    with transaction.atomic():
        source = FundingSource.objects.create(created_by=actor.user, is_demo=is_demo, **fields)
        audit_record(action=FUNDING_SOURCE_SAVED, actor=actor, obj=source, details={"title": source.title})
    return source


def funding_source_update(*, actor: Actor, source_id: int, data: FundingSourceData) -> FundingSource:
    require_role(actor, Role.METROPOLIS_STAFF)
    fields = _source_fields(data)
    with transaction.atomic():
        source = FundingSource.objects.select_for_update().get(pk=source_id)
        for name, value in fields.items():
            setattr(source, name, value)
        source.save()
        audit_record(action=FUNDING_SOURCE_SAVED, actor=actor, obj=source, details={"title": source.title})
    return source


def funding_subscription_save(
    *, actor: Actor, purposes: list[str], active: bool = True
) -> FundingSubscription:
    """Subscribe (or change or stop) the person's alerts. Who they may apply as follows from their
    role; the purposes narrow the calls (none: all)."""
    require_role(actor, *SUBSCRIBER_ROLES)
    unknown = set(purposes) - set(rules.PURPOSES)
    if unknown:
        raise ValidationError({"purposes": _("Choose one of the options.")})
    with transaction.atomic():
        subscription, _created = FundingSubscription.objects.select_for_update().get_or_create(
            user=actor.user
        )
        subscription.purposes = " ".join(p for p in rules.PURPOSES if p in purposes)
        subscription.active = active
        subscription.save(update_fields=["purposes", "active"])
        audit_record(
            action=FUNDING_SUBSCRIPTION_SAVED,
            actor=actor,
            obj=subscription,
            details={"purposes": subscription.purposes, "active": active},
        )
    return subscription


def _profile(subscription: FundingSubscription) -> rules.Profile:
    return rules.Profile(
        applicants=rules.applicants_for_role(subscription.user.role),
        purposes=frozenset(subscription.purpose_list),
    )


def _alert(subscription: FundingSubscription, source: FundingSource, kind: str, actor: Actor) -> bool:
    """Record and mail one alert, unless it was sent already (the unique row decides)."""
    with transaction.atomic():
        alert, created = FundingAlert.objects.get_or_create(
            subscription=subscription, source=source, kind=kind
        )
        if not created:
            return False
        new = kind == AlertKind.NEW_CALL
        notify(
            recipients=[subscription.user],
            subject=gettext_noop("A new funding call for you")
            if new
            else gettext_noop("A funding deadline is near"),
            template="education/funding/email/new_call.txt"
            if new
            else "education/funding/email/deadline.txt",
            context={
                "source": source,
                "link": site_link(reverse("education:funding_source", args=[source.pk])),
                "subscription_link": site_link(reverse("education:funding_subscription")),
            },
        )
        audit_record(action=FUNDING_ALERT_SENT, actor=actor, obj=alert, details={"kind": kind})
    return True


def funding_alerts_send(*, today: date | None = None) -> int:
    """The daily run: every active subscriber gets one e-mail per call added since they subscribed
    that fits their profile and is not closed, and one when a fitting open call's deadline is
    within :data:`~kierunek.education.domain_funding.DEADLINE_WARNING_DAYS`. A second run the same
    day sends nothing. Returns the number of e-mails."""
    day = today or timezone.localdate()
    actor = SYSTEM
    sent = 0
    subscriptions = FundingSubscription.objects.filter(active=True, user__is_active=True).select_related(
        "user"
    )
    sources = list(FundingSource.objects.filter(withdrawn=False))
    for subscription in subscriptions:
        profile = _profile(subscription)
        for source in sources:
            if not rules.fits(profile, applicants=source.applicants, purposes=source.purposes):
                continue
            state = source.state(day)
            if state != rules.CLOSED and source.created_at >= subscription.created_at:
                sent += _alert(subscription, source, AlertKind.NEW_CALL, actor)
            if state == rules.OPEN and rules.deadline_near(deadline=source.deadline, today=day):
                sent += _alert(subscription, source, AlertKind.DEADLINE, actor)
    return sent


def _own_gmina(actor: Actor) -> Gmina:
    require_role(actor, Role.GMINA_STAFF)
    gmina = gmina_of_staff(user=actor.user)
    if gmina is None:
        raise PermissionDenied(_("Your account is not linked to a gmina."))
    return gmina


def budget_save(
    *, actor: Actor, year: int, planned_salaries: int, planned_amount: int, lines: dict[str, int]
) -> DevelopmentBudget:
    """The gmina's plan for the year: refused below the legal minimum (0.8 % of the planned
    salaries, Karta Nauczyciela art. 70a) or when the forms add up to more than the plan."""
    gmina = _own_gmina(actor)
    if planned_salaries < 0 or planned_amount < 0 or any(v < 0 for v in lines.values()):
        raise ValidationError(_("An amount cannot be negative."))
    if set(lines) - set(DevelopmentForm.values):
        raise ValidationError(_("Choose one of the options."))
    if not rules.budget_meets_minimum(planned_salaries=planned_salaries, planned_amount=planned_amount):
        minimum = rules.budget_minimum(planned_salaries)
        raise ValidationError(
            {
                "planned_amount": _(
                    "By law the gmina plans at least 0.8%% of the teachers' planned salaries "
                    "for their development: at least %(minimum)s."
                )
                % {"minimum": Money(minimum).format()}
            }
        )
    if sum(lines.values()) > planned_amount:
        raise ValidationError(_("The forms add up to more than the amount planned."))
    with transaction.atomic():
        budget, _created = DevelopmentBudget.objects.select_for_update().get_or_create(
            gmina=gmina,
            year=year,
            defaults={"planned_salaries": planned_salaries, "planned_amount": planned_amount},
        )
        budget.planned_salaries = planned_salaries
        budget.planned_amount = planned_amount
        budget.save(update_fields=["planned_salaries", "planned_amount"])
        for form, planned in lines.items():
            BudgetLine.objects.update_or_create(budget=budget, form=form, defaults={"planned": planned})
        audit_record(
            action=BUDGET_SAVED,
            actor=actor,
            obj=budget,
            details={"year": year, "planned_amount": planned_amount, "planned_salaries": planned_salaries},
        )
    return budget


def budget_spending_record(
    *, actor: Actor, year: int, form: str, amount: int, spent_on: date, description: str
) -> BudgetSpending:
    """An amount the gmina spent on a form of development, from the year's budget."""
    gmina = _own_gmina(actor)
    if form not in DevelopmentForm.values:
        raise ValidationError({"form": _("Choose one of the options.")})
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    if not description.strip():
        raise ValidationError({"description": _("This field is required.")})
    with transaction.atomic():
        budget = DevelopmentBudget.objects.select_for_update().filter(gmina=gmina, year=year).first()
        if budget is None:
            raise ValidationError(_("Plan the year's budget first."))
        if spent_on.year != year:
            raise ValidationError({"spent_on": _("The date must fall in the budget's year.")})
        spending = BudgetSpending.objects.create(
            budget=budget,
            form=form,
            amount=amount,
            spent_on=spent_on,
            description=description.strip(),
            recorded_by=actor.user,
        )
        audit_record(
            action=BUDGET_SPENDING_RECORDED,
            actor=actor,
            obj=spending,
            details={"form": form, "amount": amount},
        )
    return spending
