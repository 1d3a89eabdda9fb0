"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a participant reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

QUALITY_APPLICATION_SUBMITTED = audit_action(
    "quality.application_submitted", _("quality-mark application submitted")
)
QUALITY_AUDIT_DECLINED_FOR_CONFLICT = audit_action(
    "quality.audit_declined_for_conflict", _("audit declined for a conflict of interest")
)
QUALITY_AUDIT_REPORT_SAVED = audit_action("quality.audit_report_saved", _("audit report saved"))
QUALITY_AUDIT_REPORT_SUBMITTED = audit_action("quality.audit_report_submitted", _("audit report submitted"))
QUALITY_AUDITOR_ASSIGNED = audit_action("quality.auditor_assigned", _("auditor assigned"))
QUALITY_CASE_OPENED = audit_action("quality.case_opened", _("quality-mark case opened"))
QUALITY_CORRECTIVE_ACTION_ADDED = audit_action(
    "quality.corrective_action_added", _("corrective action required")
)
QUALITY_CORRECTIVE_ACTION_COMPLETED = audit_action(
    "quality.corrective_action_completed", _("corrective action completed")
)
QUALITY_EVIDENCE_ADDED = audit_action("quality.evidence_added", _("evidence added"))
QUALITY_EVIDENCE_READ = audit_action("quality.evidence_read", _("evidence read"))
QUALITY_MARK_EXPIRED = audit_action("quality.mark_expired", _("quality mark expired"))
QUALITY_MARK_GRANTED = audit_action("quality.mark_granted", _("quality mark granted"))
QUALITY_MARK_REFUSED = audit_action("quality.mark_refused", _("quality mark refused"))
QUALITY_MARK_REINSTATED = audit_action("quality.mark_reinstated", _("quality mark reinstated"))
QUALITY_MARK_SUSPENDED = audit_action("quality.mark_suspended", _("quality mark suspended"))
QUALITY_MARK_WITHDRAWN = audit_action("quality.mark_withdrawn", _("quality mark withdrawn"))
QUALITY_MONITORING_VISIT_ADDED = audit_action("quality.monitoring_visit_added", _("monitoring visit planned"))
QUALITY_MONITORING_VISIT_RECORDED = audit_action(
    "quality.monitoring_visit_recorded", _("monitoring visit recorded")
)
QUALITY_NO_CONFLICT_DECLARED = audit_action(
    "quality.no_conflict_declared", _("no conflict of interest declared")
)
QUALITY_SELF_ASSESSMENT_SAVED = audit_action("quality.self_assessment_saved", _("self-assessment saved"))
QUALITY_SELF_ASSESSMENT_STARTED = audit_action(
    "quality.self_assessment_started", _("self-assessment started")
)
