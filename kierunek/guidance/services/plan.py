"""The individual development plan: its summary and development areas (while a draft), the
advisor's signature and reopening, the participant's acknowledgement and feedback. The plan's
status moves only through the workflow ``workflows.PLAN``."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.catalogue.models import Category
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.qualifications.models import Qualification

from .. import domain, selectors
from ..audit_actions import (
    GUIDANCE_AREA_DELETED,
    GUIDANCE_AREA_SAVED,
    GUIDANCE_PLAN_FEEDBACK_GIVEN,
    GUIDANCE_PLAN_UPDATED,
)
from ..domain import PLAN_FEEDBACK_OPEN, Stage
from ..models import STAGE_LABELS, DevelopmentArea, DevelopmentPlan, Occupation
from ..workflows import PLAN
from .balance import balance_for_change, balance_of_advisor_locked


def plan_update(
    *, balance_id: int, summary: str, target_occupation_id: int | None, actor: Actor
) -> DevelopmentPlan:
    with transaction.atomic():
        balance = balance_for_change(balance_id=balance_id, actor=actor)
        plan = balance.plan
        plan.summary = summary.strip()
        plan.target_occupation = (
            Occupation.objects.get(pk=target_occupation_id, is_active=True) if target_occupation_id else None
        )
        plan.save(update_fields=["summary", "target_occupation", "updated_at"])
        audit_record(action=GUIDANCE_PLAN_UPDATED, actor=actor, obj=plan)
    return plan


@dataclass(frozen=True)
class AreaData:
    title: str
    gap: str
    goals: str
    package_kind: str
    category_ids: list[int]
    keywords: str
    priority: int
    # The code of a qualification of the register (ZRK) the area targets; "" for none.
    qualification_code: str = ""


def area_save(
    *, balance_id: int, data: AreaData, actor: Actor, area_id: int | None = None
) -> DevelopmentArea:
    """Add or change a development area of a draft plan."""
    errors = {}
    if not data.title.strip():
        errors["title"] = _("Name the development area.")
    if not data.goals.strip():
        errors["goals"] = _("Write the goals of this area.")
    code = data.qualification_code.strip()
    qualification = Qualification.objects.filter(code=code).first() if code else None
    if code and qualification is None:
        errors["qualification"] = _("The register of qualifications has no qualification with this code.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        balance = balance_for_change(balance_id=balance_id, actor=actor)
        categories = list(Category.objects.filter(pk__in=data.category_ids))
        if len(categories) != len(set(data.category_ids)):
            raise ValidationError({"categories": _("Choose categories of the catalogue.")})
        area = (
            DevelopmentArea.objects.get(pk=area_id, plan=balance.plan)
            if area_id
            else DevelopmentArea(plan=balance.plan)
        )
        area.title = data.title.strip()
        area.gap = data.gap.strip()
        area.goals = data.goals.strip()
        area.package_kind = data.package_kind
        # The free text of areas named before the register stays as written (read only).
        area.qualification = qualification
        if not categories and qualification is None and not area.market_qualification:
            raise ValidationError(
                {
                    "categories": _(
                        "Choose the service categories or the qualification of the register that "
                        "would close the gap."
                    )
                }
            )
        area.keywords = data.keywords.strip()
        area.priority = data.priority
        area.full_clean(exclude=["plan"])
        area.save()
        area.categories.set(categories)
        audit_record(action=GUIDANCE_AREA_SAVED, actor=actor, obj=area)
    return area


def area_delete(*, balance_id: int, area_id: int, actor: Actor) -> None:
    with transaction.atomic():
        balance = balance_for_change(balance_id=balance_id, actor=actor)
        area = DevelopmentArea.objects.get(pk=area_id, plan=balance.plan)
        audit_record(action=GUIDANCE_AREA_DELETED, actor=actor, obj=balance, details={"id": area_id})
        area.delete()


SIGN_PROBLEM_MESSAGES = {
    "no_areas": gettext_noop("Add at least one development area."),
    "area_without_goals": gettext_noop("Development area %(number)s has no goals."),
    "area_without_means": gettext_noop(
        "Development area %(number)s names neither service categories nor a market qualification."
    ),
    "stage_open": gettext_noop("Mark the stage “%(stage)s” complete first."),
}


def plan_sign(*, balance_id: int, actor: Actor) -> DevelopmentPlan:
    """The advisor signs the plan off when the balance's stages are complete and every area
    says what would close its gap. The participant is told."""
    with transaction.atomic():
        balance = balance_of_advisor_locked(balance_id=balance_id, actor=actor)
        plan = DevelopmentPlan.objects.select_for_update().get(balance=balance)
        PLAN.check(state=plan.status, name="sign", obj=plan)
        areas = [
            domain.AreaDraft(
                title=area.title,
                goals=area.goals,
                category_count=area.categories.count(),
                market_qualification=(
                    area.qualification.code if area.qualification else area.market_qualification
                ),
            )
            for area in plan.areas.select_related("qualification")
        ]
        problems = domain.plan_sign_problems(areas=areas, stages_done=selectors.stages_done(balance))
        if problems:
            messages = []
            for problem in problems:
                code, _sep, arg = problem.partition(":")
                text = _(SIGN_PROBLEM_MESSAGES[code])
                messages.append(
                    text % {"number": arg, "stage": STAGE_LABELS[Stage(arg)] if code == "stage_open" else arg}
                )
            raise ValidationError(messages)
        plan.signed_at = timezone.now()
        plan.signed_by = actor.user
        PLAN.apply(
            plan, "sign", actor=actor, fields=["signed_at", "signed_by"], details={"areas": len(areas)}
        )
    return plan


def plan_reopen(*, balance_id: int, actor: Actor) -> DevelopmentPlan:
    """The advisor reopens a signed plan to change it; the participant's acknowledgement, given
    for the old version, no longer holds."""
    with transaction.atomic():
        balance = balance_of_advisor_locked(balance_id=balance_id, actor=actor)
        plan = DevelopmentPlan.objects.select_for_update().get(balance=balance)
        plan.signed_at = plan.signed_by = plan.acknowledged_at = None
        PLAN.apply(
            plan, "reopen", actor=actor, fields=["signed_at", "signed_by", "acknowledged_at"], details={}
        )
    return plan


def _own_plan_locked(actor: Actor) -> DevelopmentPlan:
    require_role(actor, Role.PARTICIPANT)
    plan = (
        DevelopmentPlan.objects.select_for_update(of=("self",))
        .select_related("balance")
        .filter(balance__participant=actor.user)
        .first()
    )
    if plan is None:
        raise ValidationError(_("You have no development plan yet."))
    return plan


def plan_acknowledge(*, actor: Actor) -> DevelopmentPlan:
    """The participant (``actor``) confirms, with their own login, that they have read the signed
    plan."""
    with transaction.atomic():
        plan = _own_plan_locked(actor)
        plan.acknowledged_at = timezone.now()
        PLAN.apply(plan, "acknowledge", actor=actor, fields=["acknowledged_at"], details={})
    return plan


MAX_FEEDBACK = 4000


def plan_feedback(*, actor: Actor, text: str) -> DevelopmentPlan:
    """The participant's (``actor``) feedback on the signed plan (it replaces earlier feedback);
    the advisor is told. Not a transition: the plan stays signed or acknowledged."""
    text = text.strip()
    if not text:
        raise ValidationError({"feedback": _("Write your feedback.")})
    if len(text) > MAX_FEEDBACK:
        raise ValidationError(
            {"feedback": _("Feedback is at most %(max)d characters.") % {"max": MAX_FEEDBACK}}
        )
    with transaction.atomic():
        plan = _own_plan_locked(actor)
        if plan.status not in PLAN_FEEDBACK_OPEN:
            raise ValidationError(_("Feedback can be given once the advisor has signed the plan."))
        plan.feedback = text
        plan.feedback_at = timezone.now()
        plan.save(update_fields=["feedback", "feedback_at", "updated_at"])
        audit_record(action=GUIDANCE_PLAN_FEEDBACK_GIVEN, actor=actor, obj=plan)
        notify(
            recipients=[plan.balance.advisor],
            subject=gettext_noop("A participant has commented on their development plan"),
            template="guidance/email/plan_feedback.txt",
            context={"plan": plan, "participant": actor.user},
        )
    return plan
