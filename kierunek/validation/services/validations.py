"""A candidate's validation from the application to the result's appeal: the candidate applies,
withdraws, asks for a re-sit and appeals; the institution's staff accept or refuse, the advisor
leads identification and documentation, the signer decides an appeal."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.qualifications.models import CertifyingInstitution, Qualification, StaffFunction

from .. import domain, selectors
from ..audit_actions import SELF_ASSESSMENT_SAVED, VALIDATION_APPLIED
from ..models import Evidence, SelfAssessment, Validation
from ..workflows import VALIDATION
from .common import locked, require_advisor, require_candidate, require_function


def validation_apply(
    *,
    actor: Actor,
    qualification_code: str,
    institution_id: int,
    motivation: str = "",
    plan_area_id: int | None = None,
) -> Validation:
    """A participant applies to an authorised institution for the validation of a qualification,
    from its page or from an area of their own development plan; one open validation per
    qualification."""
    if actor.role != Role.PARTICIPANT:
        raise PermissionDenied(_("Only a participant applies for a validation."))
    qualification = Qualification.objects.get(code=qualification_code.strip().upper())
    institution = CertifyingInstitution.objects.get(pk=institution_id)
    if not selectors.is_authorised(institution, qualification):
        raise ValidationError(
            {"institution": _("This institution is not authorised to certify this qualification.")}
        )
    area = None
    if plan_area_id is not None:
        area = selectors.plan_area_of(candidate=actor.user, area_id=plan_area_id)
    with transaction.atomic():
        if Validation.objects.filter(
            candidate=actor.user, qualification=qualification, status__in=domain.OPEN
        ).exists():
            raise ValidationError(_("You already have an open validation of this qualification."))
        validation = Validation.objects.create(
            candidate=actor.user,
            institution=institution,
            qualification=qualification,
            plan_area=area,
            motivation=motivation.strip(),
        )
        audit_record(action=VALIDATION_APPLIED, actor=actor, obj=validation)
    return validation


def validation_accept(*, actor: Actor, validation_id: int, advisor_id: int, fee: int = 0) -> Validation:
    """The institution accepts the application, names the advisor (a validation advisor of it) and
    sets the fee in grosze (0: a free validation)."""
    if isinstance(fee, bool) or not isinstance(fee, int) or fee < 0:
        raise ValidationError({"fee": _("The fee cannot be negative.")})
    with transaction.atomic():
        validation = locked(validation_id)
        require_function(actor, validation.institution_id, StaffFunction.ADVISOR, StaffFunction.SIGNER)
        advisors = selectors.staff_with(
            institution_id=validation.institution_id, function=StaffFunction.ADVISOR
        )
        advisor = next((a for a in advisors if a.pk == advisor_id), None)
        if advisor is None:
            raise ValidationError({"advisor": _("Choose a validation advisor of this institution.")})
        validation.advisor = advisor
        validation.fee = fee
        VALIDATION.apply(validation, "accept", actor=actor, fields=["advisor", "fee"])
    return validation


def validation_refuse(*, actor: Actor, validation_id: int, reason: str) -> Validation:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the application is refused.")})
    with transaction.atomic():
        validation = locked(validation_id)
        require_function(actor, validation.institution_id, StaffFunction.ADVISOR, StaffFunction.SIGNER)
        validation.refusal_reason = reason.strip()
        VALIDATION.apply(validation, "refuse", actor=actor, fields=["refusal_reason"], note=reason.strip())
    return validation


def validation_withdraw(*, actor: Actor, validation_id: int) -> Validation:
    with transaction.atomic():
        validation = locked(validation_id)
        require_candidate(actor, validation)
        VALIDATION.apply(validation, "withdraw", actor=actor)
    return validation


def self_assessment_save(
    *, actor: Actor, validation_id: int, levels: dict[int, tuple[str, str]]
) -> Validation:
    """The candidate's self-assessment (identification), outcome by outcome: {outcome id: (level,
    note)}; the candidate or their advisor saves it while identification is open."""
    with transaction.atomic():
        validation = locked(validation_id)
        if actor.role == Role.PARTICIPANT:
            require_candidate(actor, validation)
        else:
            require_advisor(actor, validation)
        if validation.status != domain.IDENTIFICATION:
            raise ValidationError(_("The self-assessment is made during identification."))
        outcomes = {o.pk for o in selectors.outcomes_of(validation.qualification)}
        for outcome_id, (level, note) in levels.items():
            if outcome_id not in outcomes:
                raise ValidationError(_("This learning outcome is not one of the qualification's."))
            if level not in domain.SELF_LEVELS:
                raise ValidationError(_("Choose how well you can do it."))
            SelfAssessment.objects.update_or_create(
                validation=validation, outcome_id=outcome_id, defaults={"level": level, "note": note.strip()}
            )
        audit_record(
            action=SELF_ASSESSMENT_SAVED, actor=actor, obj=validation, details={"outcomes": len(levels)}
        )
    return validation


def identification_finish(*, actor: Actor, validation_id: int) -> Validation:
    """The advisor closes identification once every outcome has the candidate's self-assessment."""
    with transaction.atomic():
        validation = locked(validation_id)
        require_advisor(actor, validation)
        assessed = dict(validation.self_assessments.values_list("outcome_id", "level"))
        outcome_ids = [o.pk for o in selectors.outcomes_of(validation.qualification)]
        if validation.status == domain.IDENTIFICATION and not domain.self_assessment_complete(
            outcome_ids, assessed
        ):
            raise ValidationError(_("Every learning outcome needs the candidate's self-assessment first."))
        VALIDATION.apply(validation, "finish_identification", actor=actor)
    return validation


