"""Events in a person's data export: each registration with its answers and consents, its
history, its check-in, its certificate and the person's answers to the event's survey (kept by the
survey engine, read through the events' selectors). Left out: the ticket code (it admits
the holder at the door, and says nothing about them); invitations are addresses the organiser
typed, exported with the registration they led to."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import actor_of, field_values, roles_of

from .models import AgeGroup, Attendance, EventKind, Gender, LabourStatus, Registration, RegistrationStatus
from .selectors import survey_answers_of


def registrations_of(*, user: User) -> list[dict[str, Any]]:
    registrations = list(
        Registration.objects.filter(person=user)
        .select_related("event", "certificate")
        .prefetch_related("changes", "places__session")
        .order_by("created_at", "pk")
    )
    roles = roles_of(
        [r.checked_in_by_id for r in registrations]
        + [c.actor_id for r in registrations for c in r.changes.all()]
    )
    answers = survey_answers_of(user=user, events={r.event for r in registrations})
    rows = []
    for r in registrations:
        certificate = getattr(r, "certificate", None)
        # a person answers once per event: with the registration that was checked in
        answer = answers.get(r.event_id) if r.attendance == Attendance.PRESENT else None
        rows.append(
            {
                "event": r.event.title,
                "event_kind": r.event.kind,
                "event_starts_at": r.event.starts_at.isoformat(),
                **field_values(
                    r,
                    "status",
                    "created_at",
                    "accessibility_needs",
                    "age_group",
                    "age_group_consent_at",
                    "gender",
                    "gender_consent_at",
                    "labour_status",
                    "labour_status_consent_at",
                    "waiting_since",
                    "offer_expires_at",
                    "attendance",
                    "checked_in_at",
                    "reminder_sent_at",
                ),
                "checked_in_by": actor_of(r.checked_in_by_id, user=user, roles=roles)
                if r.checked_in_by_id
                else None,
                "sessions": [p.session.title for p in r.places.all()],
                "certificate": certificate.code_display if certificate else None,
                "survey": answer,
                "history": [
                    {
                        "from": c.status_from,
                        "to": c.status_to,
                        "at": c.occurred_at.isoformat(),
                        "by": actor_of(c.actor_id, user=user, roles=roles),
                    }
                    for c in r.changes.all()
                ],
            }
        )
    return rows


def registration_rows(*, user: User) -> list[Model]:
    return list(Registration.objects.filter(person=user))


def personal_data_register() -> None:
    """Called from ``EventsConfig.ready()``."""
    statuses = dict(RegistrationStatus.choices)
    personal_data.register(
        "events",
        title=_("Events"),
        collect=registrations_of,
        models=[
            "events.Registration",
            "events.RegistrationChange",
            "events.SessionPlace",
            "events.Certificate",
        ],
        labels={
            "event": _("Event"),
            "event_kind": _("Type of event"),
            "event_starts_at": _("Event starts"),
            "checked_in_by": _("Checked in by"),
            "sessions": _("Sessions"),
            "certificate": _("Attendance certificate"),
            "survey": _("Survey"),
            "rating": _("Overall rating"),
            "useful": _("Useful"),
            "comment": _("Comment"),
        },
        choices={
            "status": statuses,
            "from": statuses,
            "to": statuses,
            "event_kind": dict(EventKind.choices),
            "attendance": dict(Attendance.choices),
            "age_group": dict(AgeGroup.choices),
            "gender": dict(Gender.choices),
            "labour_status": dict(LabourStatus.choices),
        },
        order=75,
    )
    personal_data.register_owned_rows(registration_rows)
    personal_data.exclude(
        "events.Event", reason="an event names its organiser as staff at work, not as a person served"
    )
    personal_data.exclude("events.Material", reason="a file staff attached to an event as part of their work")
