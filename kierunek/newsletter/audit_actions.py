"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a person reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

SUBSCRIPTION_REQUESTED = audit_action(
    "newsletter.subscription_requested", _("newsletter subscription requested")
)
SUBSCRIPTION_CONFIRMED = audit_action(
    "newsletter.subscription_confirmed", _("newsletter subscription confirmed")
)
SUBSCRIPTION_ENDED = audit_action("newsletter.subscription_ended", _("unsubscribed from the newsletter"))
SUBSCRIPTION_RENEWED = audit_action(
    "newsletter.subscription_renewed", _("newsletter subscription asked for again")
)
TOPICS_CHANGED = audit_action("newsletter.topics_changed", _("newsletter topics changed"))
SUBSCRIBER_ERASED = audit_action("newsletter.subscriber_erased", _("newsletter subscriber erased on request"))
SUBSCRIBER_READ = audit_action("newsletter.subscriber_read", _("newsletter subscriber opened by the office"))
CONSENT_EXPORTED = audit_action("newsletter.consent_exported", _("proof of newsletter consent exported"))
TOPIC_SAVED = audit_action("newsletter.topic_saved", _("newsletter topic added or changed"))
WORDING_PUBLISHED = audit_action("newsletter.wording_published", _("new wording of the newsletter consent"))
ISSUE_SAVED = audit_action("newsletter.issue_saved", _("newsletter issue composed or changed"))
ISSUE_TEST_SENT = audit_action("newsletter.issue_test_sent", _("newsletter issue sent as a test"))
ISSUE_SCHEDULED = audit_action("newsletter.issue_scheduled", _("newsletter issue scheduled"))
ISSUE_UNSCHEDULED = audit_action("newsletter.issue_unscheduled", _("newsletter issue back to draft"))
ISSUE_SENDING_STARTED = audit_action(
    "newsletter.issue_sending_started", _("newsletter issue sending started")
)
ISSUE_SENT = audit_action("newsletter.issue_sent", _("newsletter issue sent to everyone"))
