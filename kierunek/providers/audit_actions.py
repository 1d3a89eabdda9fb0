"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a participant reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

PROVIDER_APPROVED = audit_action("provider.approved", _("provider approved"))
PROVIDER_BANK_ACCOUNT_APPROVED = audit_action("provider.bank_account_approved", _("bank account approved"))
PROVIDER_BANK_ACCOUNT_REJECTED = audit_action("provider.bank_account_rejected", _("bank account rejected"))
PROVIDER_BANK_ACCOUNT_REQUESTED = audit_action(
    "provider.bank_account_requested", _("bank account change requested")
)
PROVIDER_BANK_ACCOUNT_SUPERSEDED = audit_action(
    "provider.bank_account_superseded", _("bank account replaced by a new one")
)
PROVIDER_BANK_ACCOUNT_WITHDRAWN = audit_action(
    "provider.bank_account_withdrawn", _("bank account change withdrawn")
)
PROVIDER_BANK_STATEMENT_READ = audit_action("provider.bank_statement_read", _("bank statement read"))
PROVIDER_CERTIFICATE_ADDED = audit_action("provider.certificate_added", _("certificate added"))
PROVIDER_CERTIFICATE_READ = audit_action("provider.certificate_read", _("certificate read"))
PROVIDER_CERTIFICATE_REMOVED = audit_action("provider.certificate_removed", _("certificate removed"))
PROVIDER_MEMBER_INVITED = audit_action("provider.member_invited", _("staff member invited"))
PROVIDER_REGISTERED = audit_action("provider.registered", _("provider registered"))
PROVIDER_REJECTED = audit_action("provider.rejected", _("provider rejected"))
