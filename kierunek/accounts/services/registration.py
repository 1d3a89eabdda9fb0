"""Registration and activation: a participant creates their own account (never telling whether
the details are already registered) and activates it from the e-mailed link."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_noop

from kierunek.core import pii
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.models import AuditEvent
from kierunek.core.notify import notify
from kierunek.core.validators import normalize_pesel, pesel_birth_date, pesel_sex, validate_pesel

from ..audit_actions import ACCOUNT_ACTIVATED, ACCOUNT_REGISTERED, ACCOUNT_REGISTRATION_REPEATED
from ..domain import TERMS_VERSION
from ..models import Consent, ParticipantProfile, Role, User

REGISTRATION_ACTIONS = (ACCOUNT_REGISTERED, ACCOUNT_REGISTRATION_REPEATED)


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
    actor: Actor | None = None,
) -> User | None:
    """Create a participant's account with their PESEL (encrypted) and the acceptance of the
    terms, inactive until the person opens the activation link sent to the address. One account
    per e-mail and per PESEL; all of it is written or none.

    The caller answers the same whatever happens here: when the e-mail or the PESEL already has an
    account, nothing is created and the owner of that account gets an e-mail instead (returns None),
    so the form cannot tell anyone whether an address or a PESEL is registered. ``actor`` is the
    (anonymous) person registering and the address they came from."""
    actor = actor if actor is not None else Actor()
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
            user=existing, same_email=existing.email.lower() == email.strip().lower(), actor=actor
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
            audit_record(
                action=ACCOUNT_REGISTERED,
                actor=Actor(user=user, ip_address=actor.ip_address),
                obj=profile,
            )
            activation_email_send(user=user)
    except IntegrityError:  # a concurrent registration with the same e-mail or PESEL won
        return None
    return user


def _registration_attempt_on_existing(*, user: User, same_email: bool, actor: Actor) -> None:
    """Someone registered with details of an existing account: its owner hears about it. An
    account never activated gets its activation link again (the person may have lost the first)."""
    with transaction.atomic():
        audit_record(
            action=ACCOUNT_REGISTRATION_REPEATED,
            actor=actor,
            obj=user,
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


def signup_account_create(*, email: str, first_name: str, last_name: str, role: str) -> User:
    """An account a person opens for themself on a public sign-up page of another context (a
    training provider's staff): no password yet, so nobody can log in until the person chooses
    one from the link of :func:`password_setup_path`, which the caller e-mails (it also proves the
    address). The caller has checked that the e-mail is free and audits the sign-up."""
    return User.objects.create_user(
        email.strip(), None, first_name=first_name.strip(), last_name=last_name.strip(), role=role
    )


def first_password_issue(*, user: User) -> str:
    """A new first password for an account another context opened for a person who receives it on
    paper (a broker's assisted registration): set and returned once, never stored in clear. The
    caller audits it and makes sure the person changes it at the first login."""
    password = "-".join(secrets.token_hex(2) for _ in range(4))
    user.set_password(password)
    user.save(update_fields=["password"])
    return password


def password_setup_path(*, user: User) -> str:
    """The path of the one-time link that lets ``user`` choose a password (a reset link)."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:password_reset_confirm", kwargs={"uidb64": uidb64, "token": token})


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


def participant_activate(*, user: User, token: str, actor: Actor | None = None) -> bool:
    """Activate the account if ``token`` is its valid, unused activation token. ``actor`` carries
    the address the link was opened from; the person activating is ``user``."""
    if user.is_active or not activation_token_generator.check_token(user, token):
        return False
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(
            action=ACCOUNT_ACTIVATED,
            actor=Actor(user=user, ip_address=actor.ip_address if actor else None),
            obj=user,
        )
    return True
