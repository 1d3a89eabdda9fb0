"""Filing a complaint: a participant about one of their bookings, or anyone (with a name and an
e-mail, no account needed) about a published service card. The complainant is e-mailed the
receipt (with a secret status link when they have no account) and the officers are told."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.models import AuditEvent
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.core.uploads import upload_name, validate_upload
from kierunek.programmes.models import Programme
from kierunek.programmes.selectors import programme_current
from kierunek.providers.selectors import active_officers
from kierunek.vouchers.models import Booking

from .. import domain
from ..audit_actions import COMPLAINT_FILED
from ..models import Complaint, ComplaintEvent
from ..selectors import complaint_rules, token_hash

# The public form is open to anyone: at most this many complaints from one address an hour (as
# registration is limited), so nobody floods the officers or providers with them.
PUBLIC_COMPLAINTS_PER_HOUR = 5
SUBJECT_MAX = 200
DESCRIPTION_MAX = 5000


@dataclass(frozen=True)
class ComplaintFiled:
    complaint: Complaint
    token: str | None  # the status link's secret, for a complainant without an account (e-mailed once)


def public_complaints_limited(*, ip_address: str | None) -> bool:
    """Too many complaints from this address in the last hour (counted in the audit log)."""
    if not ip_address:
        return False
    since = timezone.now() - timedelta(hours=1)
    filed = AuditEvent.objects.filter(action=COMPLAINT_FILED, ip_address=ip_address, occurred_at__gte=since)
    return filed.count() >= PUBLIC_COMPLAINTS_PER_HOUR


def _text(value: str, field: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(limit)d characters.") % {"limit": limit}})
    return value


def complaint_file_about_booking(
    *,
    actor: Actor,
    booking_id: int,
    about: str,
    subject: str,
    description: str,
    attachment: UploadedFile | None = None,
) -> Complaint:
    """A participant complains about a service they booked (a booking of anybody else does not
    exist for them)."""
    require_role(actor.user, Role.PARTICIPANT)
    booking = Booking.objects.select_related("card", "provider", "voucher_account__programme").get(
        pk=booking_id, participant=actor.user
    )
    filed = _file(
        actor=actor,
        card=booking.card,
        booking=booking,
        programme=booking.voucher_account.programme,
        complainant=actor.user,
        name="",
        email="",
        about=about,
        subject=subject,
        description=description,
        attachment=attachment,
    )
    return filed.complaint


def complaint_file_about_card(
    *,
    actor: Actor,
    card_id: int,
    name: str,
    email: str,
    about: str,
    subject: str,
    description: str,
    attachment: UploadedFile | None = None,
) -> ComplaintFiled:
    """Anyone complains about a published service card. A logged-in participant's complaint is
    theirs (they follow it in their account); anybody else follows it by the e-mailed link."""
    card = ServiceCard.objects.select_related("provider").get(pk=card_id)
    if card.status != CardStatus.PUBLISHED:
        raise PermissionDenied(_("This service is not published."))
    participant = actor.user if actor.role == Role.PARTICIPANT else None
    return _file(
        actor=actor,
        card=card,
        booking=None,
        programme=programme_current(),
        complainant=participant,
        name=_text(name, "name", 200),
        email=_text(email, "email", 254),
        about=about,
        subject=subject,
        description=description,
        attachment=attachment,
    )


def _file(
    *,
    actor: Actor,
    card: ServiceCard,
    booking: Booking | None,
    programme: Programme | None,
    complainant: Any,
    name: str,
    email: str,
    about: str,
    subject: str,
    description: str,
    attachment: UploadedFile | None,
) -> ComplaintFiled:
    subject = _text(subject, "subject", SUBJECT_MAX)
    description = _text(description, "description", DESCRIPTION_MAX)
    if about not in (domain.ABOUT_SERVICE, domain.ABOUT_PROVIDER):
        raise ValidationError({"about": _("Choose what the complaint is about.")})
    kind = ""
    if attachment:
        try:
            kind = validate_upload(attachment, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
        except ValidationError as error:
            raise ValidationError({"attachment": error.messages}) from None
        attachment.name = upload_name(uuid.uuid4().hex, kind)  # never the person's file name on disk
    today = timezone.localdate()
    rules = complaint_rules(programme=programme, day=today)
    token = secrets.token_urlsafe(32) if complainant is None else None
    with transaction.atomic():
        complaint = Complaint.objects.create(
            provider=card.provider,
            card=card,
            booking=booking,
            programme=programme,
            complainant=complainant,
            name=name,
            email=email,
            about=about,
            subject=subject,
            description=description,
            attachment=attachment or "",
            attachment_kind=kind,
            access_token_hash=token_hash(token) if token else None,
            received_on=today,
            decision_due=domain.decision_due(received_on=today, decision_days=rules.decision_days),
        )
        ComplaintEvent.objects.create(
            complaint=complaint, status_from="", status_to=complaint.status, actor=actor.user
        )
        audit_record(
            action=COMPLAINT_FILED, actor=actor, obj=complaint, details={"provider": card.provider_id}
        )
        notify(
            recipients=[complainant] if complainant is not None else [email],
            subject=gettext_noop("We received your complaint"),
            template="complaints/email/received.txt",
            context={"complaint": complaint, "token": token},
        )
        notify(
            recipients=active_officers(),
            subject=gettext_noop("A new complaint to review"),
            template="complaints/email/officer_new.txt",
            context={"complaint": complaint},
        )
    return ComplaintFiled(complaint=complaint, token=token)
