"""The MSUES quality-mark workflow: every change to a case, its self-assessment, evidence, audit,
decision and monitoring.

Each function runs in one transaction and locks the case row first, so two people acting on one
case queue instead of both passing the same check. A function checks the person (object level:
the provider's own staff, the case's own auditor, an officer who did not audit it), then the state
machine (``workflows.QUALITY_CASE``: role and state), then the input; it raises
``PermissionDenied``, ``TransitionRefused`` or ``ValidationError`` before it writes anything. A case
moves only through ``QUALITY_CASE.apply`` (history ``CaseEvent``, audit record, the provider's
e-mail after commit); every other change writes its own audit record.

The package has one module per subject; the names below are the services' public interface.
"""

from .applications import (
    case_submit,
    evidence_add,
    quality_case_open,
    self_assessment_save,
    self_assessment_start,
)
from .audits import audit_report_save, audit_report_submit, auditor_assign, auditor_declare
from .common import (
    EDITABLE_STATES,
    MARK_STATES,
    MAX_EVIDENCE_PER_STANDARD,
    MAX_MARK_YEARS,
    MAX_TEXT,
    OPEN_STATES,
    FindingInput,
    current_assignment,
)
from .decisions import (
    case_expire,
    case_grant,
    case_refuse,
    case_reinstate,
    case_suspend,
    case_withdraw,
    cases_expire,
)
from .monitoring import (
    corrective_action_add,
    corrective_action_complete,
    monitoring_visit_add,
    monitoring_visit_record,
)

__all__ = [
    "EDITABLE_STATES",
    "MARK_STATES",
    "MAX_EVIDENCE_PER_STANDARD",
    "MAX_MARK_YEARS",
    "MAX_TEXT",
    "OPEN_STATES",
    "FindingInput",
    "audit_report_save",
    "audit_report_submit",
    "auditor_assign",
    "auditor_declare",
    "case_expire",
    "case_grant",
    "case_refuse",
    "case_reinstate",
    "case_submit",
    "case_suspend",
    "case_withdraw",
    "cases_expire",
    "corrective_action_add",
    "corrective_action_complete",
    "current_assignment",
    "evidence_add",
    "monitoring_visit_add",
    "monitoring_visit_record",
    "quality_case_open",
    "self_assessment_save",
    "self_assessment_start",
]
