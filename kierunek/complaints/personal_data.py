"""Complaints in a person's data export: each complaint they filed from their account, with its
answer, decision and history (the staff who handled it by role only). A complaint filed without an
account is linked to no account, so it can be in no one's export; the status link e-mailed to the
complainant shows it to them. Left out: the status link's hash (it authenticates, says nothing)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import actor_of, field_values, roles_of

from .models import Complaint, ComplaintAbout, ComplaintStatus


def complaints_of(*, user: User) -> list[dict[str, Any]]:
    complaints = list(
        Complaint.objects.filter(complainant=user)
        .select_related("provider", "card")
        .prefetch_related("events")
        .order_by("created_at", "pk")
    )
    roles = roles_of(e.actor_id for c in complaints for e in c.events.all())
    return [
        {
            "number": c.number,
            "provider": c.provider.legal_name,
            "card": c.card.title if c.card else None,
            "booking": c.booking_id,
            **field_values(
                c,
                "about",
                "subject",
                "description",
                "status",
                "created_at",
                "decision_due",
                "answer_due",
                "answer",
                "answered_at",
                "decision_reason",
                "decided_at",
            ),
            "attachment": bool(c.attachment),
            "history": [
                {
                    "from": e.status_from,
                    "to": e.status_to,
                    "at": e.occurred_at.isoformat(),
                    "by": actor_of(e.actor_id, user=user, roles=roles),
                }
                for e in c.events.all()
            ],
        }
        for c in complaints
    ]


def complaint_rows(*, user: User) -> list[Model]:
    return list(Complaint.objects.filter(complainant=user))


def personal_data_register() -> None:
    """Called from ``ComplaintsConfig.ready()``."""
    statuses = dict(ComplaintStatus.choices)
    personal_data.register(
        "complaints",
        title=_("Complaints"),
        collect=complaints_of,
        models=["complaints.Complaint", "complaints.ComplaintEvent"],
        labels={"number": _("Number"), "attachment": _("Attachment sent")},
        choices={"from": statuses, "to": statuses, "about": dict(ComplaintAbout.choices)},
        order=70,
    )
    personal_data.register_owned_rows(complaint_rows)
