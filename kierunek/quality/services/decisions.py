"""Decisions on the mark: grant (with its number and validity), refuse, suspend, reinstate,
withdraw, and the scheduled expiry."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.workflow import TransitionRefused

from .. import domain
from ..models import (
    QualityMarkCase,
)
from .common import (
    MARK_STATES,
    MAX_MARK_YEARS,
    clean_text,
    guard,
    lock_case,
    move,
)

# --- decisions ---------------------------------------------------------------------------------


def _next_mark_number(*, year: int) -> str:
    prefix = f"MSUES/{year}/"
    numbers = QualityMarkCase.objects.filter(mark_number__startswith=prefix).values_list(
        "mark_number", flat=True
    )
    last = max((int(n.rsplit("/", 1)[1]) for n in numbers if n.rsplit("/", 1)[1].isdigit()), default=0)
    return f"{prefix}{last + 1:04d}"


def case_grant(
    *,
    case: QualityMarkCase,
    actor: Actor,
    years: int | None = None,
    valid_from: date | None = None,
) -> QualityMarkCase:
    """Grant the mark for ``years`` (default ``KIERUNEK_QUALITY_MARK_YEARS``) from ``valid_from``
    (default today), with the next mark number of the year."""
    years = settings.KIERUNEK_QUALITY_MARK_YEARS if years is None else years
    today = timezone.localdate()
    valid_from = valid_from or today
    with transaction.atomic():
        case = lock_case(case)
        step = guard(case=case, transition="grant", actor=actor)
        if not 1 <= years <= MAX_MARK_YEARS:
            raise ValidationError({"years": _("Give between 1 and %(max)d years.") % {"max": MAX_MARK_YEARS}})
        valid_until = domain.mark_valid_until(granted_on=valid_from, years=years)
        if valid_until < today:
            raise ValidationError(
                {"valid_from": _("A mark granted from this day would already have expired.")}
            )
        case.valid_from, case.valid_until = valid_from, valid_until
        case.mark_number = _next_mark_number(year=today.year)
        case.decided_by, case.decided_at = actor.user, timezone.now()
        move(
            case=case,
            transition=step,
            actor=actor,
            fields=["valid_from", "valid_until", "mark_number", "decided_by", "decided_at"],
            details={"years": years, "mark_number": case.mark_number, "valid_until": valid_until.isoformat()},
        )
    return case


def case_refuse(*, case: QualityMarkCase, actor: Actor, reasons: str) -> QualityMarkCase:
    with transaction.atomic():
        case = lock_case(case)
        step = guard(case=case, transition="refuse", actor=actor)
        reasons = clean_text(
            reasons, field="reasons", required=True, message=_("Give the reasons for the refusal.")
        )
        case.decision_reasons = reasons
        case.decided_by, case.decided_at = actor.user, timezone.now()
        move(
            case=case,
            transition=step,
            actor=actor,
            fields=["decision_reasons", "decided_by", "decided_at"],
            note=reasons,
        )
    return case


def case_suspend(*, case: QualityMarkCase, actor: Actor, reason: str) -> QualityMarkCase:
    with transaction.atomic():
        case = lock_case(case)
        step = guard(case=case, transition="suspend", actor=actor)
        reason = clean_text(
            reason, field="reason", required=True, message=_("Give the reason for the suspension.")
        )
        move(case=case, transition=step, actor=actor, note=reason)
    return case


def case_reinstate(*, case: QualityMarkCase, actor: Actor, reason: str = "") -> QualityMarkCase:
    """Lift a suspension. A mark past its validity expires instead."""
    with transaction.atomic():
        case = lock_case(case)
        step = guard(case=case, transition="reinstate", actor=actor)
        reason = clean_text(reason, field="reason", required=False, message="")
        if case.valid_until is not None and case.valid_until < timezone.localdate():
            raise ValidationError(_("The mark is past its validity; it cannot be reinstated."))
        move(case=case, transition=step, actor=actor, note=reason)
    return case


def case_withdraw(*, case: QualityMarkCase, actor: Actor, reason: str) -> QualityMarkCase:
    with transaction.atomic():
        case = lock_case(case)
        step = guard(case=case, transition="withdraw", actor=actor)
        reason = clean_text(
            reason, field="reason", required=True, message=_("Give the reason for the withdrawal.")
        )
        move(case=case, transition=step, actor=actor, note=reason)
    return case


def case_expire(*, case: QualityMarkCase, today: date) -> QualityMarkCase:
    """The system ends a mark whose last valid day is before ``today``."""
    with transaction.atomic():
        case = lock_case(case)
        step = guard(case=case, transition="expire", actor=SYSTEM)
        if case.valid_until is None or case.valid_until >= today:
            raise TransitionRefused(_("The quality mark is still valid."))
        move(case=case, transition=step, actor=SYSTEM, details={"today": today.isoformat()})
    return case


def cases_expire(*, today: date) -> int:
    """Expire every granted or suspended mark whose validity ended before ``today``; each case in
    its own transaction. Running it twice expires nothing the second time. Returns the count."""
    count = 0
    due = QualityMarkCase.objects.filter(state__in=MARK_STATES, valid_until__lt=today).order_by("pk")
    for case_id in due.values_list("pk", flat=True):
        try:
            case_expire(case=QualityMarkCase(pk=case_id), today=today)
        except TransitionRefused:  # changed meanwhile (reinstated, withdrawn, already expired)
            continue
        count += 1
    return count
