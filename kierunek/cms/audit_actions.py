"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a person reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

PAGE_PUBLISHED = audit_action("cms.page_published", _("portal page published"))
PAGE_UNPUBLISHED = audit_action("cms.page_unpublished", _("portal page withdrawn"))
NEWS_ANNOUNCED = audit_action("cms.news_announced", _("news item announced to newsletter subscribers"))
REPORT_RECEIVED = audit_action(
    "cms.accessibility_report_received", _("report of an inaccessible element received")
)
REPORT_READ = audit_action("cms.accessibility_report_read", _("report of an inaccessible element opened"))
REPORT_EXTENDED = audit_action(
    "cms.accessibility_report_extended", _("answer to an accessibility report postponed")
)
REPORT_ANSWERED = audit_action("cms.accessibility_report_answered", _("accessibility report answered"))
REPORT_ALTERNATIVE_OFFERED = audit_action(
    "cms.accessibility_report_alternative_offered", _("alternative access offered on an accessibility report")
)
