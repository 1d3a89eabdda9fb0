"""Every change to accounts: registration, staff accounts, second factor, API tokens."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kierunek.core import pii
from kierunek.core.audit import audit_record
from kierunek.core.models import AuditEvent
from kierunek.core.notify import notify
from kierunek.core.validators import normalize_pesel, pesel_birth_date, pesel_sex, validate_pesel

from .domain import DEMO_OTP_DEVICE_NAME, TERMS_VERSION
from .models import STAFF_ROLES, ApiToken, Consent, ParticipantProfile, Role, User

API_TOKEN_PREFIX = "kier_"  # noqa: S105 - a public marker, not a secret


REGISTRATION_ACTIONS = ("account.registered", "account.registration_repeated")
API_TOKEN_LIFETIME_DAYS = 90
API_TOKEN_LIFETIME_CHOICES = (30, 90, 180, 365)
BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "backup"


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once; only its hash is stored


@dataclass(frozen=True)
class AuthenticatedToken:
    user: User
    token: ApiToken


def email_taken(email: str) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exists()


class _ActivationTokenGenerator(PasswordResetTokenGenerator):
    """A one-time link that activates a new participant's account: it stops working once the
    account is active (the activity flag is part of the signed value) and after
    PASSWORD_RESET_TIMEOUT, like a reset link."""

    key_salt = "kierunek.accounts.activation"

    def _make_hash_value(self, user: AbstractBaseUser, timestamp: int) -> str:
        return f"{user.pk}{user.is_active}{getattr(user, 'email', '')}{timestamp}"


activation_token_generator = _ActivationTokenGenerator()


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


def registration_rate_limited(*, ip_address: str | None) -> bool:
    """More than KIERUNEK_REGISTRATION_LIMIT attempts from one address within an hour are refused:
    registration answers the same for known and new details, and this keeps anyone from probing
    or flooding owners' inboxes at scale."""
    if not ip_address:
        return False
    since = timezone.now() - timedelta(hours=1)
    attempts = AuditEvent.objects.filter(
        action__in=REGISTRATION_ACTIONS, ip_address=ip_address, occurred_at__gte=since
    ).count()
    return attempts >= settings.KIERUNEK_REGISTRATION_LIMIT


def participant_register(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    pesel: str,
    request: HttpRequest | None = None,
) -> User | None:
    """Create a participant's account with their PESEL (encrypted) and the acceptance of the
    terms, inactive until the person opens the activation link sent to the address. One account
    per e-mail and per PESEL; all of it is written or none.

    The caller answers the same whatever happens here: when the e-mail or the PESEL already has an
    account, nothing is created and the owner of that account gets an e-mail instead (returns None),
    so the form cannot tell anyone whether an address or a PESEL is registered."""
    pesel = normalize_pesel(pesel)
    validate_pesel(pesel)
    existing = User.objects.filter(email__iexact=email.strip()).first()
    if existing is None:
        same_pesel = ParticipantProfile.objects.select_related("user").filter(
            pesel_hash=pii.pesel_lookup_hash(pesel)
        )
        existing_profile = same_pesel.first()
        existing = existing_profile.user if existing_profile is not None else None
    if existing is not None:
        make_password(password)  # the same work as a new account, so the time does not tell either
        _registration_attempt_on_existing(
            user=existing, same_email=existing.email.lower() == email.strip().lower(), request=request
        )
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email,
                password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                role=Role.PARTICIPANT,
                is_active=False,
            )
            profile = ParticipantProfile.objects.create(
                user=user,
                pesel=pesel,
                pesel_hash=pii.pesel_lookup_hash(pesel),
                birth_date=pesel_birth_date(pesel),
                sex=pesel_sex(pesel),
            )
            Consent.objects.create(user=user, kind=Consent.Kind.TERMS, text_version=TERMS_VERSION)
            audit_record(action="account.registered", actor=user, obj=profile, request=request)
            activation_email_send(user=user)
    except IntegrityError:  # a concurrent registration with the same e-mail or PESEL won
        return None
    return user


def _registration_attempt_on_existing(*, user: User, same_email: bool, request: HttpRequest | None) -> None:
    """Someone registered with details of an existing account: its owner hears about it. An
    account never activated gets its activation link again (the person may have lost the first)."""
    with transaction.atomic():
        audit_record(
            action="account.registration_repeated",
            obj=user,
            request=request,
            details={"matched": "email" if same_email else "pesel"},
        )
        if not user.is_active and user.last_login is None and same_email:
            activation_email_send(user=user)
            return
        notify(
            recipients=[user],
            subject=gettext_noop("Someone tried to create an account with your details"),
            template="accounts/email/registration_duplicate.txt",
            context={"user": user, "same_email": same_email},
        )


