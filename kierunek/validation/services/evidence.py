"""Documentation: evidence for the learning outcomes, taken from the candidate's competence-balance
portfolio (a reference to the item, never a copy) or uploaded here (a PDF or an image, checked by
its first bytes as guidance checks its files), each mapped to the outcomes it shows."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.uploads import validate_upload

from .. import domain, selectors
from ..audit_actions import EVIDENCE_ADDED, EVIDENCE_REMOVED
from ..models import Evidence, Validation
from .common import locked, require_advisor, require_candidate

EVIDENCE_STATES = (domain.IDENTIFICATION, domain.DOCUMENTATION)


def _for_documentation(actor: Actor, validation_id: int) -> Validation:
    validation = locked(validation_id)
    if actor.role == Role.PARTICIPANT:
        require_candidate(actor, validation)
    else:
        require_advisor(actor, validation)
    if validation.status not in EVIDENCE_STATES:
        raise ValidationError(_("Evidence is added during identification and documentation."))
    return validation


def _outcomes(validation: Validation, outcome_ids: Iterable[int]) -> list[int]:
    wanted = {int(i) for i in outcome_ids}
    if not wanted:
        raise ValidationError({"outcomes": _("Choose the learning outcomes this evidence shows.")})
    known = {o.pk for o in selectors.outcomes_of(validation.qualification)}
    if not wanted <= known:
        raise ValidationError({"outcomes": _("This learning outcome is not one of the qualification's.")})
    return sorted(wanted)


def evidence_from_portfolio(
    *, actor: Actor, validation_id: int, portfolio_item_id: int, outcome_ids: Iterable[int]
) -> Evidence:
    """An item of the candidate's own portfolio as evidence for the outcomes chosen."""
    with transaction.atomic():
        validation = _for_documentation(actor, validation_id)
        item = next(
            (i for i in selectors.portfolio_of(validation.candidate) if i.pk == portfolio_item_id), None
        )
        if item is None:
            raise ValidationError({"portfolio_item": _("Choose an item of the candidate's portfolio.")})
        outcomes = _outcomes(validation, outcome_ids)
        evidence = Evidence.objects.create(
            validation=validation, title=item.title, portfolio_item=item, added_by=actor.user
        )
        evidence.outcomes.set(outcomes)
        audit_record(action=EVIDENCE_ADDED, actor=actor, obj=validation, details={"evidence": evidence.pk})
    return evidence


def evidence_upload(
    *, actor: Actor, validation_id: int, title: str, upload: UploadedFile, outcome_ids: Iterable[int]
) -> Evidence:
    """A new document as evidence for the outcomes chosen."""
    kind = validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
    if not title.strip():
        raise ValidationError({"title": _("Give the document a title.")})
    with transaction.atomic():
        validation = _for_documentation(actor, validation_id)
        outcomes = _outcomes(validation, outcome_ids)
        evidence = Evidence.objects.create(
            validation=validation, title=title.strip(), file=upload, file_kind=kind, added_by=actor.user
        )
        evidence.outcomes.set(outcomes)
        audit_record(action=EVIDENCE_ADDED, actor=actor, obj=validation, details={"evidence": evidence.pk})
    return evidence


def evidence_remove(*, actor: Actor, validation_id: int, evidence_id: int) -> None:
    with transaction.atomic():
        validation = _for_documentation(actor, validation_id)
        evidence = Evidence.objects.get(pk=evidence_id, validation=validation)
        stored = evidence.file.name if evidence.file else ""
        storage = evidence.file.storage
        evidence.delete()
        audit_record(action=EVIDENCE_REMOVED, actor=actor, obj=validation, details={"evidence": evidence_id})
        if stored:
            transaction.on_commit(lambda: storage.delete(stored))
