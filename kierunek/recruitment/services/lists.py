"""Publication of a school's lists (art. 158 ust. 1-2 Prawo oświatowe): the committee makes each
class's list known on the day of the timetable; from then the candidates who ranked the class see
it, in alphabetical order with the qualified or not-qualified statement and the lowest score."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.education.models import School

from .. import selectors
from ..audit_actions import LISTS_PUBLISHED
from ..models import ClassRound, RecruitmentYear, Round, YearStatus

MATCHED: dict[str, set[str]] = {
    Round.MAIN: {YearStatus.QUALIFIED, YearStatus.ADMITTED, YearStatus.SUPPLEMENTARY, YearStatus.CLOSED},
    Round.SUPPLEMENTARY: {YearStatus.SUPPLEMENTARY, YearStatus.CLOSED},
}


def lists_publish(*, actor: Actor, year: RecruitmentYear, school: School, round_: str = Round.MAIN) -> int:
    """The school's committee (its director or a member) publishes the lists of every class of the
    school in the round, once the round is matched and its day has come. Returns how many lists
    were newly published."""
    if not selectors.acts_for(user=actor.user, school=school, year=year):
        raise PermissionDenied
    if round_ not in MATCHED or year.status not in MATCHED[round_]:
        raise ValidationError(_("The lists can be published once the round is matched."))
    day = year.qualified_on if round_ == Round.MAIN else year.supplementary_admitted_on
    if timezone.localdate() < day and not year.is_demo:
        raise ValidationError(
            _("The lists may be published from %(day)s.") % {"day": day.strftime("%d.%m.%Y")}
        )
    with transaction.atomic():
        count = ClassRound.objects.filter(
            school_class__year=year, school_class__school=school, round=round_, published_at__isnull=True
        ).update(published_at=timezone.now())
        if not count:
            raise ValidationError(_("The lists of this round are already published."))
        audit_record(
            action=LISTS_PUBLISHED, actor=actor, obj=school, details={"round": round_, "lists": count}
        )
    return count