def activation_email_send(*, user: User) -> None:
    """The link that activates a new account, sent after the transaction commits."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = activation_token_generator.make_token(user)
    path = reverse("accounts:activate", kwargs={"uidb64": uidb64, "token": token})
    notify(
        recipients=[user],
        subject=gettext_noop("Activate your Kierunek account"),
        template="accounts/email/activation.txt",
        context={"user": user, "path": path},
    )


def participant_activate(*, user: User, token: str, request: HttpRequest | None = None) -> bool:
    """Activate the account if ``token`` is its valid, unused activation token."""
    if user.is_active or not activation_token_generator.check_token(user, token):
        return False
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(action="account.activated", actor=user, obj=user, request=request)
    return True


def staff_account_create(
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    created_by: User,
    request: HttpRequest | None = None,
) -> User:
    """An administrator creates a staff account. The new person sets their own password from
    the e-mail they receive; they enrol a second factor at first login."""
    if created_by.role != Role.ADMINISTRATOR:
        raise PermissionError("Only an administrator creates staff accounts.")
    if role not in STAFF_ROLES:
        raise ValidationError({"role": _("Choose a staff role. Participants register themselves.")})
    if email_taken(email):
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    with transaction.atomic():
        user = User.objects.create_user(
            email,
            None,
            first_name=first_name,
            last_name=last_name,
            role=role,
            is_staff=role == Role.ADMINISTRATOR,
        )
        audit_record(
            action="account.staff_created",
            actor=created_by,
            obj=user,
            request=request,
            details={"role": role},
        )
        transaction.on_commit(lambda: password_setup_email_send(user=user, request=request))
    return user


def password_setup_email_send(*, user: User, request: HttpRequest | None) -> None:
    """Send a new staff member the one-time link that lets them choose a password (the same
    signed link as a password reset; Django's reset form skips accounts with no password yet)."""
    if request is not None:
        base_url = f"{request.scheme}://{request.get_host()}"
    else:
        base_url = settings.KIERUNEK_SITE_URL
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uidb64, "token": token})
    context = {"user": user, "link": base_url + path, "role": Role(user.role).label}
    subject = " ".join(render_to_string("accounts/email/account_created_subject.txt", context).split())
    body = render_to_string("accounts/email/account_created.txt", context)
    send_mail(subject, body, None, [user.email])


def security_notice_send(*, user: User, subject: str, template: str, context: dict | None = None) -> None:
    """Tell the owner of an account, after the change commits, that something about how they log
    in has changed: if it was not them, they know to call the office at once."""
    notify(recipients=[user], subject=subject, template=template, context={"user": user, **(context or {})})


# --- Second factor -----------------------------------------------------------------------------
# A security step is a state, not a page: set-up is offered only to an account with no second
# factor yet, or to a session that has passed the factor it has; every change of devices needs the
# current factor, is audited and tells the owner by e-mail.


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


def otp_verify(
    *, user: User, token: str, request: HttpRequest | None = None
) -> TOTPDevice | StaticDevice | None:
    """The confirmed device that accepts ``token`` (an app's code or a one-time backup code), or
    None. Records the outcome."""
    device = _device_accepting(user=user, token=token)
    if device is None:
        audit_record(action="account.otp_failed", actor=user, request=request)
        return None
    if isinstance(device, StaticDevice):
        audit_record(action="account.otp_backup_code_used", actor=user, request=request)
        remaining = StaticToken.objects.filter(device=device).count()
        security_notice_send(
            user=user,
            subject=gettext_noop("A backup code was used to log in"),
            template="accounts/email/backup_code_used.txt",
            context={"remaining": remaining},
        )
    else:
        audit_record(action="account.otp_verified", actor=user, request=request)
    return device


