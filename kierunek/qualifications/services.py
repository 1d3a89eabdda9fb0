"""Every change to the register of qualifications: enter, edit, and the import's write
(kierunek.qualifications.importexport reads and checks the file). Only the office's officers
change the register (and the system, for the demo data); every change is audited and leaves a
history row naming who, when and what, field by field.

An edit keeps the rows of outcome sets and outcomes whose codes stay (matched by code), so that
what refers to them keeps referring to the same set or outcome."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.catalogue.search.text import document_tokens
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record

from .audit_actions import QUALIFICATION_CHANGED, QUALIFICATION_CREATED
from .domain import TEXT_FIELDS, TRACKED_FIELDS, QualificationInput, qualification_problems
from .models import LearningOutcome, OutcomeSet, Qualification, QualificationChange

EDITOR_ROLES = (Role.OFFICER,)


def require_editor(actor: Actor) -> None:
    """PermissionDenied unless ``actor`` is an officer (or the system: the demo data)."""
    if not actor.is_system and actor.role not in EDITOR_ROLES:
        raise PermissionDenied(_("Only the office's officers change the register of qualifications."))


def qualification_check(data: QualificationInput, *, existing: Qualification | None = None) -> None:
    """ValidationError naming every field of ``data`` that is wrong, translated."""
    problems = {
        name: [_(message) for message in messages] for name, messages in qualification_problems(data).items()
    }
    if existing is None and Qualification.objects.filter(code=data.code).exists():
        problems.setdefault("code", []).append(_("The register already has a qualification with this code."))
    if problems:
        raise ValidationError(problems)


def search_tokens(data: QualificationInput) -> str:
    """The analysed tokens of what a search looks in, each once: " token token ... "."""
    texts = [
        data.code,
        data.name,
        data.description,
        data.target_group,
        data.rights_conferred,
        *(outcome_set.name for outcome_set in data.outcome_sets),
        *(outcome.text for outcome_set in data.outcome_sets for outcome in outcome_set.outcomes),
    ]
    tokens = dict.fromkeys(token for text in texts for token in document_tokens(text))
    return f" {' '.join(tokens)} " if tokens else ""


def snapshot(qualification: Qualification) -> dict[str, str]:
    """The tracked fields as text, for the history's comparison."""
    values: dict[str, str] = {}
    for name in TRACKED_FIELDS:
        if name == "outcome_sets":
            values[name] = json.dumps(outcome_sets_data(qualification), ensure_ascii=False)
        elif name == "certifying_institutions":
            values[name] = "; ".join(qualification.certifying_institutions)
        else:
            value = getattr(qualification, name)
            values[name] = "" if value is None else str(value)
    return values


def outcome_sets_data(qualification: Qualification) -> list[dict[str, Any]]:
    """The outcome sets as the export and the API write them."""
    return [
        {
            "code": outcome_set.code,
            "name": outcome_set.name,
            "outcomes": [
                {"code": outcome.code, "text": outcome.text, "criteria": list(outcome.criteria)}
                for outcome in outcome_set.outcomes.all()
            ],
        }
        for outcome_set in qualification.outcome_sets.all()
    ]


def _fields_set(qualification: Qualification, data: QualificationInput) -> None:
    qualification.name = data.name.strip()
    qualification.kind = data.kind
    qualification.prk_level = data.prk_level
    qualification.workload_hours = data.workload_hours
    for name in TEXT_FIELDS:
        setattr(qualification, name, getattr(data, name).strip())
    qualification.certificate_validity_years = data.certificate_validity_years
    qualification.certifying_institutions = [name.strip() for name in data.certifying_institutions]
    qualification.quality_body = data.quality_body.strip()
    qualification.registered_on = data.registered_on
    qualification.demo = data.demo
    qualification.search_tokens = search_tokens(data)


def _outcome_sets_write(qualification: Qualification, data: QualificationInput) -> None:
    """The sets and outcomes of ``data``, keeping the rows whose codes stay."""
    kept_sets = {outcome_set.code: outcome_set for outcome_set in qualification.outcome_sets.all()}
    qualification.outcome_sets.exclude(code__in=[s.code for s in data.outcome_sets]).delete()
    for position, set_data in enumerate(data.outcome_sets):
        outcome_set = kept_sets.get(set_data.code) or OutcomeSet(
            qualification=qualification, code=set_data.code
        )
        outcome_set.name = set_data.name.strip()
        outcome_set.position = position
        outcome_set.save()
        kept = {outcome.code: outcome for outcome in outcome_set.outcomes.all()}
        outcome_set.outcomes.exclude(code__in=[o.code for o in set_data.outcomes]).delete()
        for outcome_position, outcome_data in enumerate(set_data.outcomes):
            outcome = kept.get(outcome_data.code) or LearningOutcome(
                outcome_set=outcome_set, code=outcome_data.code
            )
            outcome.text = outcome_data.text.strip()
            outcome.criteria = [criterion.strip() for criterion in outcome_data.criteria]
            outcome.position = outcome_position
            outcome.save()


def _changes(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    return {
        name: [before.get(name, ""), after[name]] for name in after if before.get(name, "") != after[name]
    }


def qualification_write(
    *, actor: Actor, data: QualificationInput, how: str, qualification: Qualification | None = None
) -> tuple[Qualification, dict[str, list[str]]]:
    """Enter ``data`` (``qualification`` None) or change ``qualification`` to it, inside the
    caller's transaction, with its history row; checked already. Returns the qualification and
    what changed ({field: [before, after]}; empty when nothing did)."""
    if qualification is None:
        qualification = Qualification(code=data.code)
        before: dict[str, str] = {}
    else:
        qualification = Qualification.objects.select_for_update().get(pk=qualification.pk)
        before = snapshot(qualification)
    _fields_set(qualification, data)
    qualification.save()
    _outcome_sets_write(qualification, data)
    changes = _changes(before, snapshot(qualification))
    if changes:
        QualificationChange.objects.create(
            qualification=qualification,
            changed_by=actor.user,
            how=how,
            changes=changes,
        )
    return qualification, changes


def qualification_create(*, actor: Actor, data: QualificationInput) -> Qualification:
    """A new qualification of the register."""
    require_editor(actor)
    qualification_check(data)
    try:
        with transaction.atomic():
            qualification, _changed = qualification_write(
                actor=actor, data=data, how=QualificationChange.How.CREATED
            )
            audit_record(
                action=QUALIFICATION_CREATED, actor=actor, obj=qualification, details={"code": data.code}
            )
    except IntegrityError as exc:  # the same code entered by someone else since the check
        raise ValidationError(
            {"code": [_("The register already has a qualification with this code.")]}
        ) from exc
    return qualification


def qualification_update(
    *, actor: Actor, qualification: Qualification, data: QualificationInput
) -> Qualification:
    """The qualification changed to ``data`` (its code stays: cards and validations refer to it).
    Nothing is recorded when nothing changed."""
    require_editor(actor)
    if data.code != qualification.code:
        raise ValidationError({"code": [_("The code of a qualification in the register does not change.")]})
    qualification_check(data, existing=qualification)
    with transaction.atomic():
        qualification, changed = qualification_write(
            actor=actor, data=data, how=QualificationChange.How.EDITED, qualification=qualification
        )
        if changed:
            details = {"fields": sorted(changed)}
            audit_record(action=QUALIFICATION_CHANGED, actor=actor, obj=qualification, details=details)
    return qualification
