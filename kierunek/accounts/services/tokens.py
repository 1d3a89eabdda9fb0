"""API tokens: made (shown once, only a hash kept), revoked by their owner or by a password
change, and checked on each API call.

``user`` is the token's owner; ``actor`` who acts and from where (the owner, unless given)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record

from ..audit_actions import API_TOKEN_CREATED, API_TOKEN_REVOKED, API_TOKEN_REVOKED_PASSWORD_CHANGED
from ..models import ApiToken, User

API_TOKEN_PREFIX = "kier_"  # noqa: S105 - a public marker, not a secret
API_TOKEN_LIFETIME_DAYS = 90
API_TOKEN_LIFETIME_CHOICES = (30, 90, 180, 365)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once; only its hash is stored


@dataclass(frozen=True)
class AuthenticatedToken:
    user: User
    token: ApiToken


def api_token_create(
    *,
    user: User,
    name: str,
    read_only: bool = False,
    lifetime_days: int = API_TOKEN_LIFETIME_DAYS,
    session_verified: bool | None = None,
    actor: Actor | None = None,
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
            action=API_TOKEN_CREATED,
            actor=actor if actor is not None else Actor.of(user),
            obj=token,
            details={"read_only": read_only, "lifetime_days": lifetime_days},
        )
    return IssuedToken(token=token, secret=secret)


def api_token_revoke(*, user: User, token_id: int, actor: Actor | None = None) -> None:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.revoked_reason = ApiToken.RevokedReason.OWNER
            token.save(update_fields=["revoked_at", "revoked_reason"])
            audit_record(
                action=API_TOKEN_REVOKED, actor=actor if actor is not None else Actor.of(user), obj=token
            )


def api_tokens_revoke_for_password_change(*, user: User, actor: Actor | None = None) -> int:
    """A changed password ends every token of the account, as it ends the other sessions: whoever
    learnt the old password may have made one. Returns how many were revoked."""
    with transaction.atomic():
        revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=ApiToken.RevokedReason.PASSWORD_CHANGED
        )
        if revoked:
            audit_record(
                action=API_TOKEN_REVOKED_PASSWORD_CHANGED,
                actor=actor if actor is not None else Actor.of(user),
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
