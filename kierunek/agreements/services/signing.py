"""Accepting an agreement with a second factor, the office's countersignature and the termination
of a provider's agreement.

The participant (or the provider's owner) accepts with their own login and a second factor of
their choice: a one-time code e-mailed to them (only its keyed hash is stored; it expires, allows a
few attempts and is spent by the acceptance), or a code of their authenticator app (django-otp,
through the accounts' own verification). The acceptance names the SHA-256 of the PDF the person
read: if it is not the stored PDF's, nothing is accepted. A wrong code is recorded (the attempt and
the audit row) even though the acceptance is refused."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role, User
from kierunek.accounts.services import otp_throttled, otp_verify
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.providers.selectors import provider_is_owner

from .. import domain
from ..audit_actions import AGREEMENT_CODE_REFUSED, AGREEMENT_CODE_SENT
from ..models import Agreement, SigningCode
from ..workflows import AGREEMENT

REASON_MAX = 5000


def _code_hash(*, agreement_id: int, user_id: int, code: str) -> str:
    message = f"{agreement_id}:{user_id}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def party_check(*, agreement: Agreement, user: User) -> None:
    """Only the agreement's own party accepts it: the participant, or the provider's owner."""
    if agreement.kind in domain.PARTICIPANT_KINDS:
        if agreement.participant_id != user.pk:
            raise PermissionDenied(_("This is not your agreement."))
    elif agreement.provider is None or not provider_is_owner(user=user, provider=agreement.provider):
        raise PermissionDenied(_("Only the provider's owner can accept its agreement."))


def signing_code_issue(*, agreement: Agreement, user: User) -> str:
    """A new one-time code for ``user`` to accept ``agreement`` (earlier unused ones end); the
    plain code is returned once, to be e-mailed, and only its hash is kept."""
    now = timezone.now()
    SigningCode.objects.filter(
        agreement=agreement, user=user, used_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)
    code = f"{secrets.randbelow(10**domain.CODE_DIGITS):0{domain.CODE_DIGITS}d}"
    SigningCode.objects.create(
        agreement=agreement,
        user=user,
        code_hash=_code_hash(agreement_id=agreement.pk, user_id=user.pk, code=code),
        expires_at=now + timedelta(minutes=domain.CODE_VALID_MINUTES),
    )
    return code


def agreement_code_send(*, agreement_id: int, actor: Actor) -> None:
    """E-mail the party a one-time code to accept the agreement (a few an hour at most)."""
    require_role(actor.user, Role.PARTICIPANT, Role.PROVIDER_STAFF)
    user = actor.user
    with transaction.atomic():
        agreement = (
            Agreement.objects.select_for_update(of=("self",)).select_related("provider").get(pk=agreement_id)
        )
        party_check(agreement=agreement, user=user)
        if agreement.status != domain.AWAITING:
            raise ValidationError(_("This agreement is already accepted."))
        hour_ago = timezone.now() - timedelta(hours=1)
        if (
            SigningCode.objects.filter(agreement=agreement, user=user, created_at__gte=hour_ago).count()
            >= domain.CODES_PER_HOUR
        ):
            raise ValidationError(
                _("Too many codes were sent in the last hour. Wait a while or use your app.")
            )
        code = signing_code_issue(agreement=agreement, user=user)
        audit_record(action=AGREEMENT_CODE_SENT, actor=actor, obj=agreement)
        notify(
            recipients=[user],
            subject=gettext_noop("Your code to accept the agreement"),
            template="agreements/email/code.txt",
            context={"agreement": agreement, "code": code, "minutes": domain.CODE_VALID_MINUTES},
        )


def _email_code_accepted(*, agreement: Agreement, user: User, code: str, actor: Actor) -> int | None:
    """The id of the live code that matches, or None (the attempt counted, in its own transaction,
    so that a refusal does not undo it)."""
    with transaction.atomic():
        row = (
            SigningCode.objects.select_for_update()
            .filter(agreement=agreement, user=user, used_at__isnull=True, expires_at__gt=timezone.now())
            .order_by("-created_at", "-pk")
            .first()
        )
        if row is not None and row.attempts < domain.CODE_MAX_ATTEMPTS:
            given = _code_hash(agreement_id=agreement.pk, user_id=user.pk, code=code.strip().replace(" ", ""))
            if hmac.compare_digest(given, row.code_hash):
                return row.pk
            SigningCode.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1)
        audit_record(action=AGREEMENT_CODE_REFUSED, actor=actor, obj=agreement, details={"factor": "email"})
    return None


def agreement_accept(
    *, agreement_id: int, actor: Actor, factor: str, code: str, pdf_sha256: str
) -> Agreement:
    """The party accepts the agreement whose PDF has the SHA-256 ``pdf_sha256``, proving it is them
    with ``factor`` (``email``: the code e-mailed; ``app``: their authenticator app's code).
    Records the template version, the time, the client's address and the factor."""
    require_role(actor.user, Role.PARTICIPANT, Role.PROVIDER_STAFF)
    user = actor.user
    if factor not in domain.FACTORS:
        raise ValidationError({"factor": _("Choose how you confirm it is you.")})
    agreement = Agreement.objects.select_related("provider").defer("pdf").get(pk=agreement_id)
    party_check(agreement=agreement, user=user)
    if agreement.status != domain.AWAITING:
        raise ValidationError(_("This agreement is already accepted."))
    if not hmac.compare_digest((pdf_sha256 or "").strip().lower(), agreement.pdf_sha256):
        raise ValidationError(_("The document you read is not the one on file. Open the agreement again."))
    code_id = None
    if factor == domain.FACTOR_EMAIL:
        code_id = _email_code_accepted(agreement=agreement, user=user, code=code or "", actor=actor)
        accepted = code_id is not None
    else:
        accepted = (
            not otp_throttled(user=user) and otp_verify(user=user, token=code or "", actor=actor) is not None
        )
        if not accepted:
            audit_record(action=AGREEMENT_CODE_REFUSED, actor=actor, obj=agreement, details={"factor": "app"})
    if not accepted:
        raise ValidationError(
            {"code": _("This code is not right, or it has expired. Try again or ask for a new one.")}
        )
    with transaction.atomic():
        agreement = (
            Agreement.objects.select_for_update(of=("self",)).select_related("version").get(pk=agreement_id)
        )
        if code_id is not None and not SigningCode.objects.filter(pk=code_id, used_at__isnull=True).update(
            used_at=timezone.now()
        ):
            raise ValidationError({"code": _("This code was already used. Ask for a new one.")})
        agreement.accepted_at = timezone.now()
        agreement.accepted_by = user
        agreement.accepted_ip = actor.ip_address
        agreement.accepted_factor = factor
        AGREEMENT.apply(
            agreement,
            "accept",
            actor=actor,
            fields=["accepted_at", "accepted_by", "accepted_ip", "accepted_factor"],
            details={
                "version": agreement.version_id,
                "version_number": agreement.version.number,
                "sha256": agreement.pdf_sha256,
                "factor": factor,
            },
        )
    return agreement


def agreement_countersign(*, agreement_id: int, actor: Actor) -> Agreement:
    """An officer countersigns an accepted agreement (a provider's is then in force)."""
    require_role(actor.user, Role.OFFICER)
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update(of=("self",)).get(pk=agreement_id)
        agreement.countersigned_at = timezone.now()
        agreement.countersigned_by = actor.user
        AGREEMENT.apply(
            agreement, "countersign", actor=actor, fields=["countersigned_at", "countersigned_by"]
        )
    return agreement


def provider_agreement_terminate(
    *, agreement_id: int, actor: Actor, reason: str, no_bookings_after: date
) -> Agreement:
    """An officer terminates a provider's agreement with a reason; new bookings are refused after
    ``no_bookings_after`` (today at the earliest; bookings already made stand)."""
    require_role(actor.user, Role.OFFICER)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason of the termination.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("At most %(limit)d characters.") % {"limit": REASON_MAX}})
    if no_bookings_after < timezone.localdate():
        raise ValidationError({"no_bookings_after": _("The day cannot be in the past.")})
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update(of=("self",)).get(pk=agreement_id)
        if agreement.kind != domain.PROVIDER:
            raise ValidationError(_("Only a provider's agreement is terminated here."))
        agreement.terminated_at = timezone.now()
        agreement.terminated_by = actor.user
        agreement.termination_reason = reason
        agreement.no_bookings_after = min(no_bookings_after, agreement.valid_until or no_bookings_after)
        AGREEMENT.apply(
            agreement,
            "terminate",
            actor=actor,
            note=reason,
            fields=["terminated_at", "terminated_by", "termination_reason", "no_bookings_after"],
            details={"no_bookings_after": agreement.no_bookings_after.isoformat()},
        )
    return agreement
