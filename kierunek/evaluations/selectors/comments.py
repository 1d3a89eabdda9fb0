"""Reads of the survey comments: the officers' moderation queue and the published comments (on the
card page, and on the provider's ratings page where the provider replies)."""

from __future__ import annotations

from django.db.models import QuerySet

from kierunek.providers.models import Provider

from ..models import MIN_RESPONSES_SHOWN, CommentState, SurveyResponse


def comments_pending() -> QuerySet[SurveyResponse]:
    """The comments waiting for an officer, oldest first."""
    return (
        SurveyResponse.objects.filter(comment_state=CommentState.PENDING)
        .select_related("card", "provider")
        .order_by("id")
    )


def comments_pending_count() -> int:
    return SurveyResponse.objects.filter(comment_state=CommentState.PENDING).count()


def comments_published_on_card(*, card_id: int) -> list[SurveyResponse]:
    """The card's published comments with their replies, newest first; none until the card has
    ``MIN_RESPONSES_SHOWN`` responses (as for its averages, so that the provider, who knows who
    attended, cannot tell whose comment it is)."""
    if SurveyResponse.objects.filter(card_id=card_id).count() < MIN_RESPONSES_SHOWN:
        return []
    return list(
        SurveyResponse.objects.filter(card_id=card_id, comment_state=CommentState.APPROVED)
        .select_related("reply")
        .order_by("-id")
    )


def comments_published_for_provider(*, provider: Provider) -> list[SurveyResponse]:
    """The published comments on the provider's services, for its replies: on the cards that show
    them (from ``MIN_RESPONSES_SHOWN`` responses on)."""
    comments = (
        SurveyResponse.objects.filter(provider=provider, comment_state=CommentState.APPROVED)
        .select_related("card", "reply")
        .order_by("card__title", "-id")
    )
    counts: dict[int, int] = {}
    for card_id in SurveyResponse.objects.filter(provider=provider).values_list("card_id", flat=True):
        counts[card_id] = counts.get(card_id, 0) + 1
    return [c for c in comments if counts.get(c.card_id, 0) >= MIN_RESPONSES_SHOWN]
