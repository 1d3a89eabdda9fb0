"""The lifecycle of a report of an inaccessible element (the 2019 act, art. 18), declared with
the kit (:mod:`kierunek.core.workflow`)::

    received ─extend→ extended          (the office cannot answer within 7 days: a new date,
                                         at most 2 months after the report, and why)
    received | extended ─answer→ answered
    received | extended ─offer_alternative→ alternative_offered
                                        (the element cannot be made accessible: another way
                                         of access is offered)

Every step is the office's (officers) and e-mails the person who reported."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.workflow import Notification, Transition, Workflow

from . import domain
from .audit_actions import REPORT_ALTERNATIVE_OFFERED, REPORT_ANSWERED, REPORT_EXTENDED
from .models import AccessibilityReport, ReportStatus

OFFICE = frozenset({Role.OFFICER.value})


def _recipients(report: AccessibilityReport) -> list[Any]:
    return [report.reporter] if report.reporter_id else [report.email]


def _context(report: AccessibilityReport) -> dict[str, Any]:
    return {"report": report}


REPORT = Workflow(
    name="cms.accessibility_report",
    model=AccessibilityReport,
    states=dict(ReportStatus.choices),
    transitions=[
        Transition(
            "extend",
            {domain.RECEIVED},
            domain.EXTENDED,
            roles=OFFICE,
            label=_("postpone the answer"),
            audit_action=REPORT_EXTENDED,
            notification=Notification(
                subject=gettext_noop("Your accessibility report: the answer is postponed"),
                template="cms/email/report_extended.txt",
                recipients=_recipients,
                context=_context,
            ),
        ),
        Transition(
            "answer",
            set(domain.OPEN),
            domain.ANSWERED,
            roles=OFFICE,
            label=_("answer the report"),
            audit_action=REPORT_ANSWERED,
            notification=Notification(
                subject=gettext_noop("Your accessibility report was answered"),
                template="cms/email/report_answered.txt",
                recipients=_recipients,
                context=_context,
            ),
        ),
        Transition(
            "offer_alternative",
            set(domain.OPEN),
            domain.ALTERNATIVE_OFFERED,
            roles=OFFICE,
            label=_("offer alternative access"),
            audit_action=REPORT_ALTERNATIVE_OFFERED,
            notification=Notification(
                subject=gettext_noop("Your accessibility report: alternative access"),
                template="cms/email/report_answered.txt",
                recipients=_recipients,
                context=_context,
            ),
        ),
    ],
)
