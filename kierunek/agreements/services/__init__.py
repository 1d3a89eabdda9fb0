"""Every change of agreements, one module per subject, each in one transaction and audited: the
office's templates (a new version each time), generating agreements and annexes, and signing
(the party's acceptance with a second factor, the countersignature, the termination)."""

from .generation import (
    participation_agreement_prepare,
    participation_annex_prepare,
    participation_annexes_generate,
    provider_agreement_prepare,
)
from .signing import (
    agreement_accept,
    agreement_code_send,
    agreement_countersign,
    party_check,
    provider_agreement_terminate,
    signing_code_issue,
)
from .templates import template_version_save

__all__ = [
    "agreement_accept",
    "agreement_code_send",
    "agreement_countersign",
    "participation_agreement_prepare",
    "participation_annex_prepare",
    "participation_annexes_generate",
    "party_check",
    "provider_agreement_prepare",
    "provider_agreement_terminate",
    "signing_code_issue",
    "template_version_save",
]
