"""Confirmation of intent and appeals (art. 158 Prawo oświatowe): within 3 days of the lists of
admitted candidates a request for the committee's justification, within 3 days the justification
(the lowest admitting score of the class and the candidate's score, generated from the round),
within 3 days an appeal to the director, within 3 days the director's decision."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.education.selectors import directed_schools

from .. import domain, selectors
from ..audit_actions import JUSTIFICATION_REQUESTED
from ..models import Appeal, Application, Placement, PlacementStatus, Round, SchoolClass, YearStatus
from ..workflows import APPEAL, PLACEMENT


def _directs(actor: Actor, school_class: SchoolClass) -> bool:
    """The director of the class's school: the appeal goes to them (art. 158 ust. 6)."""
    return actor.role == Role.SCHOOL_DIRECTOR and school_class.school in directed_schools(user=actor.user)


def _committee(actor: Actor, school_class: SchoolClass) -> bool:
    """The class's school's recruitment committee: its director or an appointed member."""
    return selectors.acts_for(user=actor.user, school=school_class.school, year=school_class.year)


def intent_confirm(*, actor: Actor, placement: Placement) -> None:
    """The candidate (or the school, at its desk) confirms the intent to attend, by the deadline."""
    own = actor.user is not None and placement.application.candidate_id == actor.user.pk
    if not own and not (placement.school_class and _committee(actor, placement.school_class)):
        raise PermissionDenied
    year = placement.application.year
    if timezone.localdate() > year.confirm_until and not year.is_demo:
        raise ValidationError(_("Confirmations closed on %(day)s.") % {"day": year.confirm_until})
    if own and placement.school_class and placement.school_class.medical_certificate:
        raise ValidationError(
            _(
                "This class requires a medical certificate: confirm your intent at the school, "
                "bringing the certificate."
            )
        )
    placement.confirmed_at = timezone.now()
    PLACEMENT.apply(placement, "confirm", actor=actor, fields=["confirmed_at"])


def justification_request(*, actor: Actor, application: Application, school_class: SchoolClass) -> Appeal:
    """The candidate asks why they were not admitted to a class they ranked above their seat."""
    if actor.user is None or application.candidate_id != actor.user.pk:
        raise PermissionDenied
    year = application.year
    if year.status not in {YearStatus.ADMITTED, YearStatus.SUPPLEMENTARY, YearStatus.CLOSED}:
        raise ValidationError(
            _("Justifications may be requested once the lists of admitted candidates are out.")
        )
    today = timezone.localdate()
    if today > domain.appeal_deadline(year.admitted_on) and not year.is_demo:
        raise ValidationError(
            _("Justifications could be requested until %(day)s.")
            % {"day": domain.appeal_deadline(year.admitted_on)}
        )
    if not application.preferences.filter(round=Round.MAIN, school_class=school_class).exists():
        raise ValidationError(_("You did not rank this class."))
    if Placement.objects.filter(
        application=application,
        school_class=school_class,
        status__in=[PlacementStatus.ADMITTED, PlacementStatus.CONFIRMED],
    ).exists():
        raise ValidationError(_("You were admitted to this class."))
    if Appeal.objects.filter(application=application, school_class=school_class).exists():
        raise ValidationError(_("You have already asked about this class."))
    with transaction.atomic():
        appeal = Appeal.objects.create(application=application, school_class=school_class, requested_on=today)
        audit_record(action=JUSTIFICATION_REQUESTED, actor=actor, obj=appeal)
    return appeal


def appeal_justify(*, actor: Actor, appeal: Appeal, justification: str) -> None:
    """The committee's justification, given by its director or a member (from the generated
    text)."""
    if not _committee(actor, appeal.school_class):
        raise PermissionDenied
    if not justification.strip():
        raise ValidationError(_("Write the justification."))
    appeal.justification = justification.strip()
    appeal.justified_on = timezone.localdate()
    APPEAL.apply(appeal, "justify", actor=actor, fields=["justification", "justified_on"])


def appeal_file(*, actor: Actor, appeal: Appeal, grounds: str) -> None:
    """The candidate appeals to the director within 3 days of the justification."""
    if actor.user is None or appeal.application.candidate_id != actor.user.pk:
        raise PermissionDenied
    today = timezone.localdate()
    if appeal.justified_on and today > domain.appeal_deadline(appeal.justified_on):
        raise ValidationError(
            _("The appeal could be filed until %(day)s.")
            % {"day": domain.appeal_deadline(appeal.justified_on)}
        )
    if not grounds.strip():
        raise ValidationError(_("Say why you appeal."))
    appeal.appeal_text = grounds.strip()
    appeal.appealed_on = today
    APPEAL.apply(appeal, "appeal", actor=actor, fields=["appeal_text", "appealed_on"])


def appeal_decide(*, actor: Actor, appeal: Appeal, uphold: bool, decision: str) -> None:
    """The director decides the appeal, not the committee (art. 158 ust. 6-7); upheld, the
    candidate is admitted to the class (confirmed)."""
    if not _directs(actor, appeal.school_class):
        raise PermissionDenied
    if not decision.strip():
        raise ValidationError(_("Write the reasons of the decision."))
    appeal.decision = decision.strip()
    appeal.decided_on = timezone.localdate()
    APPEAL.apply(appeal, "uphold" if uphold else "dismiss", actor=actor, fields=["decision", "decided_on"])


def deadlines(appeal: Appeal) -> dict[str, object]:
    """The next step's last day, and whether it has passed."""
    today = timezone.localdate()
    since = {
        "requested": appeal.requested_on,
        "justified": appeal.justified_on,
        "appealed": appeal.appealed_on,
    }.get(appeal.status)
    if since is None:
        return {}
    due = domain.appeal_deadline(since)
    return {"due": due, "overdue": today > due}
