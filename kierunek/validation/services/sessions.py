"""Verification: the institution schedules exam sessions with seats and a commission of at least
two of its assessors; a candidate in verification takes a seat; each assessor declares before
assessing that they have no conflict of interest with the candidate; the commission records a
theory and a practical result for each set the candidate sits. Sets passed stay passed, so a
re-sit covers the rest; once every set has a result the validation is passed or not.

Separation of roles (the act on the ZSK): the advisor who supported the candidate never sits on
the commission that assesses them: they cannot declare, a seat at such a commission is refused,
and so are results recorded by it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.qualifications.models import CertifyingInstitution, Qualification, StaffFunction

from .. import domain, selectors
from ..audit_actions import CONFLICT_DECLARED, RESULTS_RECORDED, SEAT_TAKEN, SESSION_SCHEDULED
from ..models import CommissionMember, ConflictDeclaration, ExamSession, Seat, SetResult, Validation
from ..workflows import VALIDATION
from .common import locked, require_candidate, require_function


def session_schedule(
    *,
    actor: Actor,
    institution_id: int,
    qualification_code: str,
    starts_at: datetime,
    place: str,
    seats: int,
    assessor_ids: Iterable[int],
    outcome_set_ids: Iterable[int] = (),
) -> ExamSession:
    """A verification session of an authorised qualification, with a commission of at least two
    of the institution's assessors; the sets verified are those chosen (all when none is)."""
    require_function(actor, institution_id, StaffFunction.SIGNER, StaffFunction.ASSESSOR)
    institution = CertifyingInstitution.objects.get(pk=institution_id)
    qualification = Qualification.objects.get(code=qualification_code.strip().upper())
    if not selectors.is_authorised(institution, qualification):
        raise ValidationError(_("This institution is not authorised to certify this qualification."))
    errors: dict[str, str] = {}
    if not place.strip():
        errors["place"] = _("Say where the session is held.")
    if not 1 <= seats <= domain.MAX_SEATS:
        errors["seats"] = _("A session has from 1 to %(max)s seats.") % {"max": domain.MAX_SEATS}
    if starts_at <= timezone.now():
        errors["starts_at"] = _("A session is scheduled in the future.")
    assessors = {
        a.pk: a for a in selectors.staff_with(institution_id=institution_id, function=StaffFunction.ASSESSOR)
    }
    chosen = {int(i) for i in assessor_ids}
    if not chosen <= set(assessors):
        errors["assessors"] = _("Choose assessors of this institution.")
    elif len(chosen) < domain.MIN_COMMISSION:
        errors["assessors"] = _("A commission has at least %(min)s assessors.") % {
            "min": domain.MIN_COMMISSION
        }
    sets = {s.pk for s in selectors.outcome_sets_of(qualification)}
    wanted = {int(i) for i in outcome_set_ids} or sets
    if not wanted <= sets:
        errors["outcome_sets"] = _("Choose outcome sets of this qualification.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        session = ExamSession.objects.create(
            institution=institution,
            qualification=qualification,
            starts_at=starts_at,
            place=place.strip(),
            seats=seats,
            created_by=actor.user,
        )
        session.outcome_sets.set(sorted(wanted))
        CommissionMember.objects.bulk_create(
            CommissionMember(session=session, assessor_id=assessor_id) for assessor_id in sorted(chosen)
        )
        audit_record(action=SESSION_SCHEDULED, actor=actor, obj=session)
    return session


def _advisor_on_commission(validation: Validation, session: ExamSession) -> bool:
    return (
        validation.advisor_id is not None
        and session.commission.filter(assessor_id=validation.advisor_id).exists()
    )


def seat_take(*, actor: Actor, validation_id: int, session_id: int) -> Seat:
    """A seat at a session for a candidate in verification: the candidate takes it, or the
    institution's staff seat them. Not at a commission with the candidate's own advisor."""
    with transaction.atomic():
        validation = locked(validation_id)
        if actor.role == Role.PARTICIPANT:
            require_candidate(actor, validation)
        else:
            require_function(actor, validation.institution_id, *StaffFunction.values)
        session = ExamSession.objects.select_for_update().get(
            pk=session_id, institution=validation.institution, qualification=validation.qualification
        )
        if validation.status != domain.VERIFICATION:
            raise ValidationError(_("A seat is taken once the candidate is admitted to verification."))
        if session.starts_at <= timezone.now():
            raise ValidationError(_("This session has already started."))
        if _advisor_on_commission(validation, session):
            raise ValidationError(
                _("The candidate's advisor sits on this session's commission: choose another session.")
            )
        if session.seat_list.count() >= session.seats:
            raise ValidationError(_("This session has no free seat."))
        if Seat.objects.filter(session=session, validation=validation).exists():
            raise ValidationError(_("The candidate already has a seat at this session."))
        seat = Seat.objects.create(session=session, validation=validation)
        audit_record(action=SEAT_TAKEN, actor=actor, obj=validation, details={"session": session.pk})
    return seat


