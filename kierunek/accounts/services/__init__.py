"""Every change to accounts, one module per subject: ``registration`` (participants register and
activate), ``staff`` (staff accounts), ``login`` (the login limit and the second factor) and
``tokens`` (API tokens). Inside the context, import from the sub-modules; the names below are for
the other contexts and the tests."""

from .login import (
    BACKUP_CODE_COUNT,
    BACKUP_DEVICE_NAME,
    login_blocked_for_address,
    otp_backup_codes_generate,
    otp_backup_codes_regenerate,
    otp_device_confirm,
    otp_device_refused,
    otp_device_remove,
    otp_device_start,
    otp_has_second_factor,
    otp_reset_by_administrator,
    otp_throttled,
    otp_verify,
    security_notice_send,
)
from .registration import (
    REGISTRATION_ACTIONS,
    activation_email_send,
    activation_token_generator,
    email_taken,
    participant_activate,
    participant_register,
    registration_rate_limited,
)
from .staff import password_setup_email_send, staff_account_create
from .tokens import (
    API_TOKEN_LIFETIME_CHOICES,
    API_TOKEN_LIFETIME_DAYS,
    API_TOKEN_PREFIX,
    AuthenticatedToken,
    IssuedToken,
    api_token_authenticate,
    api_token_create,
    api_token_hash,
    api_token_revoke,
    api_tokens_revoke_for_password_change,
)

__all__ = [
    "API_TOKEN_LIFETIME_CHOICES",
    "API_TOKEN_LIFETIME_DAYS",
    "API_TOKEN_PREFIX",
    "BACKUP_CODE_COUNT",
    "BACKUP_DEVICE_NAME",
    "REGISTRATION_ACTIONS",
    "AuthenticatedToken",
    "IssuedToken",
    "activation_email_send",
    "activation_token_generator",
    "api_token_authenticate",
    "api_token_create",
    "api_token_hash",
    "api_token_revoke",
    "api_tokens_revoke_for_password_change",
    "email_taken",
    "login_blocked_for_address",
    "otp_backup_codes_generate",
    "otp_backup_codes_regenerate",
    "otp_device_confirm",
    "otp_device_refused",
    "otp_device_remove",
    "otp_device_start",
    "otp_has_second_factor",
    "otp_reset_by_administrator",
    "otp_throttled",
    "otp_verify",
    "participant_activate",
    "participant_register",
    "password_setup_email_send",
    "registration_rate_limited",
    "security_notice_send",
    "staff_account_create",
]
