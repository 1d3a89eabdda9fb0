"""The funding alerts' and the materials library's part of a person's data export: their alert
subscription with the alerts sent, and the materials they shared. What staff do for their
institution (entries of calls, activities published, bookings for a school, a gmina's spending,
versions of the guidelines) is the institution's record, not the person's."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from .models_funding import FundingAlert, FundingSubscription
from .models_materials import Material, MaterialStatus

INSTITUTION_WORK = (
    "work a member of staff does for their institution (the Metropolis, a gmina, a school or a "
    "partner); the person is kept as its author, and the audit log gives them what they did"
)


def funding_and_materials_of(*, user: User) -> dict[str, Any]:
    subscription = FundingSubscription.objects.filter(user=user).first()
    alerts = (
        FundingAlert.objects.filter(subscription=subscription).select_related("source").order_by("sent_at")
        if subscription
        else []
    )
    return {
        "funding_subscription": [field_values(subscription, "purposes", "active", "created_at")]
        if subscription
        else [],
        "funding_alerts": [{**field_values(a, "kind", "sent_at"), "source": a.source.title} for a in alerts],
        "materials": [
            field_values(m, "title", "status", "licence", "created_at", "downloads")
            for m in Material.objects.filter(uploaded_by=user).order_by("created_at", "pk")
        ],
    }


def funding_and_materials_rows(*, user: User) -> list[Model]:
    rows: list[Model] = list(FundingSubscription.objects.filter(user=user))
    rows += list(Material.objects.filter(uploaded_by=user))
    return rows


def personal_data_register() -> None:
    """Called from ``EducationConfig.ready()``."""
    personal_data.register(
        "education_funding_materials",
        title=_("Funding alerts and shared materials"),
        collect=funding_and_materials_of,
        models=["education.FundingSubscription", "education.FundingAlert", "education.Material"],
        labels={
            "funding_subscription": _("Funding alerts"),
            "funding_alerts": _("Funding alerts sent"),
            "materials": _("Educational materials shared"),
        },
        choices={"status": dict(MaterialStatus.choices)},
        order=91,
    )
    personal_data.register_owned_rows(funding_and_materials_rows)
    for model in (
        "education.FundingSource",
        "education.CareerActivity",
        "education.CareerBooking",
        "education.BudgetSpending",
        "education.GuidelinesVersion",
    ):
        personal_data.exclude(model, reason=INSTITUTION_WORK)
