"""The moderation of survey comments and the providers' replies.

A comment is anonymous: the officer sees only the text, the service and the month. It is shown on
the card once published (``COMMENT`` workflow: approve, reject or withdraw, each with the officer
in the audit log). The provider's reply is published at once, once per comment, under the
provider's name: it is an institution answering for itself, which the officer can read on the
card like anybody, so it is not held for moderation (the programme's contract binds what
providers publish)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.providers.models import Provider
from kierunek.providers.services import require_provider_member

from .. import audit_actions
from ..models import CommentReply, CommentState, SurveyResponse
from ..workflows import COMMENT

MAX_REASON = 500
MAX_REPLY = 2000


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason: it stays in the record of the decision.")})
    if len(reason) > MAX_REASON:
        raise ValidationError(
            {"reason": _("The reason may have at most %(n)s characters.") % {"n": MAX_REASON}}
        )
    return reason


def _move(response_id: int, name: str, *, actor: Actor, reason: str = "") -> SurveyResponse:
    with transaction.atomic():
        response = SurveyResponse.objects.get(pk=response_id)
        response.comment_reason = reason
        response.comment_decided_at = timezone.now()
        details = {"card": response.card_id, **({"reason": reason} if reason else {})}
        COMMENT.apply(
            response,
            name,
            actor=actor,
            fields=["comment_reason", "comment_decided_at"],
            details=details,
        )
    return response


def comment_approve(*, response_id: int, actor: Actor) -> SurveyResponse:
    """Publish a waiting comment on its card (an officer)."""
    return _move(response_id, "approve", actor=actor)


def comment_reject(*, response_id: int, actor: Actor, reason: str) -> SurveyResponse:
    """Refuse a waiting comment, with the reason (an officer): it is never shown."""
    return _move(response_id, "reject", actor=actor, reason=_reason(reason))


def comment_withdraw(*, response_id: int, actor: Actor, reason: str) -> SurveyResponse:
    """Take a published comment off the card, with the reason (an officer)."""
    return _move(response_id, "withdraw", actor=actor, reason=_reason(reason))


def comment_reply(*, response_id: int, provider: Provider, actor: Actor, text: str) -> CommentReply:
    """The provider's public reply to a published comment on one of its services: once."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the reply.")})
    if len(text) > MAX_REPLY:
        raise ValidationError({"text": _("The reply may have at most %(n)s characters.") % {"n": MAX_REPLY}})
    with transaction.atomic():
        require_provider_member(actor.user, provider)
        response = SurveyResponse.objects.select_for_update().get(pk=response_id, provider=provider)
        if response.comment_state != CommentState.APPROVED:
            raise ValidationError(_("You can reply only to a published comment."))
        if CommentReply.objects.filter(response=response).exists():
            raise ValidationError(_("You have already replied to this comment."))
        reply = CommentReply.objects.create(
            response=response, provider=provider, text=text, written_by=actor.user
        )
        audit_record(
            action=audit_actions.COMMENT_REPLY_PUBLISHED,
            actor=actor,
            obj=provider,
            details={"response": response.pk, "card": response.card_id},
        )
    return reply
