"""The anonymous survey after a completed service, and the ratings it feeds.

The response row carries no participant and no booking: the booking only records that it was
evaluated (so a person rates a booking once, and settlement can require it). A comment waits for
an officer's moderation before it is shown (:mod:`.comments`). The card's average
(the catalogue's rating filter) is recomputed from the responses in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.catalogue.services import card_rating_set
from kierunek.core.actor import Actor
from kierunek.vouchers import services as voucher_services
from kierunek.vouchers.domain import COMPLETED, SETTLED

from ..models import MIN_RESPONSES_SHOWN, SCORE_FIELDS, CommentState, SurveyResponse

MAX_COMMENT = 2000


def _score(scores: Mapping[str, object], name: str) -> int:
    value = scores.get(name)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError({name: _("Choose a score from 1 to 5.")})
    return value


def evaluation_submit(
    *,
    booking_id: int,
    actor: Actor,
    scores: Mapping[str, object],
    comment: str = "",
) -> SurveyResponse:
    """Record the participant's (``actor``'s) anonymous evaluation of a completed booking (once).
    Nothing is audited: the survey is anonymous; the booking records that it was evaluated."""
    values = {name: _score(scores, name) for name in SCORE_FIELDS}
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise ValidationError(
            {"comment": _("The comment may have at most %(n)s characters.") % {"n": MAX_COMMENT}}
        )
    with transaction.atomic():
        booking = voucher_services.lock_booking_for_participant(booking_id=booking_id, participant=actor.user)
        if booking.status not in (COMPLETED, SETTLED):
            raise ValidationError(_("A service is evaluated after the provider reports it completed."))
        if booking.evaluated_at is not None:
            raise ValidationError(_("You have already evaluated this service."))
        now = timezone.localdate()
        response = SurveyResponse.objects.create(
            card_id=booking.card_id,
            provider_id=booking.provider_id,
            comment=comment,
            comment_state=CommentState.PENDING if comment else CommentState.NONE,
            month=now.replace(day=1),
            **values,
        )
        voucher_services.booking_mark_evaluated(booking=booking)
        card_rating_refresh(card_id=booking.card_id)
    return response


def card_rating_refresh(*, card_id: int) -> None:
    """The card's average over every response's mean score, rounded to one decimal; none until
    the card has ``MIN_RESPONSES_SHOWN`` responses."""
    mean = sum((F(name) for name in SCORE_FIELDS[1:]), F(SCORE_FIELDS[0])) / float(len(SCORE_FIELDS))
    stats = SurveyResponse.objects.filter(card_id=card_id).aggregate(average=Avg(mean), count=Count("id"))
    shown = stats["average"] is not None and stats["count"] >= MIN_RESPONSES_SHOWN
    average = round(stats["average"], 1) if shown else None
    card_rating_set(card_id=card_id, average=average, count=stats["count"])
