"""Blocks of the guidance context on the dashboards: ``{% load guidance %}``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.utils import timezone

from kierunek.accounts.models import Role

from .. import selectors

register = template.Library()


@register.inclusion_tag("guidance/participant/_dashboard.html", takes_context=True)
def participant_guidance_block(context: dict[str, Any]) -> dict[str, Any]:
    user = context["user"]
    balance = selectors.own_balance(participant=user) if user.role == Role.PARTICIPANT else None
    return {
        "appointment": selectors.future_appointment(participant=user),
        "balance": balance,
        "plan": balance.plan if balance else None,
    }


@register.inclusion_tag("guidance/advisor/_dashboard.html", takes_context=True)
def advisor_guidance_block(context: dict[str, Any]) -> dict[str, Any]:
    advisor = context["user"]
    now = timezone.now()
    upcoming = [
        slot
        for slot in selectors.advisor_calendar(advisor=advisor, start=now, end=now + timedelta(days=7))
        if slot.withdrawn_at is None and getattr(slot, "booked", None)
    ]
    return {"upcoming": upcoming[:10], "rows": selectors.advisor_participants(advisor=advisor, now=now)}
