"""A candidate's application: their ranked classes, submission, the check of the documents by the
school of first choice, and the results (entered by the school or imported by the authority as CSV)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.pii import pesel_lookup_hash
from kierunek.core.validators import normalize_pesel, validate_pesel

from .. import domain, selectors
from ..audit_actions import APPLICATION_SAVED, PREFERENCES_SAVED, RESULTS_ENTERED, RESULTS_IMPORTED
from ..models import (
    CRITERIA,
    Application,
    ApplicationStatus,
    Guardian,
    Preference,
    RecruitmentYear,
    Round,
    SchoolClass,
    YearStatus,
)
from ..workflows import APPLICATION


def school_may_act(user: User | None, application: Application) -> bool:
    """The recruitment committee of the candidate's first-choice school (its director or a
    teacher the director appointed to the year's committee) acts on the application."""
    first = (
        application.preferences.filter(round=Round.MAIN)
        .order_by("rank")
        .select_related("school_class__school")
        .first()
    )
    if first is None:
        return False
    return selectors.acts_for(user=user, school=first.school_class.school, year=application.year)


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
    # An aptitude test taken for the main round counts in the supplementary one too.
    passed = (
        dict(
            application.preferences.filter(round=Round.MAIN, school_class_id__in=class_ids).values_list(
                "school_class_id", "aptitude_passed"
            )
        )
        if round_ == Round.SUPPLEMENTARY
        else {}
    )
    with transaction.atomic():
        application.preferences.filter(round=round_).delete()
        Preference.objects.bulk_create(
            Preference(
                application=application,
                round=round_,
                rank=rank,
                school_class_id=pk,
                aptitude_passed=passed.get(pk),
            )
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
EXAM_COLUMNS = ("exam_polish", "exam_maths", "exam_language")
GRADE_COLUMNS = ("polish", "maths", *sorted(domain.SUBJECT_CODES))


def _results_check(
    *,
    exam: list[int | None],
    grades: dict[str, int],
    distinction: bool = False,
    contests: int = 0,
    volunteering: bool = False,
) -> list[str]:
    """What is wrong with a candidate's results, as messages a person understands (empty: none):
    the exam all three parts or none (exempt), percentages 0..100, grades 1..6 with Polish, maths
    and (when exempt) a foreign language."""
    errors = []
    given = [value is not None for value in exam]
    if any(given) and not all(given):
        errors.append(_("give all three exam results, or none for a candidate exempt from the exam"))
    for value in exam:
        if value is not None and not 0 <= value <= 100:
            errors.append(_("an exam result is a percentage from 0 to 100"))
            break
    for subject, grade in grades.items():
        if grade not in domain.GRADES:
            errors.append(_("a grade is a whole number from 1 to 6 (%(subject)s)") % {"subject": subject})
    needed = ["polish", "maths"] + (["foreign_language"] if not any(given) else [])
    missing = [s for s in needed if s not in grades]
    if missing:
        errors.append(_("grades missing: %(subjects)s") % {"subjects": ", ".join(missing)})
    if not 0 <= contests <= domain.REGULATION_2019.contests_max:
        errors.append(_("contest points are from 0 to 18"))
    if not errors:
        results = domain.Results(exam[0], exam[1], exam[2], grades, distinction, contests, volunteering)
        try:
            domain.points_parts(results)
        except domain.PointsError:  # pragma: no cover - every case is named above
            errors.append(_("the results cannot be scored"))
    return errors


def _whole(value: str, column: str, line_errors: list[str]) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        line_errors.append(_("%(column)s is not a whole number") % {"column": column})
        return None


def results_import(*, actor: Actor, year: RecruitmentYear, text: str, school_user: User | None = None) -> int:
    """Exam results and certificate grades from a CSV (``;``-separated, a header row of
    RESULT_COLUMNS; empty exam columns: exempt), imported by the authority for every application
    of the year, or by a school's committee (its director or a member) for the applications whose
    first choice is their school (``school_user``). Every row is checked first; any error refuses
    the whole file with every wrong row's number, and nothing is written. Returns the rows
    written."""
    if school_user is None and actor.role != Role.METROPOLIS_STAFF:
        raise PermissionDenied
    if school_user is not None and (actor.user != school_user or actor.role not in selectors.COMMITTEE_ROLES):
        raise PermissionDenied
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    headers = [h.strip() for h in reader.fieldnames or []]
    if not {"pesel", "polish", "maths"} <= set(headers):
        raise ValidationError(_("The file needs a header row with at least: pesel, polish, maths."))
    unknown = [h for h in headers if h not in RESULT_COLUMNS]
    if unknown:
        raise ValidationError(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    reader.fieldnames = headers
    applications = Application.objects.filter(year=year).exclude(pesel_hash="")
    if school_user is not None:
        applications = applications.filter(
            preferences__round=Round.MAIN,
            preferences__rank=1,
            preferences__school_class__school__in=selectors.committee_schools(user=school_user, year=year),
        )
    by_hash = {a.pesel_hash: a for a in applications}
    updates: list[Application] = []
    errors: list[str] = []
    seen: dict[int, int] = {}
    for line, row in enumerate(reader, start=2):
        if None in row:
            errors.append(_("Row %(line)s: more values than columns.") % {"line": line})
            continue
        line_errors: list[str] = []
        pesel = normalize_pesel(row.get("pesel") or "")
        application = by_hash.get(pesel_lookup_hash(pesel)) if pesel else None
        if application is None:
            line_errors.append(
                _("no application with this PESEL")
                if school_user is None
                else _("no application with this PESEL has your school as the first choice")
            )
        elif application.pk in seen:
            line_errors.append(_("the same candidate as in row %(other)s") % {"other": seen[application.pk]})
        exam = [_whole(row.get(k) or "", k, line_errors) for k in EXAM_COLUMNS]
        grades = {}
        for column in GRADE_COLUMNS:
            grade = _whole(row.get(column) or "", column, line_errors)
            if grade is not None:
                grades[column] = grade
        if not line_errors:
            line_errors = _results_check(exam=exam, grades=grades)
        if line_errors:
            errors.append(_("Row %(line)s: %(errors)s.") % {"line": line, "errors": "; ".join(line_errors)})
            continue
        assert application is not None
        seen[application.pk] = line
        application.exam_polish, application.exam_maths, application.exam_language = exam
        application.grades = grades
        application.results_in = True
        updates.append(application)
    if errors:
        raise ValidationError(
            [_("Nothing was imported: correct the file and send it again.")] + errors[:MAX_ERRORS_SHOWN]
            + ([_("... and %(count)s more rows with errors.") % {"count": len(errors) - MAX_ERRORS_SHOWN}]
               if len(errors) > MAX_ERRORS_SHOWN else [])
        )  # fmt: skip
    if not updates:
        raise ValidationError(_("The file has no rows."))
    with transaction.atomic():
        Application.objects.bulk_update(
            updates, ["exam_polish", "exam_maths", "exam_language", "grades", "results_in"], batch_size=500
        )
        audit_record(action=RESULTS_IMPORTED, actor=actor, obj=year, details={"rows": len(updates)})
    return len(updates)


MAX_ERRORS_SHOWN = 50


def results_enter(
    *,
    actor: Actor,
    application: Application,
    exam: list[int | None],
    grades: dict[str, int],
    distinction: bool,
    contests: int,
    volunteering: bool,
) -> None:
    """The school of first choice enters a candidate's exam results and certificate (contest
    points in hundredths), until the lists are matched."""
    if not school_may_act(actor.user, application):
        raise PermissionDenied
    if application.year.status != YearStatus.OPEN:
        raise ValidationError(_("Results can be entered only before the main round is matched."))
    errors = _results_check(
        exam=exam, grades=grades, distinction=distinction, contests=contests, volunteering=volunteering
    )
    if errors:
        raise ValidationError([e[:1].upper() + e[1:] + "." for e in errors])
    application.exam_polish, application.exam_maths, application.exam_language = exam
    application.grades = grades
    application.distinction = distinction
    application.contests = contests
    application.volunteering = volunteering
    application.results_in = True
    fields = [
        "exam_polish",
        "exam_maths",
        "exam_language",
        "grades",
        "distinction",
        "contests",
        "volunteering",
        "results_in",
    ]
    with transaction.atomic():
        application.save(update_fields=fields)
        audit_record(action=RESULTS_ENTERED, actor=actor, obj=application, details={"fields": fields})


@dataclass(frozen=True)
class GuardianData:
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""


APPLICATION_FLAGS = ("laureate", "health", *CRITERIA)


def application_save(
    *,
    actor: Actor,
    year: RecruitmentYear,
    first_name: str,
    last_name: str,
    pesel: str,
    guardians: list[GuardianData],
    flags: dict[str, bool],
) -> Application:
    """The candidate (with a guardian, on the candidate's account) writes their application: the
    candidate's data, one or two guardians, and the priority, health and family criteria they
    declare (the school of first choice checks the documents). Created on the first save; it can
    change while it is a draft or returned for corrections and applications are open."""
    user = actor.user
    if user is None or actor.role != Role.CANDIDATE:
        raise PermissionDenied
    if year.status != YearStatus.OPEN:
        raise ValidationError(_("Applications for this year are closed."))
    if timezone.localdate() > year.applications_until and not year.is_demo:
        raise ValidationError(_("Applications closed on %(day)s.") % {"day": year.applications_until})
    pesel = normalize_pesel(pesel)
    try:
        validate_pesel(pesel)
    except ValidationError as error:
        raise ValidationError({"pesel": error.messages}) from None
    if not first_name.strip() or not last_name.strip():
        raise ValidationError(_("Give the candidate's first and last name."))
    if not guardians:
        raise ValidationError(_("Give at least one parent or legal guardian."))
    for guardian in guardians:
        if not (guardian.email.strip() or guardian.phone.strip()):
            raise ValidationError(_("Give an e-mail address or a phone number of each guardian."))
    unknown = set(flags) - set(APPLICATION_FLAGS)
    if unknown:
        raise ValidationError(_("Unknown criteria."))
    digest = pesel_lookup_hash(pesel)
    with transaction.atomic():
        application = Application.objects.select_for_update().filter(year=year, candidate=user).first()
        if application is not None and application.status not in {
            ApplicationStatus.DRAFT,
            ApplicationStatus.RETURNED,
        }:
            raise ValidationError(_("A submitted application cannot be changed."))
        if Application.objects.filter(year=year, pesel_hash=digest).exclude(candidate=user).exists():
            raise ValidationError({"pesel": _("An application with this PESEL already exists this year.")})
        if application is None:
            application = Application(year=year, candidate=user)
        application.first_name = first_name.strip()
        application.last_name = last_name.strip()
        application.pesel = pesel
        application.pesel_hash = digest
        for name in APPLICATION_FLAGS:
            setattr(application, name, bool(flags.get(name)))
        application.save()
        application.guardians.all().delete()
        Guardian.objects.bulk_create(
            Guardian(
                application=application,
                first_name=g.first_name.strip(),
                last_name=g.last_name.strip(),
                email=g.email.strip(),
                phone=g.phone.strip(),
            )
            for g in guardians
        )
        audit_record(
            action=APPLICATION_SAVED,
            actor=actor,
            obj=application,
            details={"guardians": len(guardians), "criteria": application.criteria},
        )
    return application
