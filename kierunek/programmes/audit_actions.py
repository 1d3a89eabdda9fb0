"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a participant reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

APPLICATION_DRAFT_SAVED = audit_action("application.draft_saved", _("application draft saved"))
APPLICATION_REOPENED = audit_action("application.reopened", _("application reopened"))
APPLICATION_REVIEWED = audit_action("application.reviewed", _("application reviewed by an officer"))
APPLICATION_STARTED = audit_action("application.started", _("application started"))
APPLICATION_SUBMITTED = audit_action("application.submitted", _("application submitted"))
APPLICATION_WITHDRAWN = audit_action("application.withdrawn", _("application withdrawn"))
CONSENT_GIVEN = audit_action("consent.given", _("consent given"))
CONSENT_WITHDRAWN = audit_action("consent.withdrawn", _("consent withdrawn"))
APPLICATION_ATTACHMENT_ADDED = audit_action(
    "application.attachment_added", _("document attached to the application")
)
