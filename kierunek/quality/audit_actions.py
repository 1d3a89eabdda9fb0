"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a participant reads in their data export."""

from kierunek.core.audit_registry import audit_action

QUALITY_APPLICATION_SUBMITTED = audit_action("quality.application_submitted")
QUALITY_AUDIT_DECLINED_FOR_CONFLICT = audit_action("quality.audit_declined_for_conflict")
QUALITY_AUDIT_REPORT_SAVED = audit_action("quality.audit_report_saved")
QUALITY_AUDIT_REPORT_SUBMITTED = audit_action("quality.audit_report_submitted")
QUALITY_AUDITOR_ASSIGNED = audit_action("quality.auditor_assigned")
QUALITY_CASE_OPENED = audit_action("quality.case_opened")
QUALITY_CORRECTIVE_ACTION_ADDED = audit_action("quality.corrective_action_added")
QUALITY_CORRECTIVE_ACTION_COMPLETED = audit_action("quality.corrective_action_completed")
QUALITY_EVIDENCE_ADDED = audit_action("quality.evidence_added")
QUALITY_EVIDENCE_READ = audit_action("quality.evidence_read")
QUALITY_MARK_EXPIRED = audit_action("quality.mark_expired")
QUALITY_MARK_GRANTED = audit_action("quality.mark_granted")
QUALITY_MARK_REFUSED = audit_action("quality.mark_refused")
QUALITY_MARK_REINSTATED = audit_action("quality.mark_reinstated")
QUALITY_MARK_SUSPENDED = audit_action("quality.mark_suspended")
QUALITY_MARK_WITHDRAWN = audit_action("quality.mark_withdrawn")
QUALITY_MONITORING_VISIT_ADDED = audit_action("quality.monitoring_visit_added")
QUALITY_MONITORING_VISIT_RECORDED = audit_action("quality.monitoring_visit_recorded")
QUALITY_NO_CONFLICT_DECLARED = audit_action("quality.no_conflict_declared")
QUALITY_SELF_ASSESSMENT_SAVED = audit_action("quality.self_assessment_saved")
QUALITY_SELF_ASSESSMENT_STARTED = audit_action("quality.self_assessment_started")
