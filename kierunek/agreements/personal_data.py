"""Agreements in a person's data export: each participation agreement and annex of theirs, with
the version it was made from, what was agreed, the PDF's SHA-256, the acceptance (time, address,
factor) and the history (staff by role only). A provider's agreement is the organisation's, not a
person's. Left out: the one-time codes (a keyed hash that authenticates, says nothing) and the
office's template versions (documents of the office; who saved one is staff)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import actor_of, field_values, roles_of

from . import domain
from .models import Agreement, AgreementKind, AgreementStatus, Factor


def agreements_of(*, user: User) -> list[dict[str, Any]]:
    agreements = list(
        Agreement.objects.filter(participant=user, kind__in=domain.PARTICIPANT_KINDS)
        .select_related("version", "programme", "parent")
        .prefetch_related("events")
        .defer("pdf")
        .order_by("generated_at", "pk")
    )
    roles = roles_of(e.actor_id for a in agreements for e in a.events.all())
    return [
        {
            "number": a.number,
            "programme": a.programme.name,
            "template": f"{a.version.title} v{a.version.number}",
            "changes": a.parent.number if a.parent else None,
            **field_values(
                a,
                "kind",
                "status",
                "packages",
                "generated_at",
                "pdf_sha256",
                "accepted_at",
                "accepted_ip",
                "accepted_factor",
                "countersigned_at",
            ),
            "text": a.text,
            "history": [
                {
                    "from": e.status_from,
                    "to": e.status_to,
                    "at": e.occurred_at.isoformat(),
                    "by": actor_of(e.actor_id, user=user, roles=roles),
                }
                for e in a.events.all()
            ],
        }
        for a in agreements
    ]


def agreement_rows(*, user: User) -> list[Model]:
    return list(Agreement.objects.filter(participant=user).defer("pdf"))


def personal_data_register() -> None:
    """Called from ``AgreementsConfig.ready()``."""
    statuses = dict(AgreementStatus.choices)
    personal_data.register(
        "agreements",
        title=_("Agreements"),
        collect=agreements_of,
        models=["agreements.Agreement", "agreements.AgreementEvent"],
        labels={
            "number": _("Number"),
            "template": _("Template version"),
            "changes": _("Annex to"),
            "text": _("Text"),
        },
        choices={
            "from": statuses,
            "to": statuses,
            "status": statuses,
            "kind": dict(AgreementKind.choices),
            "accepted_factor": dict(Factor.choices),
        },
        order=55,
    )
    personal_data.register_owned_rows(agreement_rows)
    personal_data.exclude(
        "agreements.SigningCode", reason="a one-time code's keyed hash: it authenticates, it says nothing"
    )
    personal_data.exclude(
        "agreements.TemplateVersion", reason="the office's document; the officer who saved it is staff"
    )
