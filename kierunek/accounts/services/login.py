"""Login and the second factor: the per-address login limit, and every change of a person's
authenticator apps and backup codes (each audited, each told to the owner by e-mail).

``user`` is the account the change is about; ``actor`` who acts and from where (the owner,
unless given; an administrator for a reset)."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify

from ..audit_actions import (
    ACCOUNT_OTP_BACKUP_CODE_USED,
    ACCOUNT_OTP_BACKUP_CODES_GENERATED,
    ACCOUNT_OTP_DEVICE_REMOVED,
    ACCOUNT_OTP_ENROLLED,
    ACCOUNT_OTP_FAILED,
    ACCOUNT_OTP_RESET_BY_ADMINISTRATOR,
    ACCOUNT_OTP_VERIFIED,
)
from ..domain import DEMO_OTP_DEVICE_NAME
from ..models import Role, User

BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "backup"


def login_blocked_for_address(*, ip_address: str | None) -> bool:
    """True when one address has failed KIERUNEK_LOGIN_FAILURES_PER_IP logins within the lockout
    period, across all accounts: django-axes locks one account per address; this stops spraying
    one password over many accounts."""
    if not ip_address:
        return False
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failures or 0) >= settings.KIERUNEK_LOGIN_FAILURES_PER_IP


def security_notice_send(
    *, user: User, subject: str, template: str, context: dict[str, Any] | None = None
) -> None:
    """Tell the owner of an account, after the change commits, that something about how they log
    in has changed: if it was not them, they know to call the office at once."""
    notify(recipients=[user], subject=subject, template=template, context={"user": user, **(context or {})})


# --- Second factor -----------------------------------------------------------------------------
# A security step is a state, not a page: set-up is offered only to an account with no second
# factor yet, or to a session that has passed the factor it has; every change of devices needs the
# current factor, is audited and tells the owner by e-mail.


def _acting(user: User, actor: Actor | None) -> Actor:
    """The actor of a change to ``user``'s own account: the one given, else the owner."""
    return actor if actor is not None else Actor.of(user)


def otp_has_second_factor(*, user: User) -> bool:
    """True when the account has a confirmed authenticator app or unused backup codes: its
    password alone must then never reach a page that shows or adds a secret."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return True
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).exists()


def otp_device_start(*, user: User) -> TOTPDevice:
    """A fresh, unconfirmed TOTP device; any earlier unconfirmed one is replaced."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="default", confirmed=False)


def otp_device_refused(device: TOTPDevice) -> bool:
    """Demo devices have published secrets; only settings that allow them accept them."""
    return device.name == DEMO_OTP_DEVICE_NAME and not settings.KIERUNEK_ALLOW_DEMO_OTP_DEVICES


def otp_throttled(*, user: User) -> bool:
    """After a wrong code django-otp makes every device wait, longer after each failure."""
    devices: list[TOTPDevice | StaticDevice] = [*TOTPDevice.objects.filter(user=user, confirmed=True)]
    devices += StaticDevice.objects.filter(user=user, confirmed=True)
    return any(not device.verify_is_allowed()[0] for device in devices)


def _clean_token(token: str) -> str:
    return token.strip().replace(" ", "").replace("-", "").lower()


def _device_accepting(*, user: User, token: str) -> TOTPDevice | StaticDevice | None:
    """The confirmed device (an app first, then the backup codes) that accepts ``token``. A backup
    code is spent by accepting it."""
    token = _clean_token(token)
    for device in TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"):
        if otp_device_refused(device):
            continue
        if device.verify_token(token):
            return device
    for static in StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk"):
        if static.verify_token(token):
            return static
    return None


def otp_verify(*, user: User, token: str, actor: Actor | None = None) -> TOTPDevice | StaticDevice | None:
    """The confirmed device that accepts ``token`` (an app's code or a one-time backup code), or
    None. Records the outcome."""
    device = _device_accepting(user=user, token=token)
    if device is None:
        audit_record(action=ACCOUNT_OTP_FAILED, actor=_acting(user, actor))
        return None
    if isinstance(device, StaticDevice):
        audit_record(action=ACCOUNT_OTP_BACKUP_CODE_USED, actor=_acting(user, actor))
        remaining = StaticToken.objects.filter(device=device).count()
        security_notice_send(
            user=user,
            subject=gettext_noop("A backup code was used to log in"),
            template="accounts/email/backup_code_used.txt",
            context={"remaining": remaining},
        )
    else:
        audit_record(action=ACCOUNT_OTP_VERIFIED, actor=_acting(user, actor))
    return device


