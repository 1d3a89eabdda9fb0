"""Handling a complaint: an officer takes it up (the provider is asked to answer within the
programme's deadline), the provider's staff answer once, an officer decides with a reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.providers.selectors import is_provider_member, provider_staff_users

from .. import domain
from ..models import Complaint
from ..selectors import complaint_rules
from ..workflows import COMPLAINT

ANSWER_MAX = 5000
REASON_MAX = 5000


def _locked(complaint_id: int) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("provider", "card")
        .get(pk=complaint_id)
    )


def _required(value: str, field: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(limit)d characters.") % {"limit": limit}})
    return value


def complaint_take(*, complaint_id: int, actor: Actor) -> Complaint:
    """An officer takes the complaint up; the provider's staff are asked to answer by the day the
    rule in force gives."""
    require_role(actor.user, Role.OFFICER)
    today = timezone.localdate()
    with transaction.atomic():
        complaint = _locked(complaint_id)
        rules = complaint_rules(programme=complaint.programme, day=today)
        complaint.answer_due = domain.answer_due(asked_on=today, answer_days=rules.answer_days)
        complaint.taken_by = actor.user
        COMPLAINT.apply(complaint, "take", actor=actor, fields=["answer_due", "taken_by"])
        notify(
            recipients=provider_staff_users(provider=complaint.provider),
            subject=gettext_noop("Answer a complaint about your service"),
            template="complaints/email/provider_asked.txt",
            context={"complaint": complaint},
        )
    return complaint


def complaint_answer(*, complaint_id: int, actor: Actor, answer: str) -> Complaint:
    """The provider's staff answer the complaint, once; the officer who took it up is told."""
    require_role(actor.user, Role.PROVIDER_STAFF)
    answer = _required(answer, "answer", ANSWER_MAX)
    with transaction.atomic():
        complaint = _locked(complaint_id)
        if not is_provider_member(user=actor.user, provider=complaint.provider):
            raise PermissionDenied(_("This complaint is not about your organisation."))
        complaint.answer = answer
        complaint.answered_at = timezone.now()
        complaint.answered_by = actor.user
        COMPLAINT.apply(complaint, "answer", actor=actor, fields=["answer", "answered_at", "answered_by"])
        if complaint.taken_by_id:
            notify(
                recipients=[complaint.taken_by],
                subject=gettext_noop("The provider answered a complaint"),
                template="complaints/email/officer_answered.txt",
                context={"complaint": complaint},
            )
    return complaint


def complaint_decide(*, complaint_id: int, actor: Actor, upheld: bool, reason: str) -> Complaint:
    """An officer upholds or dismisses the complaint, giving the reason the complainant and the
    provider read."""
    require_role(actor.user, Role.OFFICER)
    reason = _required(reason, "reason", REASON_MAX)
    with transaction.atomic():
        complaint = _locked(complaint_id)
        complaint.decision_reason = reason
        complaint.decided_at = timezone.now()
        complaint.decided_by = actor.user
        COMPLAINT.apply(
            complaint,
            "uphold" if upheld else "dismiss",
            actor=actor,
            note=reason,
            fields=["decision_reason", "decided_at", "decided_by"],
        )
        notify(
            recipients=provider_staff_users(provider=complaint.provider),
            subject=gettext_noop("A complaint about your service was decided"),
            template="complaints/email/provider_decided.txt",
            context={"complaint": complaint},
        )
    return complaint
