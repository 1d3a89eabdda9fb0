"""The biographical interview (experiences) and the behavioural one (STAR examples) of a
competence balance, changed by its advisor while the plan is a draft."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record

from ..audit_actions import (
    GUIDANCE_EXPERIENCE_DELETED,
    GUIDANCE_EXPERIENCE_SAVED,
    GUIDANCE_STAR_EVIDENCE_DELETED,
    GUIDANCE_STAR_EVIDENCE_SAVED,
)
from ..models import Competence, Experience, StarEvidence
from .balance import balance_child_delete, balance_for_change


@dataclass(frozen=True)
class ExperienceData:
    kind: str
    title: str
    organisation: str
    started_on: date
    ended_on: date | None
    activities: str


def experience_save(
    *, balance_id: int, data: ExperienceData, actor: Actor, experience_id: int | None = None
) -> Experience:
    if data.started_on > timezone.localdate():
        raise ValidationError({"started_on": _("An experience cannot start in the future.")})
    if data.ended_on is not None and data.ended_on < data.started_on:
        raise ValidationError({"ended_on": _("The end cannot be before the start.")})
    with transaction.atomic():
        balance = balance_for_change(balance_id=balance_id, actor=actor)
        experience = (
            Experience.objects.get(pk=experience_id, balance=balance)
            if experience_id
            else Experience(balance=balance)
        )
        for name, value in vars(data).items():
            setattr(experience, name, value.strip() if isinstance(value, str) else value)
        experience.full_clean()
        experience.save()
        audit_record(action=GUIDANCE_EXPERIENCE_SAVED, actor=actor, obj=experience)
    return experience


def experience_delete(*, balance_id: int, experience_id: int, actor: Actor) -> None:
    balance_child_delete(
        Experience,
        balance_id=balance_id,
        item_id=experience_id,
        actor=actor,
        action=GUIDANCE_EXPERIENCE_DELETED,
    )


def competences_chosen(ids: list[int]) -> list[Competence]:
    """The active competences of the vocabulary with these ids, or ValidationError."""
    competences = list(Competence.objects.filter(pk__in=ids, is_active=True))
    if len(competences) != len(set(ids)):
        raise ValidationError({"competences": _("Choose competences from the vocabulary.")})
    return competences


@dataclass(frozen=True)
class StarData:
    situation: str
    task: str
    action: str
    result: str
    competence_ids: list[int]
    experience_id: int | None = None


def star_evidence_save(
    *, balance_id: int, data: StarData, actor: Actor, evidence_id: int | None = None
) -> StarEvidence:
    """Record behavioural evidence: all four parts of STAR, and at least one competence it shows."""
    parts = {name: getattr(data, name).strip() for name in ("situation", "task", "action", "result")}
    missing = {name: _("Describe this part of the example.") for name, text in parts.items() if not text}
    if missing:
        raise ValidationError(missing)
    if not data.competence_ids:
        raise ValidationError({"competences": _("Link the example to at least one competence it shows.")})
    with transaction.atomic():
        balance = balance_for_change(balance_id=balance_id, actor=actor)
        competences = competences_chosen(data.competence_ids)
        experience = None
        if data.experience_id:
            experience = Experience.objects.filter(pk=data.experience_id, balance=balance).first()
            if experience is None:
                raise ValidationError({"experience": _("Choose one of this participant's experiences.")})
        evidence = (
            StarEvidence.objects.get(pk=evidence_id, balance=balance)
            if evidence_id
            else StarEvidence(balance=balance)
        )
        for name, text in parts.items():
            setattr(evidence, name, text)
        evidence.experience = experience
        evidence.save()
        evidence.competences.set(competences)
        audit_record(action=GUIDANCE_STAR_EVIDENCE_SAVED, actor=actor, obj=evidence)
    return evidence


def star_evidence_delete(*, balance_id: int, evidence_id: int, actor: Actor) -> None:
    balance_child_delete(
        StarEvidence,
        balance_id=balance_id,
        item_id=evidence_id,
        actor=actor,
        action=GUIDANCE_STAR_EVIDENCE_DELETED,
    )
