"""Reports of an inaccessible element: a resident files one on the statement's form; the office
answers within 7 days, or postpones the answer to a date within 2 months and says why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role

from .. import domain
from ..audit_actions import REPORT_READ, REPORT_RECEIVED
from ..models import AccessibilityReport
from ..workflows import OFFICE, REPORT


@dataclass(frozen=True)
class ReportData:
    name: str
    email: str
    address: str
    description: str
    phone: str = ""
    wanted: str = ""


@transaction.atomic
def report_submit(*, actor: Actor, data: ReportData, today: date | None = None) -> AccessibilityReport:
    """File a report (anyone, logged in or not); the answer is due 7 days later. The person gets
    an acknowledgement with the reference and the date; the office sees it in its list."""
    today = today or timezone.localdate()
    report = AccessibilityReport(
        name=data.name.strip(),
        email=data.email.strip(),
        phone=data.phone.strip(),
        address=data.address.strip(),
        description=data.description.strip(),
        wanted=data.wanted.strip(),
        reporter=actor.user,
        received_on=today,
        due_on=domain.answer_due(today),
    )
    report.full_clean()
    report.save()
    audit_record(action=REPORT_RECEIVED, actor=actor, obj=report, details={"reference": report.reference})
    notify(
        recipients=[actor.user] if actor.user else [report.email],
        subject=gettext_noop("Your accessibility report was received"),
        template="cms/email/report_received.txt",
        context={"report": report},
    )
    return report


@transaction.atomic
def report_read(*, actor: Actor, report_id: int) -> AccessibilityReport:
    """An officer opens a report (the reporter's name and contact): audited."""
    require_role(actor, *OFFICE)
    report = AccessibilityReport.objects.get(pk=report_id)
    audit_record(action=REPORT_READ, actor=actor, obj=report)
    return report


@transaction.atomic
def report_extend(*, actor: Actor, report_id: int, new_due: date, reason: str) -> AccessibilityReport:
    report = AccessibilityReport.objects.select_for_update().get(pk=report_id)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the answer cannot be given within 7 days.")})
    error = domain.extension_error(received_on=report.received_on, current_due=report.due_on, new_due=new_due)
    if error:
        raise ValidationError({"new_due": _(error)})
    report.due_on = new_due
    report.extension_reason = reason.strip()
    REPORT.apply(report, "extend", actor=actor, fields=["due_on", "extension_reason"])
    return report


def _close(*, actor: Actor, report_id: int, answer: str, transition: str) -> AccessibilityReport:
    report = AccessibilityReport.objects.select_for_update().get(pk=report_id)
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer the person will receive.")})
    report.answer = answer.strip()
    report.answered_at = timezone.now()
    REPORT.apply(report, transition, actor=actor, fields=["answer", "answered_at"])
    return report


@transaction.atomic
def report_answer(*, actor: Actor, report_id: int, answer: str) -> AccessibilityReport:
    """The element was made accessible (or the content given as asked): the answer is sent."""
    return _close(actor=actor, report_id=report_id, answer=answer, transition="answer")


@transaction.atomic
def report_offer_alternative(*, actor: Actor, report_id: int, answer: str) -> AccessibilityReport:
    """The element cannot be made accessible: the answer offers another way to the content."""
    return _close(actor=actor, report_id=report_id, answer=answer, transition="offer_alternative")
