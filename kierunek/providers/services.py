"""State changes of providers: registration and approval, staff, bank accounts, certificates.
(The MSUES quality-mark workflow is in quality.py.)"""

import os
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.audit_actions import ACCOUNT_REGISTERED, ACCOUNT_REGISTRATION_REPEATED
from kierunek.accounts.models import Role, User
from kierunek.accounts.services import invited_account_create, password_setup_path, signup_account_create
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.core.uploads import upload_name, validate_upload
from kierunek.core.validators import clean_iban, clean_nip, clean_regon
from kierunek.geo.models import Gmina

from . import audit_actions, selectors
from .models import (
    BankAccount,
    BankAccountStatus,
    Certificate,
    Provider,
    ProviderMember,
)
from .workflows import BANK_ACCOUNT, PROVIDER


@dataclass(frozen=True)
class ProviderDetails:
    legal_name: str
    short_name: str
    nip: str
    regon: str
    krs: str
    gmina: Gmina | None
    outside_region_address: str
    street: str
    postal_code: str
    city: str
    email: str
    phone: str
    website: str


def require_provider_member(user: User | None, provider: Provider) -> None:
    """PermissionDenied unless ``user`` is on the staff of ``provider``."""
    if (
        user is None
        or user.role != Role.PROVIDER_STAFF
        or not selectors.is_provider_member(user=user, provider=provider)
    ):
        raise PermissionDenied(_("Only the staff of this provider can do this."))


def provider_register(*, details: ProviderDetails, actor: Actor) -> Provider:
    """A provider-staff account registers its institution and becomes its owner. The provider
    waits for a programme officer's approval before it may publish anything."""
    require_role(actor, Role.PROVIDER_STAFF)
    nip, regon = clean_nip(details.nip), clean_regon(details.regon)
    if ProviderMember.objects.filter(user=actor.user).exists():
        raise ValidationError(_("Your account already belongs to a registered provider."))
    errors = {}
    if Provider.objects.filter(nip=nip).exists():
        errors["nip"] = _("A provider with this NIP is already registered.")
    if Provider.objects.filter(regon=regon).exists():
        errors["regon"] = _("A provider with this REGON is already registered.")
    if (details.gmina is None) == (not details.outside_region_address.strip()):
        errors["gmina"] = _("Choose the gmina in Małopolska, or give the address outside Małopolska.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            provider = Provider.objects.create(
                legal_name=details.legal_name.strip(),
                short_name=details.short_name.strip(),
                nip=nip,
                regon=regon,
                krs=details.krs.strip(),
                gmina=details.gmina,
                outside_region_address=details.outside_region_address.strip()
                if details.gmina is None
                else "",
                street=details.street.strip(),
                postal_code=details.postal_code.strip(),
                city=details.city.strip(),
                email=details.email,
                phone=details.phone.strip(),
                website=details.website,
                created_by=actor.user,
            )
            ProviderMember.objects.create(provider=provider, user=actor.user, is_owner=True)
            audit_record(action=audit_actions.PROVIDER_REGISTERED, actor=actor, obj=provider)
            notify(
                recipients=selectors.active_officers(),
                subject=gettext_noop("A provider is waiting for approval"),
                template="providers/email/provider_registered.txt",
                context={"provider": provider},
            )
    except IntegrityError as exc:  # a concurrent registration with the same NIP or REGON
        raise ValidationError(_("A provider with this NIP or REGON is already registered.")) from exc
    return provider


def provider_signup(
    *, email: str, first_name: str, last_name: str, details: ProviderDetails, actor: Actor
) -> Provider | None:
    """Somebody of an institution signs it up from the public page: the provider-staff account
    (no password yet: the person chooses one from the e-mailed link, which also proves the address)
    and the institution, waiting for an officer's approval as after ``provider_register``. All of
    it is written or none.

    Like the participants' registration, the answer does not tell whether the e-mail has an
    account: then nothing is created, its owner is told by e-mail, and None is returned."""
    email = email.strip()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        with transaction.atomic():
            audit_record(
                action=ACCOUNT_REGISTRATION_REPEATED,
                actor=actor,
                obj=existing,
                details={"matched": "email", "signup": "provider"},
            )
            notify(
                recipients=[existing],
                subject=gettext_noop("Someone tried to sign up an institution with your e-mail address"),
                template="providers/email/signup_duplicate.txt",
                context={"user": existing},
            )
        return None
    try:
        with transaction.atomic():
            user = signup_account_create(
                email=email, first_name=first_name, last_name=last_name, role=Role.PROVIDER_STAFF
            )
            person = Actor(user=user, ip_address=actor.ip_address)
            audit_record(action=ACCOUNT_REGISTERED, actor=person, obj=user, details={"signup": "provider"})
            provider = provider_register(details=details, actor=person)
            path = password_setup_path(user=user)
            notify(
                recipients=[user],
                subject=gettext_noop("Choose your password to finish signing up your institution"),
                template="providers/email/signup_password.txt",
                context={"user": user, "provider": provider, "path": path},
            )
    except IntegrityError:  # a concurrent sign-up with the same e-mail won
        return None
    return provider


