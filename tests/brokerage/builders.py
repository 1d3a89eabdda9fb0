"""Builders for the brokerage tests: a broker, a participant with vouchers, a mandate."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.brokerage import services
from kierunek.core.actor import Actor
from tests.accounts.factories import StaffUserFactory
from tests.vouchers import builders as vb


def broker(**kwargs):
    return StaffUserFactory(role=Role.BROKER, **kwargs)


def mandate(participant, agent, *, days: int = 90, **scope):
    terms = {"propose": False, "book": False, "portfolio": False, "book_without_confirmation": False}
    terms.update(scope)
    return services.mandate_grant(
        actor=Actor.of(participant),
        broker_id=agent.pk,
        valid_until=timezone.localdate() + timedelta(days=days),
        **terms,
    )


def participant_with_vouchers():
    account = vb.issued_account()
    return account.participant, account
