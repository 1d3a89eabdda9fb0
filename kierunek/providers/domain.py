"""Rules of the providers context that need no database: the MSUES quality-mark state machine
and the states of certificates. Messages are lazy translations; the callers render them."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class CaseState(StrEnum):
    """Where a quality-mark case stands. A case is one application and, if granted, the mark it
    produced, until it ends (refused, withdrawn, expired). A renewal is a new case."""

    APPLICATION = "application"
    SELF_ASSESSMENT = "self_assessment"
    AWAITING_AUDIT = "awaiting_audit"
    AUDIT = "audit"
    AUDIT_REPORTED = "audit_reported"
    GRANTED = "granted"
    REFUSED = "refused"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


STATE_LABELS = {
    CaseState.APPLICATION: _("application being prepared"),
    CaseState.SELF_ASSESSMENT: _("self-assessment"),
    CaseState.AWAITING_AUDIT: _("waiting for an auditor"),
    CaseState.AUDIT: _("audit in progress"),
    CaseState.AUDIT_REPORTED: _("audit report submitted, waiting for the decision"),
    CaseState.GRANTED: _("quality mark granted"),
    CaseState.REFUSED: _("quality mark refused"),
    CaseState.SUSPENDED: _("quality mark suspended"),
    CaseState.WITHDRAWN: _("quality mark withdrawn"),
    CaseState.EXPIRED: _("quality mark expired"),
}

FINAL_STATES = frozenset({CaseState.REFUSED, CaseState.WITHDRAWN, CaseState.EXPIRED})


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[CaseState]
    target: CaseState
    roles: frozenset[str]  # who may take it; "system" is the scheduled expiry
    label: object  # lazy translation


def _t(name: str, sources: set[CaseState], target: CaseState, roles: set[str], label: object) -> Transition:
    return Transition(name, frozenset(sources), target, frozenset(roles), label)


S = CaseState
TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        _t(
            "start_self_assessment",
            {S.APPLICATION},
            S.SELF_ASSESSMENT,
            {"provider_staff"},
            _("start the self-assessment"),
        ),
        _t(
            "submit",
            {S.APPLICATION, S.SELF_ASSESSMENT},
            S.AWAITING_AUDIT,
            {"provider_staff"},
            _("submit the application"),
        ),
        _t("assign_auditor", {S.AWAITING_AUDIT}, S.AUDIT, {"officer"}, _("assign an auditor")),
        _t(
            "decline_for_conflict",
            {S.AUDIT},
            S.AWAITING_AUDIT,
            {"auditor"},
            _("decline the audit (conflict of interest)"),
        ),
        _t("submit_audit_report", {S.AUDIT}, S.AUDIT_REPORTED, {"auditor"}, _("submit the audit report")),
        _t("grant", {S.AUDIT_REPORTED}, S.GRANTED, {"officer"}, _("grant the quality mark")),
        _t("refuse", {S.AUDIT_REPORTED}, S.REFUSED, {"officer"}, _("refuse the quality mark")),
        _t("suspend", {S.GRANTED}, S.SUSPENDED, {"officer"}, _("suspend the quality mark")),
        _t("reinstate", {S.SUSPENDED}, S.GRANTED, {"officer"}, _("lift the suspension")),
        _t("withdraw", {S.GRANTED, S.SUSPENDED}, S.WITHDRAWN, {"officer"}, _("withdraw the quality mark")),
        _t("expire", {S.GRANTED, S.SUSPENDED}, S.EXPIRED, {"system"}, _("expire the quality mark")),
    ]
}


class TransitionRefused(Exception):
    """A transition that the state machine does not allow; ``message`` says why, for a person."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = message


def transition_target(*, state: str, transition: str, role: str) -> CaseState:
    """The state a case moves to, or :class:`TransitionRefused` with the reason."""
    rule = TRANSITIONS.get(transition)
    if rule is None:
        raise TransitionRefused(_("Unknown action."))
    if role not in rule.roles:
        raise TransitionRefused(_("Your role cannot %(action)s.") % {"action": rule.label})
    if CaseState(state) not in rule.sources:
        raise TransitionRefused(
            _("You cannot %(action)s while the case is in the state: %(state)s.")
            % {"action": rule.label, "state": STATE_LABELS[CaseState(state)]}
        )
    return rule.target


def allowed_transitions(*, state: str, role: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if CaseState(state) in t.sources and role in t.roles]


def mark_valid_until(*, granted_on: date, years: int) -> date:
    """A mark granted on 15 March 2026 for 3 years is valid through 14 March 2029."""
    try:
        anniversary = granted_on.replace(year=granted_on.year + years)
    except ValueError:  # 29 February
        anniversary = granted_on.replace(year=granted_on.year + years, day=28) + timedelta(days=1)
    return anniversary - timedelta(days=1)


class CertificateStatus(StrEnum):
    NOT_YET_VALID = "not_yet_valid"
    VALID = "valid"
    EXPIRING_SOON = "expiring_soon"
    EXPIRED = "expired"


CERTIFICATE_STATUS_LABELS = {
    CertificateStatus.NOT_YET_VALID: _("not yet valid"),
    CertificateStatus.VALID: _("valid"),
    CertificateStatus.EXPIRING_SOON: _("expiring soon"),
    CertificateStatus.EXPIRED: _("expired"),
}


def certificate_status(
    *, valid_from: date, valid_to: date | None, today: date, warn_days: int = 60
) -> CertificateStatus:
    """A certificate without an end date stays valid. 'Expiring soon' starts ``warn_days``
    before the last valid day."""
    if today < valid_from:
        return CertificateStatus.NOT_YET_VALID
    if valid_to is None:
        return CertificateStatus.VALID
    if today > valid_to:
        return CertificateStatus.EXPIRED
    if (valid_to - today).days < warn_days:
        return CertificateStatus.EXPIRING_SOON
    return CertificateStatus.VALID