def documentation_finish(*, actor: Actor, validation_id: int) -> Validation:
    """The advisor admits the candidate to verification once evidence is mapped to outcomes."""
    with transaction.atomic():
        validation = locked(validation_id)
        require_advisor(actor, validation)
        if (
            validation.status == domain.DOCUMENTATION
            and not Evidence.objects.filter(validation=validation, outcomes__isnull=False).exists()
        ):
            raise ValidationError(_("Add at least one piece of evidence mapped to learning outcomes first."))
        VALIDATION.apply(validation, "finish_documentation", actor=actor)
    return validation


def validation_resit(*, actor: Actor, validation_id: int) -> Validation:
    """After a negative result the candidate asks to sit again the sets not passed (the passed
    ones stay); the appeal's deadline no longer runs."""
    with transaction.atomic():
        validation = locked(validation_id)
        require_candidate(actor, validation)
        validation.appeal_until = None
        VALIDATION.apply(validation, "resit", actor=actor, fields=["appeal_until"])
    return validation


def validation_appeal(
    *, actor: Actor, validation_id: int, text: str, today: date | None = None
) -> Validation:
    """The candidate appeals against a negative result, with reasons, by the deadline."""
    if not text.strip():
        raise ValidationError({"text": _("Say why you appeal against the result.")})
    day = today or timezone.localdate()
    with transaction.atomic():
        validation = locked(validation_id)
        require_candidate(actor, validation)
        if validation.status == domain.FAILED and (
            validation.appeal_until is None or day > validation.appeal_until
        ):
            raise ValidationError(_("The time for an appeal against this result has passed."))
        validation.appeal_text = text.strip()
        VALIDATION.apply(validation, "appeal", actor=actor, fields=["appeal_text"], note=text.strip())
    return validation


def appeal_decide(*, actor: Actor, validation_id: int, upheld: bool, decision: str) -> Validation:
    """The institution's signer decides the appeal: upheld, the candidate sits the sets not passed
    again; dismissed, the negative result stands and cannot be appealed again."""
    if not decision.strip():
        raise ValidationError({"decision": _("Give the reasons of the decision.")})
    with transaction.atomic():
        validation = locked(validation_id)
        require_function(actor, validation.institution_id, StaffFunction.SIGNER)
        validation.appeal_decision = decision.strip()
        validation.appeal_until = None
        VALIDATION.apply(
            validation,
            "uphold_appeal" if upheld else "dismiss_appeal",
            actor=actor,
            fields=["appeal_decision", "appeal_until"],
            note=decision.strip(),
        )
    return validation
