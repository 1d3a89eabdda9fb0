"""What every service of validation checks: who the actor is to this validation (its candidate, or
staff of its institution with the right function) and the row locked for the change."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.qualifications.models import StaffFunction

from .. import selectors
from ..models import Validation


def locked(validation_id: int) -> Validation:
    return (
        Validation.objects.select_for_update()
        .select_related("qualification", "institution")
        .get(pk=validation_id)
    )


def require_candidate(actor: Actor, validation: Validation) -> None:
    """Only the candidate acts on their own validation; for anyone else it does not exist."""
    if actor.role != Role.PARTICIPANT or validation.candidate_id != getattr(actor.user, "pk", None):
        raise Validation.DoesNotExist


def staff_functions(actor: Actor, institution_id: int) -> set[str]:
    """The actor's functions at the institution; PermissionDenied for anyone not on its staff."""
    if actor.role != Role.CERTIFICATION_STAFF:
        raise PermissionDenied(_("Only the certifying institution's staff can do this."))
    functions = selectors.functions_of(user=actor.user, institution_id=institution_id)
    if not functions:
        raise PermissionDenied(_("Only the staff of this certifying institution can do this."))
    return functions


def require_function(actor: Actor, institution_id: int, *wanted: str) -> None:
    if not staff_functions(actor, institution_id) & set(wanted):
        labels = ", ".join(str(StaffFunction(f).label) for f in wanted)
        raise PermissionDenied(
            _("This needs one of these functions at the institution: %(f)s.") % {"f": labels}
        )


def require_advisor(actor: Actor, validation: Validation) -> None:
    """The validation's own advisor (identification and documentation)."""
    require_function(actor, validation.institution_id, StaffFunction.ADVISOR)
    if validation.advisor_id != actor.user.pk:
        raise PermissionDenied(_("Only the candidate's advisor can do this."))
