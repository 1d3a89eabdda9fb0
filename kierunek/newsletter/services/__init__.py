"""Every change of the newsletter, one module per subject, each in one transaction and audited:
subscriptions (double opt-in, topics, unsubscribing), the office's topics, wording, proof and
erasure, issues, and sending them through the worker."""

from .issues import IssueData, issue_save, issue_schedule, issue_send, issue_test_send, issue_unschedule
from .office import TopicData, consent_proof, subscriber_erase, subscriber_read, topic_save, wording_publish
from .sending import batch_send, scheduled_start, sending_resume
from .subscriptions import (
    SubscriptionChoice,
    subscription_confirm,
    subscription_end,
    subscription_end_by_office,
    subscription_request,
    subscription_topics_set,
    wording_current,
)

__all__ = [
    "IssueData",
    "SubscriptionChoice",
    "TopicData",
    "batch_send",
    "consent_proof",
    "issue_save",
    "issue_schedule",
    "issue_send",
    "issue_test_send",
    "issue_unschedule",
    "scheduled_start",
    "sending_resume",
    "subscriber_erase",
    "subscriber_read",
    "subscription_confirm",
    "subscription_end",
    "subscription_end_by_office",
    "subscription_request",
    "subscription_topics_set",
    "topic_save",
    "wording_current",
    "wording_publish",
]
