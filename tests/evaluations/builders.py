"""What the evaluations tests start from: a completed booking, the day its outcome survey is due,
anonymous responses of a card."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from kierunek.evaluations import domain
from kierunek.evaluations.models import CommentState, SurveyResponse
from kierunek.programmes.selectors import outcome_survey_rules_on
from kierunek.vouchers.models import Booking
from tests.vouchers import builders as b

SCORES = {"content": 4, "trainer": 4, "organisation": 4, "usefulness": 4}


def completed_booking(card=None) -> Booking:
    booking = b.completed(b.book(b.issued_account(), service=card))
    booking.refresh_from_db()
    return booking


def completed_on(booking: Booking) -> date:
    assert booking.reported_at is not None
    return timezone.localdate(booking.reported_at)


def due_day(booking: Booking) -> date:
    """The day the rule in force invites the booking's participant."""
    _version, rules = outcome_survey_rules_on(
        programme=booking.voucher_account.programme, day=completed_on(booking)
    )
    return domain.invite_on(rules, completed_on(booking))


def responses(
    card, n: int, *, scores=None, comment: str = "", state: str | None = None
) -> list[SurveyResponse]:
    if state is None:
        state = CommentState.PENDING if comment else CommentState.NONE
    return [
        SurveyResponse.objects.create(
            card=card,
            provider=card.provider,
            comment=comment,
            comment_state=state,
            month=timezone.localdate().replace(day=1),
            **(scores or SCORES),
        )
        for _ in range(n)
    ]
