"""Reads of the recruitment, scoped by role and object: the candidate's own application with the
explanation of their result, a school's classes and lists for its director, the authority's
statistics, and last year's anonymised cut-offs for the "what-if" page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kierunek.accounts.models import Role, User
from kierunek.core.collation import polish_sorted
from kierunek.education.models import School
from kierunek.education.selectors import directed_schools

from . import domain, engine
from .models import (
    Appeal,
    Application,
    ApplicationStatus,
    ClassRound,
    CommitteeMember,
    Placement,
    PlacementStatus,
    Preference,
    RecruitmentYear,
    Round,
    SchoolClass,
)

# The roles that may sit on a school's recruitment committee: its director and its teachers.
COMMITTEE_ROLES = frozenset({Role.SCHOOL_DIRECTOR.value, Role.TEACHER.value})

RULE_LABELS = {
    "seat kept": gettext_lazy("a seat kept from the main round"),
    "priority": gettext_lazy("priority of olympiad laureates and finalists"),
    "points": gettext_lazy("points"),
    "health": gettext_lazy("health problems confirmed by a counselling centre"),
    "criteria": gettext_lazy("the number of the seven criteria met"),
    "lottery": gettext_lazy("the lottery drawn from the published seed"),
    "order": gettext_lazy("the order of applications"),
    "equal": gettext_lazy("nothing (equal)"),
}


def year_current() -> RecruitmentYear | None:
    """The latest year that has classes."""
    return RecruitmentYear.objects.filter(classes__isnull=False).order_by("-year").distinct().first()


def application_of(*, user: User, year: RecruitmentYear) -> Application | None:
    return Application.objects.filter(candidate=user, year=year).select_related("year").first()


def classes_of_year(year: RecruitmentYear) -> list[SchoolClass]:
    rows = SchoolClass.objects.filter(year=year).select_related("school__gmina")
    return polish_sorted(rows, key=lambda c: (c.school.name, c.code))


def candidate_results(application: Application) -> domain.Results:
    return domain.Results(
        application.exam_polish,
        application.exam_maths,
        application.exam_language,
        application.grades,
        application.distinction,
        application.contests,
        application.volunteering,
    )


def points_at(application: Application, school_class: SchoolClass) -> int | None:
    if not application.results_in:
        return None
    rules = domain.points_rules_on(application.year.applications_from)
    try:
        return domain.points(candidate_results(application), school_class.subjects, rules)
    except domain.PointsError:
        return None


def _key_of(application: Application, points: int) -> tuple[int, int, int, int, int, int]:
    return engine.order_key(
        tier=engine.TIER_PRIORITY if application.laureate else engine.TIER_OTHERS,
        points=points,
        health=application.health,
        criteria=application.criteria,
        lottery=domain.lottery_number(application.year.lottery_seed, application.pk),
        position=application.pk,
    )


@dataclass(frozen=True)
class Explanation:
    school_class: SchoolClass
    rank: int
    my_points: int | None
    lowest_points: int | None
    rule: str
    reason: str


def explanation(
    application: Application, round_: str = Round.MAIN
) -> tuple[Placement | None, list[Explanation]]:
    """The candidate's placement in the round and, for every class ranked above it, why not: its
    lowest admitting score against theirs and which rule decided."""
    placement = application.placements.filter(round=round_).select_related("school_class__school").first()
    prefs = list(
        Preference.objects.filter(application=application, round=round_).select_related(
            "school_class__school"
        )
    )
    figures = {
        f.school_class_id: f
        for f in ClassRound.objects.filter(round=round_, school_class__in=[p.school_class for p in prefs])
    }
    lines = []
    for pref in prefs:
        if placement is not None and pref.school_class_id == placement.school_class_id:
            break
        mine = points_at(application, pref.school_class)
        fig = figures.get(pref.school_class_id)
        if pref.school_class.aptitude_test and not pref.aptitude_passed:
            rule, reason = "", _("the aptitude test was not passed")
        elif fig is None or fig.lowest_points is None or mine is None:
            rule, reason = "", _("the class had no seat for any candidate of this round")
        else:
            lowest = engine.order_key(
                tier=engine.TIER_PRIORITY if fig.lowest_priority else engine.TIER_OTHERS,
                points=fig.lowest_points,
                health=fig.lowest_health,
                criteria=fig.lowest_criteria,
                lottery=fig.lowest_lottery or 0,
                position=0,
            )
            rule = engine.tie_rule(lowest, _key_of(application, mine))
            reason = str(RULE_LABELS.get(rule, rule))
        lines.append(
            Explanation(
                school_class=pref.school_class,
                rank=pref.rank,
                my_points=mine,
                lowest_points=fig.lowest_points if fig else None,
                rule=rule,
                reason=reason,
            )
        )
    return placement, lines


def justification_text(appeal: Appeal) -> str:
    """The art. 158 justification generated from the round: the class's lowest admitting score,
    the candidate's score and the rule that decided."""
    application = appeal.application
    _placement, lines = explanation(application)
    line = next((x for x in lines if x.school_class.pk == appeal.school_class_id), None)
    name = f"{application.first_name} {application.last_name}"
    klass = str(appeal.school_class)
    if line is None:
        return _("%(name)s was admitted to a class ranked higher than %(klass)s.") % {
            "name": name,
            "klass": klass,
        }
    mine = domain.format_points(line.my_points) if line.my_points is not None else "-"
    lowest = domain.format_points(line.lowest_points) if line.lowest_points is not None else "-"
    return _(
        "The candidate %(name)s was not admitted to the class %(klass)s. The lowest score that admitted a "
        "candidate to the class was %(lowest)s points; the candidate's score at the class was %(mine)s "
        "points. Decided by: %(reason)s. Legal basis: art. 158 of Prawo oświatowe; points: %(rules)s."
    ) % {
        "name": name,
        "klass": klass,
        "lowest": lowest,
        "mine": mine,
        "reason": line.reason,
        "rules": domain.points_rules_on(application.year.applications_from).legal_reference,
    }


