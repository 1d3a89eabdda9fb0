"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a participant reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

ACCOUNT_ACTIVATED = audit_action("account.activated", _("account activated"))
ACCOUNT_LOGGED_IN = audit_action("account.logged_in", _("login"))
ACCOUNT_OTP_BACKUP_CODE_USED = audit_action("account.otp_backup_code_used", _("backup code used to log in"))
ACCOUNT_OTP_BACKUP_CODES_GENERATED = audit_action(
    "account.otp_backup_codes_generated", _("new backup codes made")
)
ACCOUNT_OTP_DEVICE_REMOVED = audit_action("account.otp_device_removed", _("second-factor device removed"))
ACCOUNT_OTP_ENROLLED = audit_action("account.otp_enrolled", _("second factor set up"))
ACCOUNT_OTP_FAILED = audit_action("account.otp_failed", _("wrong second-factor code"))
ACCOUNT_OTP_RESET_BY_ADMINISTRATOR = audit_action(
    "account.otp_reset_by_administrator", _("second factor reset by an administrator")
)
ACCOUNT_OTP_VERIFIED = audit_action("account.otp_verified", _("second factor passed"))
ACCOUNT_REGISTERED = audit_action("account.registered", _("account registered"))
ACCOUNT_REGISTRATION_REPEATED = audit_action(
    "account.registration_repeated", _("registration tried again with existing details")
)
ACCOUNT_STAFF_CREATED = audit_action("account.staff_created", _("staff account created"))
API_TOKEN_CREATED = audit_action("api_token.created", _("API token created"))
API_TOKEN_REVOKED = audit_action("api_token.revoked", _("API token revoked"))
API_TOKEN_REVOKED_PASSWORD_CHANGED = audit_action(
    "api_token.revoked_password_changed", _("API token revoked when the password changed")
)