def otp_device_confirm(
    *,
    user: User,
    device: TOTPDevice,
    token: str,
    session_verified: bool,
    current_token: str = "",
    request: HttpRequest | None = None,
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
        audit_record(action="account.otp_enrolled", actor=user, obj=device, request=request)
        codes = otp_backup_codes_generate(user=user, request=request) if first else []
        security_notice_send(
            user=user,
            subject=gettext_noop("A second-factor device was added to your account"),
            template="accounts/email/otp_device_added.txt",
        )
    return codes


def otp_backup_codes_generate(*, user: User, request: HttpRequest | None = None) -> list[str]:
    """Ten new one-time backup codes, replacing any earlier ones; shown once. Each opens one login
    when the phone is lost."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _n in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
        audit_record(action="account.otp_backup_codes_generated", actor=user, request=request)
    return codes


def otp_backup_codes_regenerate(
    *, user: User, current_token: str, request: HttpRequest | None = None
) -> list[str]:
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
        codes = otp_backup_codes_generate(user=user, request=request)
        security_notice_send(
            user=user,
            subject=gettext_noop("New backup codes were made for your account"),
            template="accounts/email/backup_codes_generated.txt",
        )
    return codes


def otp_device_remove(
    *, user: User, device_id: int, current_token: str, request: HttpRequest | None = None
) -> None:
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
            action="account.otp_device_removed",
            actor=user,
            obj=device,
            request=request,
            details={"device": device.pk},
        )
        device.delete()
        security_notice_send(
            user=user,
            subject=gettext_noop("A second-factor device was removed from your account"),
            template="accounts/email/otp_device_removed.txt",
        )


def otp_reset_by_administrator(*, user: User, actor: User, request: HttpRequest | None = None) -> int:
    """Recovery when a person lost their phone and their backup codes: an administrator (never the
    person themself) removes every device; at the next login the person enrols a new app. Audited,
    and the owner is told by e-mail. Returns how many devices were removed."""
    if actor.role != Role.ADMINISTRATOR:
        raise PermissionDenied(_("Only an administrator can reset a second factor."))
    if actor.pk == user.pk:
        raise PermissionDenied(_("Another administrator must reset your own second factor."))
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).delete()[1].get("otp_totp.TOTPDevice", 0)
        removed += StaticDevice.objects.filter(user=user).delete()[1].get("otp_static.StaticDevice", 0)
        audit_record(
            action="account.otp_reset_by_administrator",
            actor=actor,
            obj=user,
            request=request,
            details={"devices_removed": removed},
        )
        security_notice_send(
            user=user,
            subject=gettext_noop("Your second factor was reset by an administrator"),
            template="accounts/email/otp_reset.txt",
        )
    return removed


# --- API tokens -------------------------------------------------------------------------------


def api_token_create(
    *,
    user: User,
    name: str,
    read_only: bool = False,
    lifetime_days: int = API_TOKEN_LIFETIME_DAYS,
    session_verified: bool | None = None,
    request: HttpRequest | None = None,
) -> IssuedToken:
    """A new bearer token, shown once. From a web session (``session_verified`` given), staff need a
    session that has passed the second factor: a token outlives the session and carries every
    right of the role."""
    if session_verified is False and user.is_staff_role:
        raise PermissionDenied(_("Log in with your second factor before you create a token."))
    if lifetime_days not in API_TOKEN_LIFETIME_CHOICES:
        raise ValidationError({"lifetime_days": _("Choose one of the offered validity periods.")})
    secret = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip() or _("API token"),
            prefix=secret[: len(API_TOKEN_PREFIX) + 4],
            key_hash=api_token_hash(secret),
            read_only=read_only,
            password_fingerprint=user.get_session_auth_hash(),
            expires_at=now + timedelta(days=lifetime_days),
        )
        audit_record(
            action="api_token.created",
            actor=user,
            obj=token,
            request=request,
            details={"read_only": read_only, "lifetime_days": lifetime_days},
        )
    return IssuedToken(token=token, secret=secret)


def api_token_revoke(*, user: User, token_id: int, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.revoked_reason = ApiToken.RevokedReason.OWNER
            token.save(update_fields=["revoked_at", "revoked_reason"])
            audit_record(action="api_token.revoked", actor=user, obj=token, request=request)


def api_tokens_revoke_for_password_change(*, user: User, request: HttpRequest | None = None) -> int:
    """A changed password ends every token of the account, as it ends the other sessions: whoever
    learnt the old password may have made one. Returns how many were revoked."""
    with transaction.atomic():
        revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=ApiToken.RevokedReason.PASSWORD_CHANGED
        )
        if revoked:
            audit_record(
                action="api_token.revoked_password_changed",
                actor=user,
                request=request,
                details={"tokens": revoked},
            )
    return revoked


def api_token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_authenticate(secret: str) -> AuthenticatedToken | None:
    """The token and its active owner, or None: unknown, revoked, expired, or made under a password
    that has since changed (whatever path changed it: the page, a reset link, the admin or a
    command; the token is then revoked for good)."""
    if not secret.startswith(API_TOKEN_PREFIX):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(
            key_hash=api_token_hash(secret), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True
        )
        .first()
    )
    if token is None:
        return None
    if not secrets.compare_digest(token.password_fingerprint, token.user.get_session_auth_hash()):
        api_tokens_revoke_for_password_change(user=token.user)
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return AuthenticatedToken(user=token.user, token=token)