# --- the school's recruitment committee ------------------------------------------------------


def schools_directed(*, user: User) -> list[School]:
    return directed_schools(user=user)


def committee_schools(*, user: User | None, year: RecruitmentYear) -> list[School]:
    """The schools whose recruitment committee the person acts for in the year: the schools they
    direct (a director appoints the committee and may do all its work), and the schools where the
    director appointed them, a teacher still working there, to the year's committee."""
    if user is None or user.role not in COMMITTEE_ROLES:
        return []
    schools = set(directed_schools(user=user)) if user.role == Role.SCHOOL_DIRECTOR else set()
    schools.update(
        m.staff.school
        for m in CommitteeMember.objects.filter(
            year=year, staff__user=user, staff__until__isnull=True
        ).select_related("staff__school")
    )
    return polish_sorted(schools, key=lambda s: s.name)


def acts_for(*, user: User | None, school: School, year: RecruitmentYear) -> bool:
    """Whether the person may do the committee's work for the school in the year."""
    return school in committee_schools(user=user, year=year)


def classes_of(*, user: User, year: RecruitmentYear) -> list[SchoolClass]:
    rows = SchoolClass.objects.filter(
        year=year, school__in=committee_schools(user=user, year=year)
    ).select_related("school")
    return polish_sorted(rows, key=lambda c: (c.school.name, c.code))


def class_of(*, user: User, pk: int, year: RecruitmentYear) -> SchoolClass:
    return SchoolClass.objects.select_related("school", "year").get(
        pk=pk, year=year, school__in=committee_schools(user=user, year=year)
    )


@dataclass(frozen=True)
class AptitudeLine:
    preference_id: int
    last_name: str
    first_name: str
    passed: bool | None


