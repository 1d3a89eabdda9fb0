"""The portfolio of a balance: documents (PDF or images) and references."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.uploads import validate_upload

from ..audit_actions import GUIDANCE_PORTFOLIO_ADDED, GUIDANCE_PORTFOLIO_DELETED
from ..models import PortfolioItem
from .balance import balance_for_change, balance_for_portfolio


def portfolio_file_add(
    *, balance_id: int, title: str, description: str, upload: UploadedFile, actor: Actor
) -> PortfolioItem:
    """A document for the portfolio: a PDF or an image, its type read from its first bytes."""
    kind = validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
    if not title.strip():
        raise ValidationError({"title": _("Give the document a title.")})
    with transaction.atomic():
        balance = balance_for_portfolio(balance_id=balance_id, actor=actor)
        item = PortfolioItem.objects.create(
            balance=balance,
            kind=PortfolioItem.Kind.FILE,
            title=title.strip(),
            description=description.strip(),
            file=upload,
            file_kind=kind,
            added_by=actor.user,
        )
        audit_record(action=GUIDANCE_PORTFOLIO_ADDED, actor=actor, obj=item)
    return item


def portfolio_reference_add(
    *,
    balance_id: int,
    title: str,
    description: str,
    referee_name: str,
    referee_contact: str,
    actor: Actor,
) -> PortfolioItem:
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the reference a title.")
    if not referee_name.strip():
        errors["referee_name"] = _("Say who gives the reference.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        balance = balance_for_portfolio(balance_id=balance_id, actor=actor)
        item = PortfolioItem.objects.create(
            balance=balance,
            kind=PortfolioItem.Kind.REFERENCE,
            title=title.strip(),
            description=description.strip(),
            referee_name=referee_name.strip(),
            referee_contact=referee_contact.strip(),
            added_by=actor.user,
        )
        audit_record(action=GUIDANCE_PORTFOLIO_ADDED, actor=actor, obj=item)
    return item


def portfolio_item_delete(*, balance_id: int, item_id: int, actor: Actor) -> None:
    with transaction.atomic():
        balance = balance_for_change(balance_id=balance_id, actor=actor)
        item = PortfolioItem.objects.get(pk=item_id, balance=balance)
        audit_record(action=GUIDANCE_PORTFOLIO_DELETED, actor=actor, obj=balance, details={"id": item_id})
        stored = item.file.name if item.file else ""
        item.delete()
        if stored:
            storage = item.file.storage
            transaction.on_commit(lambda: storage.delete(stored))
