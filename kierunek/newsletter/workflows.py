"""The newsletter's lifecycles, declared once with the kit (:mod:`kierunek.core.workflow`).

Subscription (double opt-in)::

    (signed up) pending ─confirm→ confirmed          (the link of the confirmation e-mail)
    pending | confirmed ─unsubscribe→ unsubscribed   (the message's link, the one-click POST,
                                                      the preferences page, the account, the office)
    unsubscribed ─renew→ pending                     (signed up again: a new confirmation)

The subscriber's transitions are authorised by the signed link they hold, not by a role: anybody
(nobody logged in, a user of any role) may take them with the link, so their services apply them
without the role check, and the roles declared are all of them.

Issue::

    draft ─schedule→ scheduled ─unschedule→ draft
    draft ─send→ sending                  (the officer, now)
    scheduled ─start→ sending             (the system, when its time comes: newsletter_periodic)
    sending ─finish→ sent                 (the system, when no delivery is left to send)
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role
from kierunek.core.workflow import SYSTEM_ROLE, Transition, Workflow

from . import domain
from .audit_actions import (
    ISSUE_SCHEDULED,
    ISSUE_SENDING_STARTED,
    ISSUE_SENT,
    ISSUE_UNSCHEDULED,
    SUBSCRIPTION_CONFIRMED,
    SUBSCRIPTION_ENDED,
    SUBSCRIPTION_RENEWED,
)
from .models import Issue, IssueStatus, Subscriber, SubscriberStatus

# Who holds a subscriber's signed link: anybody, logged in or not (the link is the authority).
LINK_HOLDERS = frozenset({SYSTEM_ROLE, *Role.values})
OFFICE = frozenset({Role.OFFICER.value})

SUBSCRIPTION = Workflow(
    name="newsletter.subscription",
    model=Subscriber,
    states=dict(SubscriberStatus.choices),
    transitions=[
        Transition(
            "confirm",
            {domain.PENDING},
            domain.CONFIRMED,
            roles=LINK_HOLDERS,
            label=_("confirm the subscription"),
            audit_action=SUBSCRIPTION_CONFIRMED,
        ),
        Transition(
            "unsubscribe",
            {domain.PENDING, domain.CONFIRMED},
            domain.UNSUBSCRIBED,
            roles=LINK_HOLDERS | OFFICE,
            label=_("unsubscribe"),
            audit_action=SUBSCRIPTION_ENDED,
        ),
        Transition(
            "renew",
            {domain.UNSUBSCRIBED},
            domain.PENDING,
            roles=LINK_HOLDERS,
            label=_("subscribe again"),
            audit_action=SUBSCRIPTION_RENEWED,
        ),
    ],
)

ISSUE = Workflow(
    name="newsletter.issue",
    model=Issue,
    states=dict(IssueStatus.choices),
    transitions=[
        Transition(
            "schedule",
            {domain.DRAFT},
            domain.SCHEDULED,
            roles=OFFICE,
            label=_("schedule the issue"),
            audit_action=ISSUE_SCHEDULED,
        ),
        Transition(
            "unschedule",
            {domain.SCHEDULED},
            domain.DRAFT,
            roles=OFFICE,
            label=_("take the issue back to draft"),
            audit_action=ISSUE_UNSCHEDULED,
        ),
        Transition(
            "send",
            {domain.DRAFT},
            domain.SENDING,
            roles=OFFICE,
            label=_("send the issue"),
            audit_action=ISSUE_SENDING_STARTED,
        ),
        Transition(
            "start",
            {domain.SCHEDULED},
            domain.SENDING,
            roles={SYSTEM_ROLE},
            label=_("start sending the scheduled issue"),
            audit_action=ISSUE_SENDING_STARTED,
        ),
        Transition(
            "finish",
            {domain.SENDING},
            domain.SENT,
            roles={SYSTEM_ROLE},
            label=_("finish sending the issue"),
            audit_action=ISSUE_SENT,
        ),
    ],
)