def aptitude_candidates(school_class: SchoolClass, round_: str = Round.MAIN) -> list[AptitudeLine]:
    """The candidates who ranked the class in the round (submitted applications), in alphabetical
    order, with their aptitude-test result so far (None: not entered)."""
    rows = (
        Preference.objects.filter(school_class=school_class, round=round_)
        .exclude(application__status=ApplicationStatus.DRAFT)
        .values_list("pk", "application__last_name", "application__first_name", "aptitude_passed")
    )
    lines = [AptitudeLine(*row) for row in rows]
    return polish_sorted(lines, key=lambda x: (x.last_name, x.first_name))


@dataclass(frozen=True)
class ListLine:
    last_name: str
    first_name: str
    qualified: bool
    points: int | None
    placement_id: int | None = None
    status: str = ""


def class_list(school_class: SchoolClass, round_: str = Round.MAIN, admitted: bool = False) -> list[ListLine]:
    """The class's list (art. 158): every candidate who ranked it, in alphabetical order, with the
    qualified (or admitted) statement."""
    placed_status = [PlacementStatus.ADMITTED] if admitted else list(PlacementStatus.values)
    placed = set(
        Placement.objects.filter(
            school_class=school_class, round=round_, status__in=placed_status
        ).values_list("application_id", flat=True)
    )
    here = {
        app_id: (pk, points, status)
        for pk, app_id, points, status in Placement.objects.filter(
            school_class=school_class, round=round_
        ).values_list("pk", "application_id", "points", "status")
    }
    rows = (
        Application.objects.filter(
            preferences__school_class=school_class, preferences__round=round_, status="verified"
        )
        .values_list("pk", "last_name", "first_name")
        .distinct()
    )
    lines = []
    for pk, last, first in rows:
        placement_id, points, status = here.get(pk, (None, None, ""))
        lines.append(ListLine(last, first, pk in placed, points, placement_id, status))
    return polish_sorted(lines, key=lambda x: (x.last_name, x.first_name))


def lists_published_for(application: Application) -> list[tuple[SchoolClass, str]]:
    """The published lists of the classes the candidate ranked, as (class, round)."""
    published = ClassRound.objects.filter(
        school_class__preferences__application=application,
        school_class__preferences__round=F("round"),
        published_at__isnull=False,
    ).select_related("school_class__school")
    rows = [(f.school_class, f.round) for f in published.distinct().order_by("round", "school_class_id")]
    return polish_sorted(rows, key=lambda x: (x[1], x[0].school.name, x[0].code))


def class_published_for(*, application: Application, class_id: int, round_: str) -> SchoolClass | None:
    """The class, when the candidate ranked it in the round and its list is published."""
    return (
        SchoolClass.objects.filter(
            pk=class_id,
            year=application.year,
            preferences__application=application,
            preferences__round=round_,
            rounds__round=round_,
            rounds__published_at__isnull=False,
        )
        .select_related("school")
        .first()
    )


def admitted_published(year: RecruitmentYear, round_: str) -> bool:
    """Whether a class's main-round list is the list of admitted candidates (after the authority
    published them) rather than of qualified ones; the supplementary round lists the qualified."""
    return round_ == Round.MAIN and year.status in {"admitted", "supplementary", "closed"}


def applications_of_school(*, user: User, year: RecruitmentYear) -> QuerySet[Application]:
    """Applications whose first choice is a class of a school the person's committee acts for
    (results, documents)."""
    return Application.objects.filter(
        year=year,
        preferences__round=Round.MAIN,
        preferences__rank=1,
        preferences__school_class__school__in=committee_schools(user=user, year=year),
    ).order_by("last_name", "first_name", "pk")


def appeals_of(*, user: User, year: RecruitmentYear) -> QuerySet[Appeal]:
    """The year's requests and appeals about classes of the schools the person's committee acts
    for (the decision on an appeal stays the director's: the service checks it)."""
    return (
        Appeal.objects.filter(
            application__year=year, school_class__school__in=committee_schools(user=user, year=year)
        )
        .select_related("application__year", "school_class__school")
        .order_by("requested_on", "pk")
    )


