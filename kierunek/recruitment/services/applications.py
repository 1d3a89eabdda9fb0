"""A candidate's application: their ranked classes, submission, the check of the documents by the
school of first choice, and the results (entered by the school or imported by the authority as CSV)."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.pii import pesel_lookup_hash
from kierunek.education.selectors import directed_schools

from .. import domain
from ..audit_actions import PREFERENCES_SAVED, RESULTS_IMPORTED
from ..models import (
    Application,
    ApplicationStatus,
    Preference,
    RecruitmentYear,
    Round,
    SchoolClass,
    YearStatus,
)
from ..workflows import APPLICATION


def school_may_act(user: User | None, application: Application) -> bool:
    """The director of the candidate's first-choice school acts for its committee."""
    first = (
        application.preferences.filter(round=Round.MAIN)
        .order_by("rank")
        .select_related("school_class")
        .first()
    )
    if user is None or first is None or user.role != Role.SCHOOL_DIRECTOR:
        return False
    return first.school_class.school in directed_schools(user=user)


def preferences_save(
    *, actor: Actor, application: Application, class_ids: list[int], round_: str = Round.MAIN
) -> None:
    """The candidate ranks classes, best first: of this year, each once, of at most N schools."""
    if actor.user is None or application.candidate_id != actor.user.pk:
        raise PermissionDenied
    year = application.year
    if round_ == Round.MAIN and (
        application.status not in {ApplicationStatus.DRAFT, ApplicationStatus.RETURNED}
    ):
        raise ValidationError(_("The ranked classes can change only before the application is submitted."))
    if round_ == Round.MAIN and year.status != YearStatus.OPEN:
        raise ValidationError(_("The main round is over."))
    if round_ == Round.SUPPLEMENTARY and year.status != YearStatus.ADMITTED:
        raise ValidationError(_("The supplementary round is not open."))
    if not class_ids:
        raise ValidationError(_("Rank at least one class."))
    if len(set(class_ids)) != len(class_ids):
        raise ValidationError(_("Each class may be ranked once."))
    classes = {c.pk: c for c in SchoolClass.objects.filter(year=year, pk__in=class_ids)}
    if len(classes) != len(class_ids):
        raise ValidationError(_("Rank classes of this year's recruitment only."))
    schools = {classes[pk].school_id for pk in class_ids}
    if year.max_schools and len(schools) > year.max_schools:
        raise ValidationError(
            _("You may rank classes of at most %(count)s schools.") % {"count": year.max_schools}
        )
    with transaction.atomic():
        application.preferences.filter(round=round_).delete()
        Preference.objects.bulk_create(
            Preference(application=application, round=round_, rank=rank, school_class_id=pk)
            for rank, pk in enumerate(class_ids, start=1)
        )
        audit_record(
            action=PREFERENCES_SAVED,
            actor=actor,
            obj=application,
            details={"round": round_, "classes": class_ids},
        )


def application_submit(*, actor: Actor, application: Application) -> None:
    if actor.user is None or application.candidate_id != actor.user.pk:
        raise PermissionDenied
    if not application.preferences.filter(round=Round.MAIN).exists():
        raise ValidationError(_("Rank at least one class before submitting."))
    if timezone.localdate() > application.year.applications_until and not application.year.is_demo:
        raise ValidationError(
            _("Applications closed on %(day)s.") % {"day": application.year.applications_until}
        )
    application.submitted_at = timezone.now()
    APPLICATION.apply(application, "submit", actor=actor, fields=["submitted_at"])


def application_check(*, actor: Actor, application: Application, accept: bool) -> None:
    """The school of first choice confirms the documents or returns the application."""
    if not school_may_act(actor.user, application):
        raise PermissionDenied
    APPLICATION.apply(application, "verify" if accept else "return", actor=actor)


RESULT_COLUMNS = (
    "pesel",
    "exam_polish",
    "exam_maths",
    "exam_language",
    "polish",
    "maths",
    *sorted(domain.SUBJECT_CODES),
)


def results_import(*, actor: Actor, year: RecruitmentYear, text: str) -> int:
    """The authority imports exam results and certificate grades as CSV (``;``-separated, a header
    row of RESULT_COLUMNS; an empty exam column: exempt). Every row is checked before any is
    written; returns the rows written."""
    if actor.role != Role.METROPOLIS_STAFF:
        raise PermissionDenied
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    if reader.fieldnames is None or not {"pesel", "polish", "maths"} <= set(reader.fieldnames):
        raise ValidationError(_("The file needs a header row with at least: pesel, polish, maths."))
    by_hash = {a.pesel_hash: a for a in Application.objects.filter(year=year).exclude(pesel_hash="")}
    updates = []
    for line, row in enumerate(reader, start=2):
        application = by_hash.get(pesel_lookup_hash((row.get("pesel") or "").strip()))
        if application is None:
            raise ValidationError(_("Line %(line)s: no application with this PESEL.") % {"line": line})
        try:
            exam = [
                int(row[k]) if (row.get(k) or "").strip() else None
                for k in ("exam_polish", "exam_maths", "exam_language")
            ]
            grades = {
                k: int(v) for k, v in row.items() if k not in RESULT_COLUMNS[:4] and k and (v or "").strip()
            }
            results = domain.Results(exam[0], exam[1], exam[2], grades)
            domain.points_parts(results)
        except (KeyError, ValueError, domain.PointsError) as error:
            raise ValidationError(_("Line %(line)s: %(error)s") % {"line": line, "error": error}) from error
        application.exam_polish, application.exam_maths, application.exam_language = exam
        application.grades = grades
        application.results_in = True
        updates.append(application)
    with transaction.atomic():
        Application.objects.bulk_update(
            updates, ["exam_polish", "exam_maths", "exam_language", "grades", "results_in"], batch_size=500
        )
        audit_record(action=RESULTS_IMPORTED, actor=actor, obj=year, details={"rows": len(updates)})
    return len(updates)
