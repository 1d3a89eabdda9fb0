"""Sending an issue through the task worker, in batches.

When sending starts, one transaction moves the issue to *sending* and writes a delivery row for
every recipient (confirmed subscribers of its audience with one of its topics); the worker's task
then sends :data:`domain.BATCH_SIZE` messages and queues the next task, until none is left and the
issue is *sent*. A task claims its deliveries (pending → sent) in a short transaction *before*
the messages leave, so a task run twice, two workers, or a restart never send an issue twice to a
person (the delivery row is unique per issue and subscriber); a message the mail server refuses
is marked not sent with the reason. The price of at-most-once: a worker killed between the claim
and the send loses those messages, which the office sees as sent (the mail server's log says).

A subscriber who unsubscribes while the issue is sending is skipped (checked at the claim)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.notify import recipient_language, site_link

from .. import domain, tokens
from ..models import Delivery, DeliveryStatus, Issue, Subscriber
from ..workflows import ISSUE

logger = logging.getLogger(__name__)


def recipients_of(issue: Issue) -> Any:
    """The confirmed subscribers an issue goes to: its audience (or all) and one of its topics."""
    chosen = Subscriber.topics.through.objects.filter(
        subscriber_id=OuterRef("pk"), topic_id__in=issue.topics.values("pk")
    )
    subscribers = Subscriber.objects.filter(status=domain.CONFIRMED).filter(Exists(chosen))
    if issue.audience:
        subscribers = subscribers.filter(audience=issue.audience)
    return subscribers


def sending_start(*, actor: Actor, issue_id: int, transition: str) -> Issue:
    """Move the issue to sending (``send`` by the officer, ``start`` for a scheduled one by the
    system), make its deliveries, and queue the first batch once that has committed."""
    from ..tasks import issue_batch_send  # the task module imports this one

    with transaction.atomic():
        issue = Issue.objects.get(pk=issue_id)
        issue.sending_started_at = timezone.now()
        ISSUE.apply(issue, transition, actor=actor, fields=["sending_started_at"])
        Delivery.objects.bulk_create(
            [
                Delivery(issue=issue, subscriber_id=pk)
                for pk in recipients_of(issue).values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
            batch_size=500,
        )
        transaction.on_commit(lambda: issue_batch_send.enqueue(issue_id=issue_id))
    return issue


def scheduled_start(*, now: Any = None) -> int:
    """Start every scheduled issue whose time has come (``manage.py newsletter_periodic``)."""
    now = now or timezone.now()
    started = 0
    for issue_id in Issue.objects.filter(status=domain.SCHEDULED, scheduled_for__lte=now).values_list(
        "pk", flat=True
    ):
        sending_start(actor=SYSTEM, issue_id=issue_id, transition="start")
        started += 1
    return started


def _claim(issue_id: int) -> list[Delivery]:
    """Take the next batch of this issue's deliveries, marking them sent before anything leaves.
    On PostgreSQL two workers skip each other's locked rows; SQLite's writes take turns."""
    with transaction.atomic():
        pending = Delivery.objects.filter(issue_id=issue_id, status=DeliveryStatus.PENDING).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            pending = pending.select_for_update(skip_locked=True)
        ids = list(pending.values_list("pk", flat=True)[: domain.BATCH_SIZE])
        now = timezone.now()
        gone = Delivery.objects.filter(pk__in=ids).exclude(subscriber__status=domain.CONFIRMED)
        gone.update(
            status=DeliveryStatus.FAILED, error="unsubscribed before sending"
        )  # progress, not a workflow
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENT,
            sent_at=now,  # progress, not a workflow
        )
        return list(
            Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.SENT, sent_at=now).select_related(
                "subscriber"
            )
        )


def message_of(issue: Issue, *, address: str, language: str, links: dict[str, str]) -> EmailMultiAlternatives:
    """The message as a subscriber receives it: the plain text and its HTML (the issue's simple
    formatting, escaped), the links to the preferences and to unsubscribing, and the headers of
    RFC 8058 (a mail client's "unsubscribe" button posts to the one-click address)."""
    context = {
        "issue": issue,
        "body_text": domain.body_text(issue.body),
        "body_html": domain.body_html(issue.body),
        "archive_url": site_link("/newsletter/archiwum/"),
        **links,
    }
    with translation.override(language):
        text = render_to_string("newsletter/email/issue.txt", context)
        html = render_to_string("newsletter/issue_email.html", {**context, "language": language})
    headers = {}
    if links.get("unsubscribe_url"):
        headers = {
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = EmailMultiAlternatives(issue.subject, text, None, [address], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def subscriber_message(issue: Issue, subscriber: Subscriber) -> EmailMultiAlternatives:
    return message_of(
        issue,
        address=subscriber.email,
        language=recipient_language(subscriber),
        links={
            "preferences_url": tokens.preferences_url(subscriber),
            "unsubscribe_url": tokens.unsubscribe_url(subscriber),
        },
    )


def test_message_queue(*, issue: Issue, address: str) -> None:
    """The officer's test copy, sent after the commit: the subscriber's message with the links
    pointing to the subscription page (the officer is no subscriber)."""
    subscribe = site_link("/newsletter/")
    message = message_of(
        issue,
        address=address,
        language=settings.LANGUAGE_CODE,
        links={"preferences_url": subscribe, "unsubscribe_url": subscribe, "test": "yes"},
    )
    message.subject = f"[TEST] {issue.subject}"
    transaction.on_commit(message.send)


def batch_send(issue_id: int) -> int:
    """Send the next batch of an issue and end the issue as sent when no delivery is left.
    Returns how many deliveries this batch claimed (the task queues the next batch while it
    claims some and some are left)."""
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status != domain.SENDING:
        return 0
    claimed = _claim(issue_id)
    sent = 0
    if claimed:
        with get_connection() as mail:
            for delivery in claimed:
                try:
                    sent += mail.send_messages([subscriber_message(issue, delivery.subscriber)]) or 0
                except Exception as error:  # one refused address does not stop the batch
                    logger.warning(
                        "Newsletter issue %s to delivery %s failed: %s", issue_id, delivery.pk, error
                    )
                    Delivery.objects.filter(pk=delivery.pk).update(
                        status=DeliveryStatus.FAILED,
                        error=str(error)[:300],  # progress, not a workflow
                    )
    if not Delivery.objects.filter(issue_id=issue_id, status=DeliveryStatus.PENDING).exists():
        with transaction.atomic():
            locked = Issue.objects.select_for_update().get(pk=issue_id)
            if locked.status == domain.SENDING:
                locked.sent_at = timezone.now()
                ISSUE.apply(locked, "finish", actor=SYSTEM, fields=["sent_at"])
    logger.info("Newsletter issue %s: %s of %s messages of a batch left", issue_id, sent, len(claimed))
    return len(claimed)


def sending_resume() -> int:
    """Queue a batch for every issue still sending (``manage.py newsletter_periodic``): a worker
    that stopped mid-way leaves pending deliveries that nobody would take otherwise. Harmless when
    a worker is on it: a batch claims only what no other holds."""
    from ..tasks import issue_batch_send

    ids = list(Issue.objects.filter(status=domain.SENDING).values_list("pk", flat=True))
    for issue_id in ids:
        issue_batch_send.enqueue(issue_id=issue_id)
    return len(ids)


def progress(issue: Issue) -> dict[str, int]:
    """How far the sending got: recipients, sent, not sent, left."""
    counts = issue.deliveries.aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
        left=Count("pk", filter=Q(status=DeliveryStatus.PENDING)),
    )
    counts["percent"] = (
        round(100 * (counts["sent"] + counts["failed"]) / counts["total"]) if counts["total"] else 100
    )
    return counts
