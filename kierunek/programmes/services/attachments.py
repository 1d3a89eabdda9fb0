"""Documents attached to an application as proof (study, employment, residence): added by the
participant while the application is a draft or waits for an officer's review, read by the
participant and by officers (an officer's read is audited as a read of the participant's file)."""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.audit_actions import PARTICIPANT_FILE_READ
from kierunek.core.permissions import require_role
from kierunek.core.uploads import upload_name, validate_upload

from ..audit_actions import APPLICATION_ATTACHMENT_ADDED
from ..models import Application, ApplicationAttachment, ApplicationStatus, AttachmentKind

MAX_ATTACHMENTS = 10
# The participant adds proof while writing the application, and while an officer reviews it (the
# officer may ask for a document the rules could not check).
ATTACHABLE_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.MANUAL_REVIEW)


def attachment_add(
    *, application_id: int, kind: str, upload: UploadedFile, actor: Actor
) -> ApplicationAttachment:
    """The participant attaches a PDF, PNG or JPEG (the type read from the file, at most the
    upload limit) to their own application. The stored name is random; the person's file name is
    kept as a label."""
    require_role(actor.user, Role.PARTICIPANT)
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": _("Choose what the document proves.")})
    file_kind = validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
    with transaction.atomic():
        application = (
            Application.objects.select_for_update().filter(pk=application_id, participant=actor.user).first()
        )
        if application is None:
            raise PermissionDenied(_("This application is not yours."))
        if application.status not in ATTACHABLE_STATUSES:
            raise ValidationError(
                _("Documents can be attached while the application is a draft or waits for an officer.")
            )
        if application.attachments.count() >= MAX_ATTACHMENTS:
            raise ValidationError(
                _("An application can have at most %(limit)d documents.") % {"limit": MAX_ATTACHMENTS}
            )
        original_name = os.path.basename(upload.name or "")[:200] or file_kind
        upload.name = upload_name(uuid.uuid4().hex, file_kind)
        attachment = ApplicationAttachment.objects.create(
            application=application, kind=kind, file=upload, file_kind=file_kind, original_name=original_name
        )
        audit_record(
            action=APPLICATION_ATTACHMENT_ADDED,
            actor=actor,
            obj=application,
            details={"attachment": attachment.pk, "kind": kind, "file_kind": file_kind},
        )
    return attachment


def attachment_open(*, attachment_id: int, actor: Actor) -> ApplicationAttachment:
    """An attachment for its participant, or for an officer (audited, once the application is
    submitted: drafts are the participant's own). ``PermissionDenied`` for anybody else."""
    attachment = ApplicationAttachment.objects.select_related("application").filter(pk=attachment_id).first()
    if attachment is None:
        raise PermissionDenied
    application = attachment.application
    if actor.role == Role.PARTICIPANT and application.participant_id == actor.user.pk:
        return attachment
    if actor.role == Role.OFFICER and application.status != ApplicationStatus.DRAFT:
        with transaction.atomic():
            audit_record(
                action=PARTICIPANT_FILE_READ,
                actor=actor,
                obj=application,
                details={
                    "participant": application.participant_id,
                    "what": "application_attachment",
                    "attachment": attachment.pk,
                },
            )
        return attachment
    raise PermissionDenied
