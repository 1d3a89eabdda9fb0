"""Every change to accounts: registration, staff accounts, second factor, API tokens."""

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from kierunek.core import pii
from kierunek.core.audit import audit_record
from kierunek.core.validators import normalize_pesel, pesel_birth_date, pesel_sex, validate_pesel

from .domain import DEMO_OTP_DEVICE_NAME, TERMS_VERSION
from .models import STAFF_ROLES, ApiToken, Consent, ParticipantProfile, Role, User

API_TOKEN_PREFIX = "kier_"  # noqa: S105 - a public marker, not a secret


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once; only its hash is stored


def email_taken(email: str) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exists()


def pesel_taken(pesel: str) -> bool:
    return ParticipantProfile.objects.filter(pesel_hash=pii.pesel_lookup_hash(pesel)).exists()


def participant_register(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    pesel: str,
    request: HttpRequest | None = None,
) -> User:
    """Create a participant's account with their PESEL (encrypted) and the acceptance of the
    terms. One account per e-mail and per PESEL; all of it is written or none."""
    pesel = normalize_pesel(pesel)
    validate_pesel(pesel)
    if email_taken(email):
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    if pesel_taken(pesel):
        raise ValidationError({"pesel": _("An account with this PESEL number already exists.")})
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email,
                password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                role=Role.PARTICIPANT,
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
    except IntegrityError as exc:  # a concurrent registration with the same e-mail or PESEL
        raise ValidationError(_("An account with these details already exists.")) from exc
    return user


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
    return any(
        not device.verify_is_allowed()[0] for device in TOTPDevice.objects.filter(user=user, confirmed=True)
    )


def otp_verify(*, user: User, token: str, request: HttpRequest | None = None) -> TOTPDevice | None:
    """The confirmed device that accepts ``token``, or None. Records the outcome."""
    token = token.strip().replace(" ", "")
    for device in TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"):
        if otp_device_refused(device):
            continue
        if device.verify_token(token):
            audit_record(action="account.otp_verified", actor=user, request=request)
            return device
    audit_record(action="account.otp_failed", actor=user, request=request)
    return None


def otp_device_confirm(
    *, user: User, device: TOTPDevice, token: str, request: HttpRequest | None = None
) -> bool:
    """Confirm enrolment when the person proves their app shows the right code."""
    if device.user_id != user.pk or device.confirmed:
        return False
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(action="account.otp_enrolled", actor=user, obj=device, request=request)
    return True


def api_token_create(*, user: User, name: str, request: HttpRequest | None = None) -> IssuedToken:
    secret = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip() or _("API token"),
            prefix=secret[: len(API_TOKEN_PREFIX) + 4],
            key_hash=api_token_hash(secret),
        )
        audit_record(action="api_token.created", actor=user, obj=token, request=request)
    return IssuedToken(token=token, secret=secret)


def api_token_revoke(*, user: User, token_id: int, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(action="api_token.revoked", actor=user, obj=token, request=request)


def api_token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_authenticate(secret: str) -> User | None:
    """The active user a bearer token belongs to, or None."""
    if not secret.startswith(API_TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=api_token_hash(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
