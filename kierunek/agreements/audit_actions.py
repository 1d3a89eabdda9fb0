"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a participant reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

TEMPLATE_VERSION_SAVED = audit_action(
    "agreements.template_version_saved", _("agreement template version saved")
)
AGREEMENT_GENERATED = audit_action("agreements.agreement_generated", _("agreement generated"))
AGREEMENT_CODE_SENT = audit_action("agreements.code_sent", _("code to accept an agreement e-mailed"))
AGREEMENT_CODE_REFUSED = audit_action("agreements.code_refused", _("wrong code to accept an agreement"))
AGREEMENT_ACCEPTED = audit_action("agreements.agreement_accepted", _("agreement accepted"))
AGREEMENT_COUNTERSIGNED = audit_action(
    "agreements.agreement_countersigned", _("agreement countersigned by the office")
)
AGREEMENT_TERMINATED = audit_action("agreements.agreement_terminated", _("agreement terminated"))
AGREEMENT_READ = audit_action("agreements.agreement_read", _("agreement opened by the office"))
