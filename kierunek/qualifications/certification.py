"""Certificates of qualifications (issue 16 §4, decision 0018): issue, renew, revoke, the holder's
choice of how their name is shown, and the public lookup by verification code.

Only a signer of the certificate's institution (an active :class:`CertificationStaff` row with the
``signer`` function) issues, renews or revokes: the act on the ZSK makes certification the
institution's act, signed by the person it authorised. The validation context (a layer above)
calls :func:`certificate_issue` after a positive validation, with its reference; until then the
signer's page calls it directly.

A certificate's number runs in the institution's series for the year, taken under the lock of the
institution's row, with a unique constraint on (institution, year, sequence) as the backstop. A
renewal locks the old certificate (the workflow) and then the institution; nothing locks them the
other way round, so the two cannot wait on each other."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.models import AuditEvent
from kierunek.core.notify import notify
from kierunek.events.domain import code_normalised, code_well_formed, random_code

from . import domain
from .audit_actions import CERTIFICATE_CONSENT_CHANGED, CERTIFICATE_ISSUED, CERTIFICATE_LOOKUP_FAILED
from .models import (
    Authorisation,
    Certificate,
    CertificationStaff,
    CertifyingInstitution,
    HolderNameConsent,
    OutcomeSet,
    Qualification,
    StaffFunction,
)
from .workflows import CERTIFICATE

MAX_REASON_LENGTH = 2000


class LookupLimited(Exception):
    """Too many unknown codes looked up from one address within the hour."""


def is_signer(*, user: User | None, institution_id: int) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.role == Role.CERTIFICATION_STAFF
        and CertificationStaff.objects.filter(
            institution_id=institution_id, user=user, function=StaffFunction.SIGNER, active=True
        ).exists()
    )


def require_signer(*, actor: Actor, institution_id: int) -> None:
    """PermissionDenied unless the actor signs certificates for the institution."""
    if not is_signer(user=actor.user, institution_id=institution_id):
        raise PermissionDenied(_("Only a person who signs certificates for the institution may do this."))


def is_authorised(*, institution: CertifyingInstitution, qualification: Qualification, on: date) -> bool:
    return (
        Authorisation.objects.filter(institution=institution, qualification=qualification, valid_from__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .exists()
    )


def _new_code() -> str:
    while True:
        code = random_code(domain.CERTIFICATE_CODE_LENGTH)
        if not Certificate.objects.filter(code=code).exists():
            return code


def _outcome_sets_checked(
    qualification: Qualification, outcome_sets: Sequence[OutcomeSet] | None
) -> list[dict[str, str]]:
    own = list(qualification.outcome_sets.order_by("position", "pk"))
    if outcome_sets is None:
        chosen = own
    else:
        ids = {outcome_set.pk for outcome_set in outcome_sets}
        if not ids <= {outcome_set.pk for outcome_set in own}:
            raise ValidationError(
                {"outcome_sets": [_("Every set of learning outcomes must be one of the qualification's.")]}
            )
        chosen = [outcome_set for outcome_set in own if outcome_set.pk in ids]
    if not chosen:
        raise ValidationError(
            {"outcome_sets": [_("Choose at least one set of learning outcomes certified.")]}
        )
    return [{"code": outcome_set.code, "name": outcome_set.name} for outcome_set in chosen]


def _create(
    *,
    actor: Actor,
    institution: CertifyingInstitution,
    holder: User,
    qualification: Qualification,
    outcome_sets: list[dict[str, str]],
    holder_name: str,
    issued_on: date,
    source_reference: str,
    name_consent: str = domain.CONSENT_INITIALS,
    renewal_of: Certificate | None = None,
) -> Certificate:
    CertifyingInstitution.objects.select_for_update().get(pk=institution.pk)
    last = Certificate.objects.filter(institution=institution, year=issued_on.year).aggregate(
        last=Max("sequence")
    )["last"]
    sequence = (last or 0) + 1
    certificate = Certificate.objects.create(
        number=domain.certificate_number(
            institution_id=institution.pk, year=issued_on.year, sequence=sequence
        ),
        year=issued_on.year,
        sequence=sequence,
        institution=institution,
        qualification=qualification,
        holder=holder,
        holder_name=holder_name,
        outcome_sets=outcome_sets,
        issued_on=issued_on,
        valid_until=domain.certificate_valid_until(issued_on, qualification.certificate_validity_years),
        signer=actor.user,
        code=_new_code(),
        name_consent=name_consent,
        renewal_of=renewal_of,
        source_reference=source_reference,
    )
    audit_record(
        action=CERTIFICATE_ISSUED,
        actor=actor,
        obj=certificate,
        details={
            "number": certificate.number,
            "holder": holder.pk,
            "qualification": qualification.code,
            "renewal_of": renewal_of.number if renewal_of is not None else "",
            "source_reference": source_reference,
        },
    )
    notify(
        recipients=[holder],
        subject=gettext_noop("Your certificate of a qualification"),
        template="qualifications/email/certificate_issued.txt",
        context={"certificate": certificate},
    )
    return certificate


def certificate_issue(
    *,
    actor: Actor,
    institution: CertifyingInstitution,
    holder: User,
    qualification: Qualification,
    outcome_sets: Sequence[OutcomeSet] | None = None,
    holder_name: str = "",
    issued_on: date | None = None,
    source_reference: str = "",
) -> Certificate:
    """Issue the certificate of ``qualification`` to ``holder`` for ``outcome_sets`` (all of the
    qualification's when None), signed by the actor, who must sign for ``institution``; the
    institution must be authorised for the qualification that day. ``holder_name`` is the name as
    printed (the account's by default); ``source_reference`` is the caller's opaque reference (the
    validation that led here). Runs in the caller's transaction, or its own; the holder is mailed
    after the commit."""
    require_signer(actor=actor, institution_id=institution.pk)
    issued_on = issued_on or timezone.localdate()
    if issued_on > timezone.localdate():
        raise ValidationError({"issued_on": [_("A certificate cannot be dated in the future.")]})
    if holder.role != Role.PARTICIPANT or not holder.is_active:
        raise ValidationError({"holder": [_("A certificate is issued to a participant's active account.")]})
    if not is_authorised(institution=institution, qualification=qualification, on=issued_on):
        raise ValidationError(
            _("The institution is not authorised to certify this qualification on that day.")
        )
    name = " ".join((holder_name or holder.get_full_name()).split())
    if not name:
        raise ValidationError({"holder_name": [_("Give the holder's name as it is to be printed.")]})
    if len(name) > 300 or len(source_reference) > 200:
        raise ValidationError(_("The name or the reference is too long."))
    sets = _outcome_sets_checked(qualification, outcome_sets)
    with transaction.atomic():
        return _create(
            actor=actor,
            institution=institution,
            holder=holder,
            qualification=qualification,
            outcome_sets=sets,
            holder_name=name,
            issued_on=issued_on,
            source_reference=source_reference.strip(),
        )


def certificate_revoke(*, actor: Actor, certificate_id: int, reason: str) -> Certificate:
    """Revoke the certificate, with the reason the public verification and the holder are told."""
    certificate = Certificate.objects.select_related("institution", "qualification", "holder").get(
        pk=certificate_id
    )
    require_signer(actor=actor, institution_id=certificate.institution_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for revoking the certificate.")]})
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError({"reason": [_("The reason is too long.")]})
    certificate.revocation_reason = reason
    certificate.revoked_at = timezone.now()
    CERTIFICATE.apply(
        certificate,
        "revoke",
        actor=actor,
        fields=["revocation_reason", "revoked_at"],
        note=reason,
        details={"number": certificate.number, "reason": reason},
    )
    return certificate


def certificate_renew(*, actor: Actor, certificate_id: int, issued_on: date | None = None) -> Certificate:
    """Renew the certificate (the qualification's renewal conditions met, as the signer checked):
    a new certificate of the same holder, qualification and outcome sets, with new dates and a new
    number and code, takes its place; the old one is marked renewed and points to it. Returns the
    new one."""
    old = Certificate.objects.select_related("institution", "qualification", "holder").get(pk=certificate_id)
    require_signer(actor=actor, institution_id=old.institution_id)
    issued_on = issued_on or timezone.localdate()
    if issued_on > timezone.localdate() or issued_on < old.issued_on:
        raise ValidationError(
            {"issued_on": [_("A renewal is dated between the certificate's issue and today.")]}
        )
    if not is_authorised(institution=old.institution, qualification=old.qualification, on=issued_on):
        raise ValidationError(
            _("The institution is not authorised to certify this qualification on that day.")
        )
    with transaction.atomic():
        CERTIFICATE.apply(old, "renew", actor=actor, details={"number": old.number})
        return _create(
            actor=actor,
            institution=old.institution,
            holder=old.holder,
            qualification=old.qualification,
            outcome_sets=list(old.outcome_sets),
            holder_name=old.holder_name,
            issued_on=issued_on,
            source_reference=old.source_reference,
            name_consent=old.name_consent,
            renewal_of=old,
        )


def certificate_consent_set(*, actor: Actor, certificate_id: int, consent: str) -> Certificate:
    """The holder chooses how much of their name the public verification shows."""
    if consent not in HolderNameConsent.values:
        raise ValidationError({"name_consent": [_("Choose one of the options.")]})
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
        if actor.user is None or certificate.holder_id != actor.user.pk:
            raise Certificate.DoesNotExist
        if certificate.name_consent != consent:
            before = certificate.name_consent
            certificate.name_consent = consent
            certificate.save(update_fields=["name_consent"])
            audit_record(
                action=CERTIFICATE_CONSENT_CHANGED,
                actor=actor,
                obj=certificate,
                details={"from": before, "to": consent},
            )
    return certificate


def lookup_limited(*, ip_address: str | None) -> bool:
    """Whether the address looked up KIERUNEK_CERTIFICATE_LOOKUP_FAILURES unknown codes within the
    hour: 60 random bits make guessing hopeless anyway; this keeps anyone from trying at scale."""
    if not ip_address:
        return False
    since = timezone.now() - timedelta(hours=1)
    failures = AuditEvent.objects.filter(
        action=CERTIFICATE_LOOKUP_FAILED, ip_address=ip_address, occurred_at__gte=since
    ).count()
    return failures >= settings.KIERUNEK_CERTIFICATE_LOOKUP_FAILURES


def certificate_lookup(*, actor: Actor, code: str) -> Certificate | None:
    """The certificate with the verification code as typed (any case, dashes, O for 0), or None;
    an unknown or malformed code is recorded against the address, and LookupLimited answers an
    address that has tried too many."""
    if lookup_limited(ip_address=actor.ip_address):
        raise LookupLimited
    normalised = code_normalised(code)
    certificate = None
    if code_well_formed(normalised, domain.CERTIFICATE_CODE_LENGTH):
        certificate = (
            Certificate.objects.select_related("institution", "qualification", "renewed_by")
            .filter(code=normalised)
            .first()
        )
    if certificate is None:
        shown = normalised[:20] if normalised.isalnum() else ""  # never a control character in the log
        audit_record(action=CERTIFICATE_LOOKUP_FAILED, actor=actor, details={"code": shown})
    return certificate
