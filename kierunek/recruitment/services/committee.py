"""A school's recruitment committee for the year (art. 157 Prawo oświatowe): its director
appoints teachers of the school to it and names the chair. Members do the committee's work for the
school (documents, results, aptitude tests, lists, justifications); the appeal goes to the
director, who decides it alone."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.education.models import SchoolFunction, SchoolStaff
from kierunek.education.selectors import directed_schools

from ..audit_actions import COMMITTEE_CHANGED
from ..models import CommitteeMember, RecruitmentYear, YearStatus


def _director_of(actor: Actor, staff: SchoolStaff) -> None:
    if actor.role != Role.SCHOOL_DIRECTOR or staff.school not in directed_schools(user=actor.user):
        raise PermissionDenied


def committee_appoint(
    *, actor: Actor, year: RecruitmentYear, staff: SchoolStaff, chair: bool = False
) -> CommitteeMember:
    """The director appoints a teacher working at the school to the year's committee (or names
    them the chair, the only one)."""
    _director_of(actor, staff)
    if year.status == YearStatus.CLOSED:
        raise ValidationError(_("The recruitment year is closed."))
    if staff.until is not None or staff.function != SchoolFunction.TEACHER or staff.user.role != Role.TEACHER:
        raise ValidationError(_("Appoint a teacher who works at the school now."))
    with transaction.atomic():
        if chair:
            CommitteeMember.objects.filter(year=year, staff__school=staff.school, chair=True).update(
                chair=False
            )
        member, created = CommitteeMember.objects.get_or_create(year=year, staff=staff)
        if not created and member.chair == chair:
            raise ValidationError(_("The teacher is already on the committee."))
        member.chair = chair
        member.save(update_fields=["chair"])
        audit_record(
            action=COMMITTEE_CHANGED,
            actor=actor,
            obj=staff.school,
            details={"year": year.year, "appointed": staff.user_id, "chair": chair},
        )
    return member


def committee_dismiss(*, actor: Actor, member: CommitteeMember) -> None:
    """The director takes a member off the year's committee."""
    _director_of(actor, member.staff)
    if member.year.status == YearStatus.CLOSED:
        raise ValidationError(_("The recruitment year is closed."))
    with transaction.atomic():
        audit_record(
            action=COMMITTEE_CHANGED,
            actor=actor,
            obj=member.staff.school,
            details={"year": member.year.year, "dismissed": member.staff.user_id},
        )
        member.delete()
