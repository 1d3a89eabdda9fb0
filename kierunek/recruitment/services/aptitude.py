"""The results of the aptitude tests (sprawdziany uzdolnień, art. 134 and 143 Prawo oświatowe):
a class that requires one is entered, in the round, only by the candidates who passed it. The
committee of the class's school enters passed or not passed for each candidate who ranked the
class, in its phase of the timetable; the round's match reads them (``rounds.instance_load``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record

from .. import selectors
from ..audit_actions import APTITUDE_ENTERED
from ..models import ApplicationStatus, Preference, Round, SchoolClass, YearStatus

# The year's stage in which each round's aptitude-test results may still change: before the
# round is matched.
ENTRY_STATUS: dict[str, str] = {Round.MAIN: YearStatus.OPEN, Round.SUPPLEMENTARY: YearStatus.ADMITTED}


def aptitude_window_error(school_class: SchoolClass, round_: str) -> str | None:
    """Why the round's results of the class cannot be entered today (None: they can): the main
    round's from the first day of applications until the timetable's day for aptitude-test
    results, the supplementary round's while its applications are being taken; never once the
    round is matched."""
    year = school_class.year
    if round_ not in ENTRY_STATUS or year.status != ENTRY_STATUS[round_]:
        return _("The aptitude test results of this round can no longer change: the round is matched.")
    if year.is_demo:
        return None
    today = timezone.localdate()
    first, last = (
        (year.applications_from, year.aptitude_until)
        if round_ == Round.MAIN
        else (year.admitted_on, year.supplementary_admitted_on)
    )
    if today < first:
        return _("The aptitude test results may be entered from %(day)s.") % {
            "day": first.strftime("%d.%m.%Y")
        }
    if today > last:
        return _("The aptitude test results could be entered until %(day)s.") % {
            "day": last.strftime("%d.%m.%Y")
        }
    return None


def aptitude_results_enter(
    *, actor: Actor, school_class: SchoolClass, round_: str, results: dict[int, bool | None]
) -> int:
    """The committee of the class's school records the aptitude test of the candidates who ranked
    the class in the round: ``results`` maps a preference's id to passed (True), not passed
    (False) or not yet known (None). Each id must be a submitted application's ranking of this
    class in this round; one that is not refuses the whole entry. Returns how many changed."""
    year = school_class.year
    if not selectors.acts_for(user=actor.user, school=school_class.school, year=year):
        raise PermissionDenied
    if not school_class.aptitude_test:
        raise ValidationError(_("This class does not require an aptitude test."))
    error = aptitude_window_error(school_class, round_)
    if error:
        raise ValidationError(error)
    with transaction.atomic():
        rows = {
            p.pk: p
            for p in Preference.objects.select_for_update()
            .filter(school_class=school_class, round=round_, pk__in=list(results))
            .exclude(application__status=ApplicationStatus.DRAFT)
            .order_by("pk")
        }
        if set(rows) != set(results):
            raise ValidationError(_("Some candidates did not rank this class: nothing was saved."))
        changed = [rows[pk] for pk, passed in results.items() if rows[pk].aptitude_passed != passed]
        for preference in changed:
            preference.aptitude_passed = results[preference.pk]
        Preference.objects.bulk_update(changed, ["aptitude_passed"])
        audit_record(
            action=APTITUDE_ENTERED,
            actor=actor,
            obj=school_class,
            details={
                "round": round_,
                "passed": [p.application_id for p in changed if p.aptitude_passed],
                "failed": [p.application_id for p in changed if p.aptitude_passed is False],
                "cleared": [p.application_id for p in changed if p.aptitude_passed is None],
            },
        )
    return len(changed)