def otp_device_confirm(
    *,
    user: User,
    device: TOTPDevice,
    token: str,
    session_verified: bool,
    current_token: str = "",
    actor: Actor | None = None,
) -> list[str] | None:
    """Confirm enrolment when the person proves their app shows the right code. Returns the new
    backup codes when this is the account's first second factor (an empty list when it is an
    additional device), or None when the code or the person's right to enrol is not proven.

    An account that already has a second factor enrols another device only from a session that has
    passed it *and* with a fresh code from the existing factor (``current_token``): a stolen session
    alone cannot swap the factor."""
    if device.user_id != user.pk or device.confirmed:
        return None
    first = not otp_has_second_factor(user=user)
    if not first:
        if not session_verified:
            raise PermissionDenied(_("Log in with your current second factor first."))
        if _device_accepting(user=user, token=current_token) is None:
            raise ValidationError(
                {"current_token": _("This is not a current code of your existing second factor.")}
            )
    if not device.verify_token(_clean_token(token)):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.name = "default" if first else f"app-{device.pk}"
        device.save(update_fields=["confirmed", "name"])
        audit_record(action=ACCOUNT_OTP_ENROLLED, actor=_acting(user, actor), obj=device)
        codes = otp_backup_codes_generate(user=user, actor=actor) if first else []
        security_notice_send(
            user=user,
            subject=gettext_noop("A second-factor device was added to your account"),
            template="accounts/email/otp_device_added.txt",
        )
    return codes


def otp_backup_codes_generate(*, user: User, actor: Actor | None = None) -> list[str]:
    """Ten new one-time backup codes, replacing any earlier ones; shown once. Each opens one login
    when the phone is lost."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _n in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
        audit_record(action=ACCOUNT_OTP_BACKUP_CODES_GENERATED, actor=_acting(user, actor))
    return codes


def otp_backup_codes_regenerate(*, user: User, current_token: str, actor: Actor | None = None) -> list[str]:
    """New backup codes need a current code from the authenticator app (not a backup code: the
    old codes are about to be replaced, and someone holding a printed code must not renew them)."""
    token = _clean_token(current_token)
    app_ok = any(
        device.verify_token(token)
        for device in TOTPDevice.objects.filter(user=user, confirmed=True)
        if not otp_device_refused(device)
    )
    if not app_ok:
        raise ValidationError({"current_token": _("This is not a current code of your authenticator app.")})
    with transaction.atomic():
        codes = otp_backup_codes_generate(user=user, actor=actor)
        security_notice_send(
            user=user,
            subject=gettext_noop("New backup codes were made for your account"),
            template="accounts/email/backup_codes_generated.txt",
        )
    return codes


def otp_device_remove(*, user: User, device_id: int, current_token: str, actor: Actor | None = None) -> None:
    """Remove an authenticator app with a current code of the second factor. Staff keep at least
    one app: removing the last would leave the password alone between a thief and participants'
    files until the next login's enrolment."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update().filter(pk=device_id, user=user, confirmed=True).first()
        )
        if device is None:
            raise ValidationError(_("There is no such device on your account."))
        others = TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk)
        if user.is_staff_role and not others.exists():
            raise ValidationError(
                _("Your role needs an authenticator app. Add the new app first, then remove the old one.")
            )
        if _device_accepting(user=user, token=current_token) is None:
            raise ValidationError({"current_token": _("This is not a current code of your second factor.")})
        audit_record(
            action=ACCOUNT_OTP_DEVICE_REMOVED,
            actor=_acting(user, actor),
            obj=device,
            details={"device": device.pk},
        )
        device.delete()
        security_notice_send(
            user=user,
            subject=gettext_noop("A second-factor device was removed from your account"),
            template="accounts/email/otp_device_removed.txt",
        )


def otp_reset_by_administrator(*, user: User, actor: Actor) -> int:
    """Recovery when a person lost their phone and their backup codes: an administrator (never the
    person themself) removes every device; at the next login the person enrols a new app. Audited,
    and the owner is told by e-mail. Returns how many devices were removed."""
    if actor.role != Role.ADMINISTRATOR:
        raise PermissionDenied(_("Only an administrator can reset a second factor."))
    if actor.user.pk == user.pk:
        raise PermissionDenied(_("Another administrator must reset your own second factor."))
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).delete()[1].get("otp_totp.TOTPDevice", 0)
        removed += StaticDevice.objects.filter(user=user).delete()[1].get("otp_static.StaticDevice", 0)
        audit_record(
            action=ACCOUNT_OTP_RESET_BY_ADMINISTRATOR,
            actor=actor,
            obj=user,
            details={"devices_removed": removed},
        )
        security_notice_send(
            user=user,
            subject=gettext_noop("Your second factor was reset by an administrator"),
            template="accounts/email/otp_reset.txt",
        )
    return removed
