"""The office's issues: composing, the test send to the officer, scheduling and sending. Sending
itself (the deliveries and the worker's batches) is :mod:`.sending`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role

from ..audit_actions import ISSUE_SAVED, ISSUE_TEST_SENT
from ..models import Issue, Topic
from ..workflows import ISSUE, OFFICE
from . import sending


@dataclass(frozen=True)
class IssueData:
    subject: str
    body: str
    audience: str
    topic_ids: Iterable[int] = field(default_factory=list)


def _editable(issue_id: int) -> Issue:
    issue = Issue.objects.select_for_update().get(pk=issue_id)
    if not issue.editable:
        raise ValidationError(
            _("This issue is %(status)s: it can no longer be changed.")
            % {"status": issue.get_status_display()}
        )
    return issue


@transaction.atomic
def issue_save(*, actor: Actor, data: IssueData, issue_id: int | None = None) -> Issue:
    """Compose a new issue or change a draft (or a scheduled one, which stays scheduled)."""
    require_role(actor, *OFFICE)
    topics = list(Topic.objects.filter(pk__in=list(data.topic_ids)))
    if not topics:
        raise ValidationError({"topics": _("Choose at least one topic.")})
    issue = Issue(created_by=actor.user) if issue_id is None else _editable(issue_id)
    issue.subject = data.subject.strip()
    issue.body = data.body.strip()
    issue.audience = data.audience
    issue.full_clean(exclude=["topics", "created_by"])
    issue.save()
    issue.topics.set(topics)
    audit_record(action=ISSUE_SAVED, actor=actor, obj=issue, details={"subject": issue.subject})
    return issue


@transaction.atomic
def issue_test_send(*, actor: Actor, issue_id: int) -> None:
    """Send the issue, as a subscriber will see it, to the officer's own address only."""
    require_role(actor, *OFFICE)
    issue = Issue.objects.get(pk=issue_id)
    sending.test_message_queue(issue=issue, address=actor.user.email)
    audit_record(action=ISSUE_TEST_SENT, actor=actor, obj=issue)


@transaction.atomic
def issue_schedule(*, actor: Actor, issue_id: int, at: datetime) -> Issue:
    """Send the issue later: the worker's periodic run starts it once ``at`` has come."""
    issue = Issue.objects.get(pk=issue_id)
    if at <= timezone.now():
        raise ValidationError({"scheduled_for": _("Choose a time in the future, or send the issue now.")})
    issue.scheduled_for = at
    ISSUE.apply(issue, "schedule", actor=actor, fields=["scheduled_for"])
    return issue


@transaction.atomic
def issue_unschedule(*, actor: Actor, issue_id: int) -> Issue:
    issue = Issue.objects.get(pk=issue_id)
    issue.scheduled_for = None
    ISSUE.apply(issue, "unschedule", actor=actor, fields=["scheduled_for"])
    return issue


def issue_send(*, actor: Actor, issue_id: int) -> Issue:
    """Start sending now: every recipient gets a delivery row and the worker sends them in
    batches (:func:`.sending.sending_start`)."""
    return sending.sending_start(actor=actor, issue_id=issue_id, transition="send")
