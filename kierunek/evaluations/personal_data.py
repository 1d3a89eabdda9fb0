"""Evaluations and a person's data export.

A survey response (``SurveyResponse``) and an outcome-survey answer (``OutcomeResponse``) are
anonymous by design: they keep the service, the provider, the scores or answers and the month, and
nothing that leads back to the person or the booking. Data that cannot be linked to a person is not
their personal data (GDPR recital 26), and the platform could only put a response in someone's
export by linking it to them, which would break the promise made when they answered. What the
export does hold is the fact that the person evaluated a booking, and when (``evaluated_at`` on each
booking, exported by vouchers), and their invitations to the outcome survey: when they were
invited and reminded, until when it was open and the day they answered (never the answers)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from .models import OutcomeInvitation


def outcome_invitations_of(*, user: User) -> list[dict[str, Any]]:
    return [
        {
            "service": invitation.booking.card.title,
            "booking": invitation.booking_id,
            **field_values(
                invitation, "invited_on", "reminders_sent", "last_reminded_on", "closes_on", "answered_on"
            ),
        }
        for invitation in OutcomeInvitation.objects.filter(participant=user)
        .select_related("booking__card")
        .order_by("invited_on", "pk")
    ]


def evaluation_rows(*, user: User) -> list[Model]:
    return list(OutcomeInvitation.objects.filter(participant=user))


def personal_data_register() -> None:
    """Called from ``EvaluationsConfig.ready()``."""
    personal_data.register(
        "outcome_survey_invitations",
        title=_("Invitations to the outcome survey"),
        collect=outcome_invitations_of,
        models=["evaluations.OutcomeInvitation"],
        labels={"service": _("Service"), "booking": _("Booking")},
        order=75,
    )
    personal_data.register_owned_rows(evaluation_rows)
    anonymous = (
        "Anonymous by design: nothing links a response to a person, so it is no one's personal data; {where}"
    )
    personal_data.exclude(
        "evaluations.SurveyResponse",
        reason=anonymous.format(where="the booking records that, and when, the person evaluated it."),
    )
    personal_data.exclude(
        "evaluations.OutcomeResponse",
        reason=anonymous.format(
            where="the person's OutcomeInvitation, exported, records the day they answered."
        ),
    )
    personal_data.exclude(
        "evaluations.CommentReply",
        reason="The provider's public reply to a comment, published under the provider's name: the "
        "organisation's record; the user it points at is the staff member who wrote it for the provider.",
    )
