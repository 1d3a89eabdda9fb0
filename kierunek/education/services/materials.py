"""Services of the materials library: uploaded by the centre, partners and schools, reviewed by the
centre or the Metropolis before they are published, their downloads counted."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.core.uploads import validate_upload
from kierunek.geo.domain import search_key

from .. import domain_career
from ..audit_actions_edua import MATERIAL_SUBMITTED
from ..models_materials import Licence, Material, MaterialAudience, MaterialStatus
from ..workflows_materials import MATERIAL, UPLOADERS

MAX_MATERIAL_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class MaterialData:
    title: str
    description: str
    licence: str
    audience: str
    subject: str
    level: str
    grade_from: int
    grade_to: int
    author: str
    url: str = ""


def material_submit(
    *, actor: Actor, data: MaterialData, upload: UploadedFile | None = None, is_demo: bool = False
) -> Material:
    """A material for review: a PDF or a link, not both. A licence that reserves all rights
    allows only a link (the library does not copy such a work)."""
    require_role(actor, *UPLOADERS)
    errors: dict[str, object] = {}
    for name in ("title", "description", "subject", "author"):
        if not getattr(data, name).strip():
            errors[name] = _("This field is required.")
    if data.licence not in Licence.values:
        errors["licence"] = _("Choose one of the options.")
    if data.audience not in MaterialAudience.values:
        errors["audience"] = _("Choose one of the options.")
    if not (
        domain_career.grade_valid(data.level, data.grade_from)
        and domain_career.grade_valid(data.level, data.grade_to)
        and data.grade_from <= data.grade_to
    ):
        errors["grade_to"] = _("Give grades of the school level, the first not after the last.")
    if (upload is None) == (not data.url.strip()):
        errors["url"] = _("Give either a PDF file or a link.")
    elif upload is not None and data.licence == Licence.ALL_RIGHTS:
        errors["file"] = _("A material with all rights reserved is given as a link only.")
    if upload is not None and "file" not in errors:
        try:
            validate_upload(upload, kinds=("pdf",), max_bytes=MAX_MATERIAL_BYTES)
        except ValidationError as error:
            errors["file"] = error.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        material = Material(
            title=data.title.strip(),
            description=data.description.strip(),
            url=data.url.strip(),
            licence=data.licence,
            audience=data.audience,
            subject=data.subject.strip(),
            level=data.level,
            grade_from=data.grade_from,
            grade_to=data.grade_to,
            author=data.author.strip(),
            uploaded_by=actor.user,
            search_text=search_key(" ".join([data.title, data.description, data.subject, data.author])),
            is_demo=is_demo,
        )
        if upload is not None:
            material.file.save(f"material-{timezone.now():%Y%m%d%H%M%S}.pdf", upload, save=False)
        material.save()
        audit_record(action=MATERIAL_SUBMITTED, actor=actor, obj=material, details={"title": material.title})
    return material


REVIEW_DECISIONS = ("publish", "return", "withdraw")


def material_review(*, actor: Actor, material_id: int, decision: str, note: str = "") -> Material:
    """The reviewer publishes, returns (with a note saying what to change) or withdraws a material."""
    if decision not in REVIEW_DECISIONS:
        raise ValidationError(_("Choose one of the options."))
    if decision == "return" and not note.strip():
        raise ValidationError({"note": _("Say what to change.")})
    with transaction.atomic():
        material = Material.objects.get(pk=material_id)
        fields = ["review_note"]
        material.review_note = note.strip()
        if decision == "publish":
            material.published_at = timezone.now()
            fields.append("published_at")
        MATERIAL.apply(material, decision, actor=actor, fields=fields, note=note)
    return material


def material_resubmit(*, actor: Actor, material_id: int) -> Material:
    """Whoever uploaded a returned material sends it for review again."""
    with transaction.atomic():
        material = Material.objects.get(pk=material_id, uploaded_by=actor.user)
        MATERIAL.apply(material, "resubmit", actor=actor)
    return material


def material_download_count(*, material_id: int) -> Material:
    """Count one download of a published material (no actor: anyone may download)."""
    updated = Material.objects.filter(pk=material_id, status=MaterialStatus.PUBLISHED).update(
        downloads=F("downloads") + 1
    )
    if not updated:
        raise Material.DoesNotExist
    return Material.objects.get(pk=material_id)
