"""The demo of evaluations, seeded with the vouchers demo: the participant evaluates the bookings
they confirmed, so that some are ready to settle. Evaluations sits above vouchers, so this module
runs the vouchers demo and gives it the evaluation step, in place of the vouchers demo on its own
(``REPLACES``, read by the portal's seed_demo).

Then each role gets work in evaluations: the participants of the delivered services are invited to
the outcome survey at once (the demo cannot wait six months), one answers, so the officers'
overview shows the response rate and keeps the results hidden below the anonymity threshold (every
answer comes from an invitation it counts: no answers are made up, which would contradict the
rate); comments wait for moderation, two are published on a card for the provider to reply to;
and one provider's low ratings flag it for monitoring."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from django.utils import timezone

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.quality.models import CaseState, QualityMarkCase
from kierunek.vouchers import demo as vouchers_demo
from kierunek.vouchers.domain import COMPLETED, SETTLED
from kierunek.vouchers.models import Booking

from . import services
from .models import CommentState, JobChange, SurveyResponse

REPLACES = ("kierunek.vouchers.demo",)
SCORES = {"content": 5, "trainer": 5, "organisation": 4, "usefulness": 5}
GOOD = [
    (
        {"content": 5, "trainer": 5, "organisation": 5, "usefulness": 4},
        "Trener tłumaczył cierpliwie, dużo ćwiczeń.",
    ),
    ({"content": 4, "trainer": 5, "organisation": 4, "usefulness": 5}, "Przydało się od razu w pracy."),
    ({"content": 4, "trainer": 4, "organisation": 3, "usefulness": 4}, "Sala za mała, ale zajęcia dobre."),
]
POOR = [
    (
        {"content": 2, "trainer": 3, "organisation": 1, "usefulness": 2},
        "Zajęcia odwołane dwa razy bez uprzedzenia.",
    ),
    ({"content": 3, "trainer": 2, "organisation": 2, "usefulness": 2}, "Materiały nieaktualne."),
    ({"content": 2, "trainer": 2, "organisation": 2, "usefulness": 3}, ""),
]


def planned(size: str) -> int:
    return vouchers_demo.planned(size) + 1


def seed(*, size: str) -> Iterator[str]:
    yield from vouchers_demo.seed(size=size, evaluate=evaluate)
    yield _extras()


def evaluate(booking: Booking) -> None:
    """The participant's anonymous evaluation of a booking they confirmed."""
    services.evaluation_submit(
        booking_id=booking.pk,
        actor=Actor.of(booking.participant),
        scores=SCORES,
        comment="Konkretne zajęcia.",
    )


def _responses(
    booking: Booking, rows: list[tuple[dict[str, int], str]], month_ago: int
) -> list[SurveyResponse]:
    month = (timezone.localdate().replace(day=1) - timedelta(days=31 * month_ago)).replace(day=1)
    made = [
        SurveyResponse.objects.create(
            card_id=booking.card_id,
            provider_id=booking.provider_id,
            comment=comment,
            comment_state=CommentState.PENDING if comment else CommentState.NONE,
            month=month,
            **scores,
        )
        for scores, comment in rows
    ]
    services.card_rating_refresh(card_id=booking.card_id)
    return made


def _extras() -> str:
    delivered = list(
        Booking.objects.filter(
            idempotency_key__startswith=vouchers_demo.MARKER,
            status__in=(COMPLETED, SETTLED),
            evaluated_at__isnull=False,
        )
        .select_related("voucher_account__programme", "card", "participant")
        .order_by("pk")
    )
    officer = User.objects.filter(role=Role.OFFICER, is_active=True).order_by("pk").first()
    if (
        len(delivered) < 2
        or officer is None
        or SurveyResponse.objects.filter(comment__in=[c for _s, c in GOOD]).exists()
    ):
        return "skipped"
    today = timezone.localdate()
    invitations = [services.outcome_invite(booking=booking, today=today) for booking in delivered]
    # One participant has answered already; the others' invitations wait (the dashboard, the e-mail).
    answered = delivered[1]
    if invitations[1] is not None:
        services.outcome_survey_submit(
            booking_id=answered.pk,
            actor=Actor.of(answered.participant),
            answers=services.OutcomeAnswers(JobChange.PROMOTION, 4, True, "Certyfikat TELC B1", 9),
        )
    main = delivered[0]
    # Good ratings on the main provider's card: two comments published, for the provider to reply.
    good = _responses(main, GOOD, month_ago=1)
    for response in good[:2]:
        services.comment_approve(response_id=response.pk, actor=Actor.of(officer))
    # Low ratings of another provider, preferably one holding the quality mark: flagged.
    others = [b for b in delivered if b.provider_id != main.provider_id] or delivered[1:]
    marked = set(
        QualityMarkCase.objects.filter(
            provider_id__in=[b.provider_id for b in others], state=CaseState.GRANTED
        ).values_list("provider_id", flat=True)
    )
    poor = next((b for b in others if b.provider_id in marked), others[0])
    _responses(poor, POOR, month_ago=2)
    return "outcome survey, comments and ratings"
