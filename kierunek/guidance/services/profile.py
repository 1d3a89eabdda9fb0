"""The competence profile of a balance: one assessed entry per competence, with its evidence."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record

from ..audit_actions import GUIDANCE_PROFILE_DELETED, GUIDANCE_PROFILE_SAVED
from ..models import ProfileCompetence, StarEvidence
from .balance import balance_child_delete, balance_for_change
from .experiences import competences_chosen


@dataclass(frozen=True)
class ProfileEntryData:
    competence_id: int
    dimension: str
    level: int
    prk_level: int | None
    evidence: str
    star_ids: list[int]


def profile_competence_save(*, balance_id: int, data: ProfileEntryData, actor: Actor) -> ProfileCompetence:
    """Add a competence to the profile, or update it when it is there already (one entry per
    competence). The assessment needs its evidence: a text or linked STAR examples."""
    if not data.evidence.strip() and not data.star_ids:
        raise ValidationError({"evidence": _("Give the evidence for this level, or link STAR examples.")})
    if data.prk_level is not None and not 1 <= data.prk_level <= 8:
        raise ValidationError({"prk_level": _("A PRK level is from 1 to 8.")})
    with transaction.atomic():
        balance = balance_for_change(balance_id=balance_id, actor=actor)
        (competence,) = competences_chosen([data.competence_id])
        stars = list(StarEvidence.objects.filter(balance=balance, pk__in=data.star_ids))
        if len(stars) != len(set(data.star_ids)):
            raise ValidationError({"star_evidence": _("Choose STAR examples of this balance.")})
        entry, _created = ProfileCompetence.objects.update_or_create(
            balance=balance,
            competence=competence,
            defaults={
                "dimension": data.dimension,
                "level": data.level,
                "prk_level": data.prk_level,
                "evidence": data.evidence.strip(),
            },
        )
        entry.full_clean()
        entry.star_evidence.set(stars)
        audit_record(
            action=GUIDANCE_PROFILE_SAVED,
            actor=actor,
            obj=entry,
            details={"competence": competence.uri, "level": data.level},
        )
    return entry


def profile_competence_delete(*, balance_id: int, entry_id: int, actor: Actor) -> None:
    balance_child_delete(
        ProfileCompetence,
        balance_id=balance_id,
        item_id=entry_id,
        actor=actor,
        action=GUIDANCE_PROFILE_DELETED,
    )
