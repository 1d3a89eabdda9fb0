"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a participant reads in their data export."""

from kierunek.core.audit_registry import audit_action

PROVIDER_APPROVED = audit_action("provider.approved")
PROVIDER_BANK_ACCOUNT_APPROVED = audit_action("provider.bank_account_approved")
PROVIDER_BANK_ACCOUNT_REJECTED = audit_action("provider.bank_account_rejected")
PROVIDER_BANK_ACCOUNT_REQUESTED = audit_action("provider.bank_account_requested")
PROVIDER_BANK_ACCOUNT_SUPERSEDED = audit_action("provider.bank_account_superseded")
PROVIDER_BANK_ACCOUNT_WITHDRAWN = audit_action("provider.bank_account_withdrawn")
PROVIDER_BANK_STATEMENT_READ = audit_action("provider.bank_statement_read")
PROVIDER_CERTIFICATE_ADDED = audit_action("provider.certificate_added")
PROVIDER_CERTIFICATE_READ = audit_action("provider.certificate_read")
PROVIDER_CERTIFICATE_REMOVED = audit_action("provider.certificate_removed")
PROVIDER_MEMBER_INVITED = audit_action("provider.member_invited")
PROVIDER_REGISTERED = audit_action("provider.registered")
PROVIDER_REJECTED = audit_action("provider.rejected")
