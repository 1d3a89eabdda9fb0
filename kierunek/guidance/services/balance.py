"""The competence balance: starting it, marking its stages, and the lock every change of the
balance takes (the balance row, then its plan; only while the plan is a draft)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.core import agents
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role

from .. import selectors
from ..audit_actions import GUIDANCE_BALANCE_STARTED, GUIDANCE_STAGE_MARKED
from ..domain import PLAN_EDITABLE, Stage
from ..models import CompetenceBalance, DevelopmentPlan


def balance_start(*, participant_id: int, actor: Actor) -> CompetenceBalance:
    """An advisor starts the balance of a participant who has booked a meeting with them; the
    balance comes with its (draft) development plan. One balance per participant."""
    require_role(actor, Role.ADVISOR)
    participant = User.objects.get(pk=participant_id, role=Role.PARTICIPANT)
    if not selectors.advisor_has_participant(advisor=actor.user, participant=participant):
        raise PermissionDenied(
            _("Only the advisor the participant booked a meeting with can start the balance.")
        )
    try:
        with transaction.atomic():
            balance = CompetenceBalance.objects.create(participant=participant, advisor=actor.user)
            DevelopmentPlan.objects.create(balance=balance)
            audit_record(action=GUIDANCE_BALANCE_STARTED, actor=actor, obj=balance)
    except IntegrityError as exc:
        raise ValidationError(_("This participant's competence balance has already been started.")) from exc
    return balance


def balance_of_advisor_locked(*, balance_id: int, actor: Actor) -> CompetenceBalance:
    """Lock the balance for its advisor (``actor``), whatever the state of its plan."""
    require_role(actor, Role.ADVISOR)
    balance = CompetenceBalance.objects.select_for_update().get(pk=balance_id)
    if balance.advisor_id != actor.user.pk:
        raise PermissionDenied(_("This is not the balance of your participant."))
    return balance


def balance_for_change(*, balance_id: int, actor: Actor) -> CompetenceBalance:
    """Lock the balance for a change by its advisor, while its plan is still a draft."""
    balance = balance_of_advisor_locked(balance_id=balance_id, actor=actor)
    plan = DevelopmentPlan.objects.select_for_update().get(balance=balance)
    if plan.status not in PLAN_EDITABLE:
        raise ValidationError(_("The plan is signed. Reopen it to change the balance."))
    return balance


def balance_for_portfolio(*, balance_id: int, actor: Actor) -> CompetenceBalance:
    """Lock the balance for evidence added to its portfolio while its plan is a draft: by its
    advisor, or by a person the participant lets keep their portfolio (an agent,
    :mod:`kierunek.core.agents`)."""
    if actor.role != Role.ADVISOR:
        balance = (
            CompetenceBalance.objects.select_for_update(of=("self",))
            .select_related("participant")
            .get(pk=balance_id)
        )
        if not agents.may_act_for(agent=actor.user, participant=balance.participant, action=agents.PORTFOLIO):
            raise PermissionDenied(_("You may not add to this portfolio."))
        plan = DevelopmentPlan.objects.select_for_update().get(balance=balance)
        if plan.status not in PLAN_EDITABLE:
            raise ValidationError(_("The plan is signed. Reopen it to change the balance."))
        return balance
    return balance_for_change(balance_id=balance_id, actor=actor)


def balance_child_delete(
    model: type[models.Model], *, balance_id: int, item_id: int, actor: Actor, action: str
) -> None:
    """Delete an entry of a draft balance (an experience, a STAR example, a profile entry)."""
    with transaction.atomic():
        balance = balance_for_change(balance_id=balance_id, actor=actor)
        item = model._default_manager.get(pk=item_id, balance=balance)
        audit_record(action=action, actor=actor, obj=balance, details={"id": item_id})
        item.delete()


STAGE_FIELDS = {
    Stage.BIOGRAPHICAL: "biographical_done_at",
    Stage.BEHAVIOURAL: "behavioural_done_at",
    Stage.PROFILE: "profile_done_at",
    Stage.PORTFOLIO: "portfolio_done_at",
}


def balance_stage_mark(*, balance_id: int, stage: str, done: bool, actor: Actor) -> CompetenceBalance:
    """Mark a stage complete (or open it again). A stage is complete only with something in it:
    an experience, a piece of STAR evidence, a competence of the profile; the portfolio may be
    empty."""
    with transaction.atomic():
        balance = balance_for_change(balance_id=balance_id, actor=actor)
        field = STAGE_FIELDS.get(Stage(stage)) if stage in {s.value for s in Stage} else None
        if field is None:
            raise ValidationError(_("Unknown stage."))
        if done:
            empty = {
                Stage.BIOGRAPHICAL: not balance.experiences.exists(),
                Stage.BEHAVIOURAL: not balance.star_evidence.exists(),
                Stage.PROFILE: not balance.profile.exists(),
                Stage.PORTFOLIO: False,
            }[Stage(stage)]
            if empty:
                raise ValidationError(_("Record something in this stage before you mark it complete."))
        setattr(balance, field, timezone.now() if done else None)
        balance.save(update_fields=[field])
        audit_record(
            action=GUIDANCE_STAGE_MARKED,
            actor=actor,
            obj=balance,
            details={"stage": stage, "done": done},
        )
    return balance
