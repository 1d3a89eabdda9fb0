"""The directory ("find an institution"): a partner's staff add and keep what their institution
offers; saving an entry confirms its details as of today (HSDS ``assured_date``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.geo.models import Gmina

from ..audit_actions import ENTRY_CREATED, ENTRY_UPDATED
from ..models import DirectoryEntry, EntryKind
from ..search import text_of
from .common import locked_institution, require_institution_access, text

TEXTS = {
    "title": (200, True),
    "description": (5000, True),
    "conditions": (2000, False),
    "cost": (300, False),
    "how_to_apply": (2000, True),
    "address": (200, False),
    "contact_name": (200, False),
    "contact_email": (254, False),
    "contact_phone": (40, False),
    "url": (200, False),
}
FLAGS = ("for_residents", "for_employers", "for_partners", "is_free", "is_active")


def _cleaned(data: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {
        field: text(data.get(field), field, limit, required=required)
        for field, (limit, required) in TEXTS.items()
    }
    for flag in FLAGS:
        values[flag] = bool(data.get(flag, flag == "is_active"))
    if not (values["for_residents"] or values["for_employers"] or values["for_partners"]):
        raise ValidationError({"audiences": _("Say who the offer is for.")})
    if data.get("kind") not in EntryKind.values:
        raise ValidationError({"kind": _("Choose what the institution offers.")})
    values["kind"] = data["kind"]
    if not isinstance(data.get("gmina"), Gmina):
        raise ValidationError({"gmina": _("Choose a gmina of Małopolska.")})
    values["gmina"] = data["gmina"]
    if not values["is_free"] and not values["cost"]:
        raise ValidationError({"cost": _("Say what it costs, or mark it free of charge.")})
    return values


def _index(entry: DirectoryEntry) -> None:
    entry.title_text = text_of(entry.title)
    entry.search_text = text_of(
        entry.title,
        entry.description,
        entry.conditions,
        entry.how_to_apply,
        entry.institution.name,
        entry.gmina.name,
        entry.get_kind_display(),
    )


def entry_create(*, actor: Actor, institution_id: int, data: Mapping[str, Any]) -> DirectoryEntry:
    require_institution_access(actor, institution_id)
    values = _cleaned(data)
    with transaction.atomic():
        institution = locked_institution(institution_id)
        entry = DirectoryEntry(
            institution=institution,
            **values,
            checked_on=timezone.localdate(),
            created_by=actor.user,
            updated_by=actor.user,
        )
        _index(entry)
        entry.save()
        audit_record(action=ENTRY_CREATED, actor=actor, obj=entry)
    return entry


def entry_update(*, actor: Actor, entry_id: int, data: Mapping[str, Any]) -> DirectoryEntry:
    """Change an entry of one's own institution; saving confirms its details as of today."""
    institution_id = DirectoryEntry.objects.values_list("institution_id", flat=True).get(pk=entry_id)
    require_institution_access(actor, institution_id)
    values = _cleaned(data)
    with transaction.atomic():
        entry = (
            DirectoryEntry.objects.select_for_update(of=("self",))
            .select_related("institution")
            .get(pk=entry_id)
        )
        changed = sorted(field for field, value in values.items() if getattr(entry, field) != value)
        for field, value in values.items():
            setattr(entry, field, value)
        entry.checked_on = timezone.localdate()
        entry.updated_by = actor.user
        _index(entry)
        entry.save()
        audit_record(action=ENTRY_UPDATED, actor=actor, obj=entry, details={"changed": changed})
    return entry