def conflict_declare(
    *, actor: Actor, validation_id: int, has_conflict: bool, statement: str = ""
) -> ConflictDeclaration:
    """An assessor declares, before assessing the candidate, whether they have a conflict of
    interest. The candidate's advisor cannot assess them at all."""
    with transaction.atomic():
        validation = locked(validation_id)
        require_function(actor, validation.institution_id, StaffFunction.ASSESSOR)
        if validation.advisor_id == actor.user.pk:
            raise PermissionDenied(_("You supported this candidate as the advisor: you cannot assess them."))
        if has_conflict and not statement.strip():
            raise ValidationError({"statement": _("Describe the conflict of interest.")})
        if ConflictDeclaration.objects.filter(validation=validation, assessor=actor.user).exists():
            raise ValidationError(_("You have already declared for this candidate."))
        declaration = ConflictDeclaration.objects.create(
            validation=validation, assessor=actor.user, has_conflict=has_conflict, statement=statement.strip()
        )
        audit_record(
            action=CONFLICT_DECLARED, actor=actor, obj=validation, details={"has_conflict": has_conflict}
        )
    return declaration


def results_record(
    *, actor: Actor, seat_id: int, results: Mapping[int, tuple[bool, bool]], remarks: str = ""
) -> Validation:
    """A member of the session's commission records, for the candidate of the seat, the theory and
    practical result of each set they sat there ({outcome set id: (theory, practical)}): every
    set of the session that the candidate had not passed before. Every member must have declared
    no conflict of interest; the candidate's advisor is never one. When every set of the
    qualification then has a result, the validation is passed (all passed) or not."""
    with transaction.atomic():
        seat = Seat.objects.select_related("session").get(pk=seat_id)
        validation = locked(seat.validation_id)
        session = seat.session
        require_function(actor, validation.institution_id, StaffFunction.ASSESSOR)
        members = [m.assessor_id for m in session.commission.all()]
        if actor.user.pk not in members:
            raise PermissionDenied(_("Only a member of the session's commission records its results."))
        if len(members) < domain.MIN_COMMISSION:
            raise ValidationError(
                _("A commission has at least %(min)s assessors.") % {"min": domain.MIN_COMMISSION}
            )
        if validation.advisor_id in members:
            raise PermissionDenied(
                _("The candidate's advisor sits on this commission: it cannot assess them.")
            )
        declared = dict(
            ConflictDeclaration.objects.filter(validation=validation, assessor_id__in=members).values_list(
                "assessor_id", "has_conflict"
            )
        )
        if any(declared.get(member) is not False for member in members):
            raise ValidationError(
                _(
                    "Every member of the commission must first declare no conflict of interest with the "
                    "candidate."
                )
            )
        if validation.status != domain.VERIFICATION:
            raise ValidationError(_("Results are recorded while the candidate is in verification."))
        if seat.results.exists():
            raise ValidationError(_("The results of this seat are already recorded."))
        session_sets = set(session.outcome_sets.values_list("pk", flat=True))
        due = [s.pk for s in selectors.sets_to_sit(validation) if s.pk in session_sets]
        if set(results) != set(due):
            raise ValidationError(_("Record a result for every set the candidate sat at this session."))
        for set_id in due:
            theory, practical = results[set_id]
            SetResult.objects.create(
                seat=seat,
                validation=validation,
                outcome_set_id=set_id,
                theory_passed=theory,
                practical_passed=practical,
                passed=theory and practical,
                remarks=remarks.strip(),
                recorded_by=actor.user,
            )
        audit_record(
            action=RESULTS_RECORDED,
            actor=actor,
            obj=validation,
            details={"session": session.pk, "sets": {str(k): list(v) for k, v in results.items()}},
        )
        outcome = domain.outcome(
            [s.pk for s in selectors.outcome_sets_of(validation.qualification)],
            selectors.results_of(validation),
        )
        if outcome is not None:
            today = timezone.localdate()
            validation.result_on = today
            validation.appeal_until = domain.appeal_deadline(today) if outcome == domain.FAILED else None
            VALIDATION.apply(
                validation,
                "pass" if outcome == domain.PASSED else "fail",
                actor=actor,
                fields=["result_on", "appeal_until"],
            )
    return validation