def provider_decide(*, provider_id: int, approve: bool, reason: str, actor: Actor) -> Provider:
    """A programme officer approves or rejects a registered provider (a rejection says why)."""
    require_role(actor, Role.OFFICER)
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the rejection: the provider will read it.")})
    with transaction.atomic():
        provider = Provider.objects.select_for_update().get(pk=provider_id)
        PROVIDER.check(state=provider.status, name="approve" if approve else "reject", obj=provider)
        provider.status_reason = reason.strip()
        provider.decided_by = actor.user
        provider.decided_at = timezone.now()
        PROVIDER.apply(
            provider,
            "approve" if approve else "reject",
            actor=actor,
            fields=["status_reason", "decided_by", "decided_at"],
            details={"reason": provider.status_reason} if provider.status_reason else {},
        )
    return provider


def member_invite(
    *,
    provider: Provider,
    email: str,
    first_name: str,
    last_name: str,
    actor: Actor,
) -> User:
    """The owner adds a colleague: a new provider-staff account that sets its own password from
    the e-mail it receives and enrols a second factor at first login."""
    if not ProviderMember.objects.filter(provider=provider, user=actor.user, is_owner=True).exists():
        raise PermissionDenied(_("Only the owner of the provider's account can invite colleagues."))
    with transaction.atomic():
        user = invited_account_create(
            email=email, first_name=first_name, last_name=last_name, role=Role.PROVIDER_STAFF
        )
        ProviderMember.objects.create(provider=provider, user=user, invited_by=actor.user)
        audit_record(
            action=audit_actions.PROVIDER_MEMBER_INVITED,
            actor=actor,
            obj=provider,
            details={"user": user.pk},
        )
    return user


def bank_account_request(
    *,
    provider: Provider,
    iban: str,
    holder_name: str,
    actor: Actor,
    statement: UploadedFile | None = None,
) -> BankAccount:
    """Provider staff ask for a (new) bank account, with the bank statement that shows they hold
    it (PDF, PNG or JPEG, read by the officer). It takes effect only when an officer approves it;
    until then payouts go to the account in force, if any."""
    require_role(actor, Role.PROVIDER_STAFF)
    require_provider_member(actor.user, provider)
    iban = clean_iban(iban)
    statement_kind = (
        validate_upload(statement, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES) if statement else ""
    )
    statement_name = os.path.basename(statement.name or "")[:200] if statement else ""
    if statement is not None:
        statement.name = upload_name(uuid.uuid4().hex, statement_kind)
    with transaction.atomic():
        Provider.objects.select_for_update().get(pk=provider.pk)  # one request at a time per provider
        if BankAccount.objects.filter(provider=provider, status=BankAccountStatus.PENDING).exists():
            raise ValidationError(_("A change of the bank account is already waiting for approval."))
        if BankAccount.objects.filter(provider=provider, status=BankAccountStatus.ACTIVE, iban=iban).exists():
            raise ValidationError({"iban": _("This is already the account in force.")})
        account = BankAccount.objects.create(
            provider=provider,
            iban=iban,
            holder_name=holder_name.strip(),
            requested_by=actor.user,
            statement=statement or "",
            statement_kind=statement_kind,
            statement_name=statement_name,
        )
        audit_record(
            action=audit_actions.PROVIDER_BANK_ACCOUNT_REQUESTED,
            actor=actor,
            obj=provider,
            details={"bank_account": account.pk, "iban_last4": iban[-4:]},
        )
        notify(
            recipients=selectors.active_officers(),
            subject=gettext_noop("A bank account change is waiting for approval"),
            template="providers/email/bank_account_requested.txt",
            context={"provider": provider, "account": account},
        )
        notify(
            recipients=selectors.provider_staff_users(provider=provider),
            subject=gettext_noop("A change of your bank account was requested"),
            template="providers/email/bank_account_requested_provider.txt",
            context={"provider": provider, "account": account},
        )
    return account


