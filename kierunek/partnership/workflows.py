"""The lifecycles of the partnership, declared once with the kit (:mod:`kierunek.core.workflow`).

Membership of an institution in a partnership::

    applied ─admit→ member ─leave→ left
    applied ─withdraw→ left

An institution applies by a declaration (its own staff) or the office records the signed
agreement; the office admits it and records its leaving, with the day and the reason.

A good practice::

    draft | returned ─submit→ submitted ─publish→ published
                                submitted ─return_for_changes→ returned

The partner's staff write and submit; an officer publishes it or returns it with a comment, which
the author reads and answers by submitting again."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.workflow import Applied, Notification, Transition, Workflow

from . import domain
from .audit_actions import (
    MEMBERSHIP_ADMITTED,
    MEMBERSHIP_LEFT,
    MEMBERSHIP_WITHDRAWN,
    PRACTICE_PUBLISHED,
    PRACTICE_RETURNED,
    PRACTICE_SUBMITTED,
)
from .models import GoodPractice, Membership, MembershipStatus, PracticeEvent, PracticeStatus

OFFICER = Role.OFFICER.value
PARTNER_STAFF = Role.PARTNER_STAFF.value


def _membership_refusal(membership: Any, transition: Transition, state: str) -> Any:
    return _("This membership is %(status)s: that cannot be done now.") % {
        "status": MembershipStatus(state).label if state in MembershipStatus.values else state
    }


MEMBERSHIP = Workflow(
    name="partnership.membership",
    model=Membership,
    states=dict(MembershipStatus.choices),
    refusal=_membership_refusal,
    transitions=[
        Transition(
            "admit",
            {domain.APPLIED},
            domain.MEMBER,
            roles={OFFICER},
            label=_("admit the institution to the partnership"),
            audit_action=MEMBERSHIP_ADMITTED,
        ),
        Transition(
            "withdraw",
            {domain.APPLIED},
            domain.LEFT,
            roles={OFFICER, PARTNER_STAFF},
            label=_("withdraw the accession"),
            audit_action=MEMBERSHIP_WITHDRAWN,
        ),
        Transition(
            "leave",
            {domain.MEMBER},
            domain.LEFT,
            roles={OFFICER},
            label=_("record the institution's leaving"),
            audit_action=MEMBERSHIP_LEFT,
        ),
    ],
)


def _practice_event(applied: Applied) -> None:
    PracticeEvent.objects.create(
        practice=applied.obj,
        status_from=applied.source,
        status_to=applied.transition.target,
        actor=applied.actor.user,
        note=applied.note,
    )


def _practice_refusal(practice: Any, transition: Transition, state: str) -> Any:
    return _("This good practice is %(status)s: that cannot be done now.") % {
        "status": PracticeStatus(state).label if state in PracticeStatus.values else state
    }


def author_recipients(practice: GoodPractice) -> list[Any]:
    author = practice.author
    return [author] if author is not None and author.is_active else []


def _practice(practice: GoodPractice) -> dict[str, Any]:
    return {"practice": practice}


def _to_author(subject: str) -> Notification:
    return Notification(
        subject=subject,
        template="partnership/email/practice_reviewed.txt",
        recipients=author_recipients,
        context=_practice,
    )


PRACTICE = Workflow(
    name="partnership.good_practice",
    model=GoodPractice,
    states=dict(PracticeStatus.choices),
    history=_practice_event,
    refusal=_practice_refusal,
    transitions=[
        Transition(
            "submit",
            {domain.DRAFT, domain.RETURNED},
            domain.SUBMITTED,
            roles={PARTNER_STAFF},
            label=_("submit the good practice for review"),
            audit_action=PRACTICE_SUBMITTED,
        ),
        Transition(
            "publish",
            {domain.SUBMITTED},
            domain.PUBLISHED,
            roles={OFFICER},
            label=_("publish the good practice"),
            audit_action=PRACTICE_PUBLISHED,
            notification=_to_author(gettext_noop("Your good practice was published")),
        ),
        Transition(
            "return_for_changes",
            {domain.SUBMITTED},
            domain.RETURNED,
            roles={OFFICER},
            label=_("return the good practice for changes"),
            audit_action=PRACTICE_RETURNED,
            notification=_to_author(gettext_noop("Your good practice was returned for changes")),
        ),
    ],
)

# Bodies and groups (decision 0020): a decision and a group's product.
from .workflows_bodies import DECISION, PRODUCT  # noqa: E402, F401
from .workflows_indicators import RECOGNITION  # noqa: E402, F401  (the indicators' lifecycle, decision 0023)