def applications_to_check(*, user: User, year: RecruitmentYear) -> QuerySet[Application]:
    """Submitted applications whose first choice is a class of a school the person's committee
    acts for."""
    return Application.objects.filter(
        year=year,
        status="submitted",
        preferences__round=Round.MAIN,
        preferences__rank=1,
        preferences__school_class__school__in=committee_schools(user=user, year=year),
    ).order_by("last_name", "first_name")


# --- the authority ---------------------------------------------------------------------------


# A candidate of these placements confirmed their intent (admitted and released ones did first);
# one of these holds or held a seat. The statistics and the indicators read the same sets.
CONFIRMED_STATES = (PlacementStatus.CONFIRMED, PlacementStatus.ADMITTED, PlacementStatus.RELEASED)
SEATED_STATES = (
    PlacementStatus.ADMITTED,
    PlacementStatus.CONFIRMED,
    PlacementStatus.QUALIFIED,
    PlacementStatus.RELEASED,
)


def statistics(year: RecruitmentYear) -> dict[str, Any]:
    """Applicants per seat per class, the share placed at their 1st, 2nd, 3rd choice, unplaced,
    confirmation rate and free seats after each round."""
    per_class = defaultdict(dict)  # type: ignore[var-annotated]
    for fig in ClassRound.objects.filter(school_class__year=year).select_related("school_class__school"):
        per_class[fig.school_class][fig.round] = fig
    classes = []
    for school_class in polish_sorted(per_class, key=lambda c: (c.school.name, c.code)):
        main = per_class[school_class].get(Round.MAIN)
        supplementary = per_class[school_class].get(Round.SUPPLEMENTARY)
        applicants = main.applicants if main else 0
        classes.append(
            {
                "school": school_class.school.name,
                "class": school_class.code,
                "profile": school_class.profile,
                "seats": school_class.capacity,
                "applicants": applicants,
                "per_seat": round(applicants / school_class.capacity, 2) if school_class.capacity else None,
                "lowest_points": main.lowest_points if main else None,
                "free_main": main.free_seats if main else None,
                "free_supplementary": supplementary.free_seats if supplementary else None,
            }
        )
    main = Placement.objects.filter(application__year=year, round=Round.MAIN)
    total = main.count()
    choices = dict(
        main.exclude(choice=None).values_list("choice").annotate(n=Count("pk")).values_list("choice", "n")
    )
    qualified = main.exclude(status=PlacementStatus.UNPLACED).count()
    confirmed = main.filter(status__in=CONFIRMED_STATES).count()
    unplaced_after = (
        total
        - Placement.objects.filter(
            application__year=year,
            status__in=SEATED_STATES,
        )
        .values("application")
        .distinct()
        .count()
    )

    def share(n: int) -> float:
        return round(100 * n / total, 1) if total else 0.0

    return {
        "classes": classes,
        "candidates": total,
        "first": share(choices.get(1, 0)),
        "second": share(choices.get(2, 0)),
        "third": share(choices.get(3, 0)),
        "unplaced_main": main.filter(status=PlacementStatus.UNPLACED).count(),
        "unplaced_after": max(unplaced_after, 0),
        "confirmation_rate": round(100 * confirmed / qualified, 1) if qualified else 0.0,
        "free_main": sum(c["free_main"] or 0 for c in classes),
        "free_supplementary": sum(c["free_supplementary"] or 0 for c in classes),
    }


def cutoffs_last_year(year: RecruitmentYear) -> list[dict[str, Any]]:
    """Last year's lowest admitting scores per class, anonymised (no names, no counts of people)."""
    previous = RecruitmentYear.objects.filter(year=year.year - 1).first()
    if previous is None:
        return []
    rows = ClassRound.objects.filter(school_class__year=previous, round=Round.MAIN).select_related(
        "school_class__school__gmina"
    )
    lines = [
        {
            "school": r.school_class.school.name,
            "gmina": r.school_class.school.gmina.name,
            "class": r.school_class.code,
            "profile": r.school_class.profile,
            "subjects": r.school_class.subjects,
            "lowest_points": r.lowest_points,
        }
        for r in rows
    ]
    return polish_sorted(lines, key=lambda x: (x["school"], x["class"]))