def bank_account_decide(
    *,
    account_id: int,
    approve: bool,
    reason: str,
    actor: Actor,
    today: date,
) -> BankAccount:
    """A programme officer (never the person who asked) approves or rejects a bank account.
    Approving a change replaces the account in force and holds the provider's payouts for
    KIERUNEK_BANK_CHANGE_PAYOUT_HOLD_DAYS days."""
    require_role(actor, Role.OFFICER)
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the rejection.")})
    with transaction.atomic():
        account = BankAccount.objects.select_for_update().select_related("provider").get(pk=account_id)
        provider = Provider.objects.select_for_update().get(pk=account.provider_id)
        BANK_ACCOUNT.check(state=account.status, name="approve" if approve else "reject", obj=account)
        if account.requested_by_id == actor.user.pk:
            raise PermissionDenied(_("A second person must approve a bank account you asked for."))
        now = timezone.now()
        hold_until = None
        if approve:
            replaced = list(
                BankAccount.objects.select_for_update().filter(
                    provider=provider, status=BankAccountStatus.ACTIVE
                )
            )
            for old in replaced:
                BANK_ACCOUNT.apply(old, "supersede", actor=actor, details={"replaced_by": account.pk})
            if replaced:
                hold_until = today + timedelta(days=settings.KIERUNEK_BANK_CHANGE_PAYOUT_HOLD_DAYS)
                provider.payout_hold_until = max(filter(None, [provider.payout_hold_until, hold_until]))
                provider.save(update_fields=["payout_hold_until"])
        account.decided_by = actor.user
        account.decided_at = now
        account.decision_reason = reason.strip()
        account.hold_until = hold_until  # type: ignore[attr-defined]  # for the e-mail (workflows.py)
        BANK_ACCOUNT.apply(
            account,
            "approve" if approve else "reject",
            actor=actor,
            fields=["decided_by", "decided_at", "decision_reason"],
            details={
                "bank_account": account.pk,
                "iban_last4": account.iban[-4:],
                "payout_hold_until": hold_until.isoformat() if hold_until else None,
            },
        )
    return account


def bank_account_withdraw(*, account_id: int, actor: Actor) -> BankAccount:
    """Provider staff take back their institution's pending change of the bank account (a wrong
    number, a wrong file): it is never decided, and a new one may be asked for."""
    require_role(actor, Role.PROVIDER_STAFF)
    with transaction.atomic():
        account = BankAccount.objects.select_for_update().select_related("provider").get(pk=account_id)
        require_provider_member(actor.user, account.provider)
        account.withdrawn_at = timezone.now()
        BANK_ACCOUNT.apply(
            account,
            "withdraw",
            actor=actor,
            fields=["withdrawn_at"],
            details={"bank_account": account.pk, "iban_last4": account.iban[-4:]},
        )
    return account


def bank_statement_open(*, account_id: int, actor: Actor) -> BankAccount:
    """The statement of a bank account change, for officers (each read audited) and for the
    provider's own staff. ``PermissionDenied`` for anybody else or when there is none."""
    account = BankAccount.objects.select_related("provider").filter(pk=account_id).first()
    if account is None or not account.statement:
        raise PermissionDenied
    if actor.role == Role.OFFICER:
        audit_record(
            action=audit_actions.PROVIDER_BANK_STATEMENT_READ,
            actor=actor,
            obj=account.provider,
            details={"bank_account": account.pk},
        )
        return account
    require_provider_member(actor.user, account.provider)
    return account


@dataclass(frozen=True)
class CertificateDetails:
    kind: str
    number: str
    issuer: str
    valid_from: date
    valid_to: date | None


def certificate_add(
    *,
    provider: Provider,
    details: CertificateDetails,
    scan: UploadedFile,
    actor: Actor,
) -> Certificate:
    require_role(actor, Role.PROVIDER_STAFF)
    require_provider_member(actor.user, provider)
    if details.valid_to is not None and details.valid_to < details.valid_from:
        raise ValidationError({"valid_to": _("The end of validity cannot be before its start.")})
    kind = validate_upload(scan, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
    with transaction.atomic():
        certificate = Certificate.objects.create(
            provider=provider,
            kind=details.kind,
            number=details.number.strip(),
            issuer=details.issuer.strip(),
            valid_from=details.valid_from,
            valid_to=details.valid_to,
            scan=scan,
            scan_kind=kind,
            uploaded_by=actor.user,
        )
        audit_record(
            action=audit_actions.PROVIDER_CERTIFICATE_ADDED,
            actor=actor,
            obj=provider,
            details={"certificate": certificate.pk},
        )
    return certificate


def certificate_remove(*, certificate_id: int, actor: Actor) -> None:
    """Provider staff withdraw a certificate they added by mistake (the audit log keeps the fact)."""
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update().select_related("provider").get(pk=certificate_id)
        )
        require_provider_member(actor.user, certificate.provider)
        audit_record(
            action=audit_actions.PROVIDER_CERTIFICATE_REMOVED,
            actor=actor,
            obj=certificate.provider,
            details={"certificate": certificate.pk, "kind": certificate.kind, "number": certificate.number},
        )
        certificate.scan.delete(save=False)
        certificate.delete()
