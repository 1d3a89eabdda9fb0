"""Good practices: a partner's staff write one (with tags and files) and submit it; an officer
publishes it in the public library or returns it with a comment."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.core.uploads import validate_upload
from kierunek.providers.selectors import active_officers

from .. import domain
from ..audit_actions import PRACTICE_CREATED, PRACTICE_UPDATED
from ..models import GoodPractice, PracticeAttachment, PracticeTag
from ..search import text_of
from ..workflows import PRACTICE
from .common import locked_institution, require_institution_access, text

TAGS_MAX = 8
COMMENT_MAX = 3000
ATTACHMENTS_MAX = 5


def _tags(names: Iterable[str]) -> list[PracticeTag]:
    """Tags by name, made when new (the same tag whatever its case or diacritics)."""
    tags: list[PracticeTag] = []
    for name in names:
        name = " ".join(str(name).split())[:60]
        slug = slugify(name.translate(str.maketrans("łŁ", "lL")))[:60]
        if not slug:
            continue
        tag, _created = PracticeTag.objects.get_or_create(slug=slug, defaults={"name": name.lower()})
        if tag not in tags:
            tags.append(tag)
    if len(tags) > TAGS_MAX:
        raise ValidationError({"tags": _("At most %(limit)d tags.") % {"limit": TAGS_MAX}})
    return tags


def _index(practice: GoodPractice, tags: list[PracticeTag]) -> None:
    practice.title_text = text_of(practice.title)
    practice.search_text = text_of(
        practice.title,
        practice.summary,
        practice.description,
        practice.institution.name,
        " ".join(tag.name for tag in tags),
    )


def _attach(practice: GoodPractice, upload: UploadedFile | None, actor: Actor) -> None:
    if upload is None:
        return
    if practice.attachments.count() >= ATTACHMENTS_MAX:
        raise ValidationError({"attachment": _("At most %(limit)d files.") % {"limit": ATTACHMENTS_MAX}})
    kind = validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
    name = text(upload.name, "attachment", 200)
    PracticeAttachment.objects.create(
        practice=practice, file=upload, kind=kind, name=name, uploaded_by=actor.user
    )


def practice_save(
    *,
    actor: Actor,
    institution_id: int,
    practice_id: int | None = None,
    title: str,
    summary: str,
    description: str,
    tags: Iterable[str] = (),
    attachment: UploadedFile | None = None,
) -> GoodPractice:
    """Write a new good practice of one's own institution, or change one still in one's hands
    (a draft, or returned for changes)."""
    require_institution_access(actor, institution_id, officer=False)
    title = text(title, "title", 200)
    summary = text(summary, "summary", 500)
    description = text(description, "description", 20000)
    with transaction.atomic():
        institution = locked_institution(institution_id)
        tag_list = _tags(tags)
        if practice_id is None:
            practice = GoodPractice(institution=institution, author=actor.user)
        else:
            practice = GoodPractice.objects.select_for_update(of=("self",)).get(
                pk=practice_id, institution=institution
            )
            if practice.status not in domain.EDITABLE:
                raise ValidationError(_("A submitted or published good practice cannot be changed."))
        practice.title, practice.summary, practice.description = title, summary, description
        _index(practice, tag_list)
        practice.save()
        practice.tags.set(tag_list)
        _attach(practice, attachment, actor)
        audit_record(
            action=PRACTICE_CREATED if practice_id is None else PRACTICE_UPDATED, actor=actor, obj=practice
        )
    return practice


def practice_submit(*, actor: Actor, practice_id: int) -> GoodPractice:
    """Send the practice to the office; the officers are told."""
    require_role(actor.user, Role.PARTNER_STAFF)
    with transaction.atomic():
        practice = GoodPractice.objects.select_for_update(of=("self",)).get(pk=practice_id)
        require_institution_access(actor, practice.institution_id, officer=False)
        practice.submitted_at = timezone.now()
        PRACTICE.apply(practice, "submit", actor=actor, fields=["submitted_at"])
        notify(
            recipients=active_officers(),
            subject=gettext_noop("A good practice to review"),
            template="partnership/email/practice_submitted.txt",
            context={"practice": practice},
        )
    return practice


def practice_review(*, actor: Actor, practice_id: int, publish: bool, comment: str = "") -> GoodPractice:
    """An officer publishes the practice, or returns it to its authors with a comment."""
    require_role(actor.user, Role.OFFICER)
    comment = text(comment, "comment", COMMENT_MAX, required=not publish)
    with transaction.atomic():
        practice = (
            GoodPractice.objects.select_for_update(of=("self",)).select_related("author").get(pk=practice_id)
        )
        practice.reviewed_by = actor.user
        practice.review_comment = comment
        fields = ["reviewed_by", "review_comment"]
        if publish:
            practice.published_at = timezone.now()
            fields.append("published_at")
        PRACTICE.apply(
            practice, "publish" if publish else "return_for_changes", actor=actor, note=comment, fields=fields
        )
    return practice
