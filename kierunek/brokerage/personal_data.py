"""Brokerage in a person's data export: the mandates they gave (and the acts done under them),
the proposals made to them, and their assisted registration (the consent file is named, the
broker appears by role). A broker's own rows as a broker are their work, listed too."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from .models import ActKind, AssistedRegistration, Mandate, MandateAct, Proposal, ProposalStatus


def brokerage_of(*, user: User) -> dict[str, Any]:
    mandates = Mandate.objects.filter(Q(participant=user) | Q(broker=user)).order_by("pk")
    return {
        "mandates": [
            {
                **field_values(
                    m,
                    "propose",
                    "book",
                    "book_without_confirmation",
                    "portfolio",
                    "valid_from",
                    "valid_until",
                    "granted_at",
                    "revoked_at",
                ),
                "as": "participant" if m.participant_id == user.pk else "broker",
                "acts": [
                    {"kind": a.kind, "at": a.occurred_at.isoformat(), "description": a.description}
                    for a in m.acts.order_by("pk")
                ],
            }
            for m in mandates
        ],
        "proposals": [
            {**field_values(p, "note", "status", "created_at"), "service": p.card.title}
            for p in Proposal.objects.filter(participant=user).select_related("card").order_by("pk")
        ],
        "registration": [
            field_values(r, "registered_at", "letters_printed", "letter_printed_at", "password_changed_at")
            for r in AssistedRegistration.objects.filter(Q(person=user) | Q(broker=user)).order_by("pk")
        ],
    }


def brokerage_rows(*, user: User) -> list[Model]:
    rows: list[Model] = list(Mandate.objects.filter(Q(participant=user) | Q(broker=user)))
    rows += list(MandateAct.objects.filter(Q(mandate__participant=user) | Q(mandate__broker=user)))
    rows += list(Proposal.objects.filter(participant=user))
    rows += list(AssistedRegistration.objects.filter(Q(person=user) | Q(broker=user)))
    return rows


def personal_data_register() -> None:
    """Called from ``BrokerageConfig.ready()``."""
    personal_data.register(
        "brokerage",
        title=_("Brokers acting for you"),
        collect=brokerage_of,
        models=[
            "brokerage.Mandate",
            "brokerage.MandateAct",
            "brokerage.Proposal",
            "brokerage.AssistedRegistration",
        ],
        labels={
            "mandates": _("Mandates"),
            "as": _("As"),
            "acts": _("Acts under the mandate"),
            "proposals": _("Proposals"),
            "service": _("Service"),
            "registration": _("Assisted registration"),
        },
        choices={"kind": dict(ActKind.choices), "status": dict(ProposalStatus.choices)},
        order=85,
    )
    personal_data.register_owned_rows(brokerage_rows)
    personal_data.exclude(
        "brokerage.SignalThreshold",
        reason="a threshold names the officer who set it as staff at work, not as a person served",
    )
