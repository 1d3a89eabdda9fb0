"""Staff accounts: an administrator creates them; the new person chooses a password from the
e-mailed link and enrols a second factor at first login."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify, site_link

from ..audit_actions import ACCOUNT_STAFF_CREATED
from ..models import STAFF_ROLES, Role, User
from .registration import email_taken


def staff_account_create(
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    actor: Actor,
) -> User:
    """An administrator creates a staff account. The new person sets their own password from
    the e-mail they receive; they enrol a second factor at first login."""
    if actor.role != Role.ADMINISTRATOR:
        raise PermissionError("Only an administrator creates staff accounts.")
    if role not in STAFF_ROLES:
        raise ValidationError({"role": _("Choose a staff role. Participants register themselves.")})
    with transaction.atomic():
        user = invited_account_create(
            email=email,
            first_name=first_name,
            last_name=last_name,
            role=role,
            is_staff=role == Role.ADMINISTRATOR,
        )
        audit_record(
            action=ACCOUNT_STAFF_CREATED,
            actor=actor,
            obj=user,
            details={"role": role},
        )
    return user


def invited_account_create(
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    is_staff: bool = False,
) -> User:
    """An account somebody else opens for a person (an administrator for staff, a provider's owner
    for a colleague): no password yet; the person chooses one from the link e-mailed after the
    commit. The caller has checked that its actor may do this, and audits it."""
    if email_taken(email):
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    user = User.objects.create_user(
        email, None, first_name=first_name, last_name=last_name, role=role, is_staff=is_staff
    )
    transaction.on_commit(lambda: password_setup_email_send(user=user))
    return user


def password_setup_email_send(*, user: User) -> None:
    """Send a new staff member the one-time link that lets them choose a password (the same
    signed link as a password reset; Django's reset form skips accounts with no password yet),
    on the site's configured address."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uidb64, "token": token})
    notify(
        recipients=[user],
        subject=gettext_noop("Your staff account is ready"),
        template="accounts/email/account_created.txt",
        context={"user": user, "link": site_link(path), "role": Role(user.role).label},
    )
