"""The reports' part of a person's data export: their subscription to the report pack. The
figures themselves are about groups, never a person."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from .models import ReportSubscription


def reports_of(*, user: User) -> dict[str, Any]:
    found = ReportSubscription.objects.filter(user=user).first()
    return {
        "subscription": None if found is None else field_values(found, "cadence", "last_sent", "created_at")
    }


def reports_rows(*, user: User) -> list[Model]:
    return list(ReportSubscription.objects.filter(user=user))


def personal_data_register() -> None:
    """Called from ``ReportsConfig.ready()``."""
    personal_data.register(
        "reports",
        title=_("Reports"),
        collect=reports_of,
        models=["reports.ReportSubscription"],
        labels={"subscription": _("Subscription to the report pack")},
        order=95,
    )
    personal_data.register_owned_rows(reports_rows)
