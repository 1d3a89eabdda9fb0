"""The rounds of the recruitment: the authority matches the main round (the lists of qualified
candidates), publishes the lists of admitted candidates once confirmations are in, and matches the
supplementary round, in which admitted candidates keep their seat unless they win a better one.

A round loads every verified application's results and preferences in a few queries, computes the
points at each ranked class once, runs the engine (:mod:`kierunek.recruitment.engine`) and writes
the placements and each class's figures in bulk. The steps that move thousands of placements check
the placement's transition with the kit and apply it in one statement, with one audit record for
the run (decision 0030)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.workflow import SYSTEM_ROLE

from .. import domain, engine
from ..audit_actions import PLACEMENT_ADMITTED, PLACEMENT_LAPSED, PLACEMENT_RELEASED
from ..models import (
    Application,
    ApplicationStatus,
    ClassRound,
    Placement,
    PlacementStatus,
    RecruitmentYear,
    Round,
    SchoolClass,
)
from ..workflows import PLACEMENT, YEAR

BATCH = 2000


@dataclass(frozen=True)
class RoundOutcome:
    candidates: int
    placed: int
    seconds_engine: float


def instance_load(
    year: RecruitmentYear, round_: str
) -> tuple[list[tuple[int, int]], list[engine.Candidate], dict[int, int], dict[int, dict[int, int]]]:
    """The engine's instance of a round: (class id, seats) and one candidate per application that
    ranks at least one class it may enter (a class with an aptitude test only after passing it).
    Also each candidate's kept class (supplementary round) and points at each ranked class."""
    rules = domain.points_rules_on(year.applications_from)
    classes = list(
        SchoolClass.objects.filter(year=year).values_list("pk", "capacity", "subject_1", "subject_2")
    )
    subjects = {pk: (s1, s2) for pk, _cap, s1, s2 in classes}
    seats = {pk: cap for pk, cap, _s1, _s2 in classes}
    kept: dict[int, int] = {}
    if round_ == Round.SUPPLEMENTARY:
        for app_id, class_id in Placement.objects.filter(
            application__year=year, round=Round.MAIN, status=PlacementStatus.ADMITTED
        ).values_list("application_id", "school_class_id"):
            kept[app_id] = class_id
            seats[class_id] -= 1
    # The two big reads go straight to the driver: Django's rows cost more than the match.
    prefs: dict[int, list[tuple[int, bool | None]]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.application_id, p.school_class_id, p.aptitude_passed FROM recruitment_preference p "
            "JOIN recruitment_application a ON a.id = p.application_id "
            "WHERE a.year_id = %s AND p.round = %s ORDER BY p.application_id, p.rank",
            [year.pk, round_],
        )
        for app_id, class_id, passed in cursor.fetchall():
            prefs[app_id].append((class_id, passed))
        cursor.execute(
            "SELECT id, exam_polish, exam_maths, exam_language, grades, distinction, contests, volunteering, "
            "laureate, health, large_family, disabled_candidate, disabled_parent, disabled_parents, "
            "disabled_sibling, single_parent, foster_care FROM recruitment_application "
            "WHERE year_id = %s AND status = %s AND results_in ORDER BY id",
            [year.pk, ApplicationStatus.VERIFIED.value],
        )
        applications = cursor.fetchall()
    needs_test = set(SchoolClass.objects.filter(year=year, aptitude_test=True).values_list("pk", flat=True))
    candidates: list[engine.Candidate] = []
    points_at: dict[int, dict[int, int]] = {}
    seed = year.lottery_seed
    for row in applications:
        app_id = row[0]
        ranked = [c for c, passed in prefs.get(app_id, ()) if c not in needs_test or passed]
        keeps = kept.get(app_id)
        if keeps is not None:
            ranked = ranked[: ranked.index(keeps)] if keeps in ranked else ranked
            seats[keeps] += 1  # the kept seat is offered to its holder in the engine, first
        if not ranked and keeps is None:
            continue
        grades = json.loads(row[4]) if isinstance(row[4], str) else row[4]
        results = domain.Results(row[1], row[2], row[3], grades, bool(row[5]), row[6], bool(row[7]))
        common, by_subject = domain.points_parts(results, rules)
        at = {}
        for class_id in ranked:
            first, second = subjects[class_id]
            at[class_id] = common + by_subject.get(first, 0) + by_subject.get(second, 0)
        points_at[app_id] = at
        candidates.append(
            engine.Candidate(
                id=app_id,
                preferences=ranked,
                points=[at[c] for c in ranked],
                priority=bool(row[8]),
                health=bool(row[9]),
                criteria=sum(bool(flag) for flag in row[10:17]),
                lottery=domain.lottery_number(seed, app_id),
                keeps=keeps,
            )
        )
    return list(seats.items()), candidates, kept, points_at


def _round_write(
    year: RecruitmentYear,
    round_: str,
    classes: list[tuple[int, int]],
    candidates: list[engine.Candidate],
    kept: dict[int, int],
    points_at: dict[int, dict[int, int]],
    result: engine.Result,
) -> int:
    """The placements of the round and each class's figures; returns how many were placed."""
    Placement.objects.filter(application__year=year, round=round_).delete()
    ClassRound.objects.filter(school_class__year=year, round=round_).delete()
    rows: list[tuple[int, str, int | None, int | None, int | None, str]] = []
    applicants: dict[int, int] = defaultdict(int)
    first_choice: dict[int, int] = defaultdict(int)
    placed_at: dict[int, int] = defaultdict(int)
    stayed_at: dict[int, int] = defaultdict(int)
    placed = 0
    for cand in candidates:
        app_id = cast(int, cand.id)
        ranked = cast(list[int], cand.preferences)
        for position, class_id in enumerate(ranked):
            applicants[class_id] += 1
            if position == 0:
                first_choice[class_id] += 1
        assigned = cast(int | None, result.assignment[app_id])
        if assigned is not None and assigned == kept.get(app_id):
            stayed_at[assigned] += 1
            continue  # kept the seat of the main round: nothing new
        if assigned is not None:
            placed += 1
            placed_at[assigned] += 1
            qualified = PlacementStatus.QUALIFIED.value
            rows.append(
                (app_id, round_, assigned, ranked.index(assigned) + 1, points_at[app_id][assigned], qualified)
            )
        elif round_ == Round.MAIN:
            rows.append((app_id, round_, None, None, None, PlacementStatus.UNPLACED.value))
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO recruitment_placement "
            "(application_id, round, school_class_id, choice, points, status) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            rows,
        )
    capacity = dict(classes)
    figures = []
    for class_id, seats in capacity.items():
        lowest = result.lowest.get(class_id)
        tier = lowest[0] if lowest else None
        figures.append(
            ClassRound(
                school_class_id=class_id,
                round=round_,
                applicants=applicants[class_id],
                first_choice=first_choice[class_id],
                qualified=placed_at[class_id],
                lowest_points=-lowest[1] if lowest and tier != engine.TIER_KEEPS_SEAT else None,
                lowest_priority=tier == engine.TIER_PRIORITY,
                lowest_health=bool(lowest and lowest[2] == 0),
                lowest_criteria=-lowest[3] if lowest else 0,
                lowest_lottery=lowest[4] if lowest else None,
                free_seats=max(
                    seats - sum(1 for k in kept.values() if k == class_id) - placed_at[class_id], 0
                )
                if round_ == Round.SUPPLEMENTARY
                else seats - placed_at[class_id],
            )
        )
    ClassRound.objects.bulk_create(figures, batch_size=BATCH)
    return placed


def round_run(*, year: RecruitmentYear, round_: str) -> tuple[RoundOutcome, dict[str, Any]]:
    """Load, match and write one round (inside the caller's transaction)."""
    import time

    with engine.collector_paused():
        classes, candidates, kept, points_at = instance_load(year, round_)
        started = time.perf_counter()
        result = engine.match(classes, candidates)
        seconds = time.perf_counter() - started
        placed = _round_write(year, round_, classes, candidates, kept, points_at, result)
    if round_ == Round.SUPPLEMENTARY:
        better = [cid for cid, k in kept.items() if result.assignment.get(cid) not in (None, k)]
        _bulk(PLACEMENT_RELEASED, "release", Placement.objects.filter(
            application_id__in=better, round=Round.MAIN, status=PlacementStatus.ADMITTED
        ), target=PlacementStatus.RELEASED, actor=None, year=year)  # fmt: skip
    outcome = RoundOutcome(candidates=len(candidates), placed=placed, seconds_engine=seconds)
    return outcome, {"candidates": len(candidates), "placed": placed, "round": round_}


def _bulk(
    action: str, transition: str, rows: Any, *, target: str, actor: Actor | None, year: RecruitmentYear
) -> int:
    """Apply one placement transition to many rows in one statement, after checking it with the
    kit, with one audit record for the run."""
    role = (actor.role if actor is not None else None) or SYSTEM_ROLE
    for source in PLACEMENT[transition].sources:
        PLACEMENT.check(state=source, name=transition, role=role)
    count = rows.update(status=target)
    audit_record(action=action, actor=actor or Actor(), obj=year, details={"count": count})
    return count


def year_match_main(*, actor: Actor, year: RecruitmentYear) -> RoundOutcome:
    """Match the main round and publish the lists of qualified candidates."""
    with transaction.atomic():
        outcome, details = round_run(year=year, round_=Round.MAIN)
        YEAR.apply(year, "match_main", actor=actor, details=details)
    return outcome


def year_publish_admitted(*, actor: Actor, year: RecruitmentYear) -> int:
    """After the confirmation deadline: the confirmed are admitted, the rest lose their seat."""
    if timezone.localdate() <= year.confirm_until and not year.is_demo:
        raise ValidationError(
            _("The confirmations of intent are open until %(day)s.") % {"day": year.confirm_until}
        )
    with transaction.atomic():
        main = Placement.objects.filter(application__year=year, round=Round.MAIN)
        admitted = _bulk(PLACEMENT_ADMITTED, "admit", main.filter(status=PlacementStatus.CONFIRMED),
                         target=PlacementStatus.ADMITTED, actor=actor, year=year)  # fmt: skip
        _bulk(PLACEMENT_LAPSED, "lapse", main.filter(status=PlacementStatus.QUALIFIED),
              target=PlacementStatus.LAPSED, actor=actor, year=year)  # fmt: skip
        for figures in ClassRound.objects.filter(school_class__year=year, round=Round.MAIN).select_related(
            "school_class"
        ):
            taken = main.filter(
                school_class_id=figures.school_class_id, status=PlacementStatus.ADMITTED
            ).count()
            figures.free_seats = figures.school_class.capacity - taken
            figures.save(update_fields=["free_seats"])
        YEAR.apply(year, "publish_admitted", actor=actor, details={"admitted": admitted})
    return admitted


def year_match_supplementary(*, actor: Actor, year: RecruitmentYear) -> RoundOutcome:
    """Match the supplementary round for the free seats; the admitted keep theirs as a fallback."""
    with transaction.atomic():
        outcome, details = round_run(year=year, round_=Round.SUPPLEMENTARY)
        YEAR.apply(year, "match_supplementary", actor=actor, details=details)
    return outcome


def year_close(*, actor: Actor, year: RecruitmentYear) -> None:
    with transaction.atomic():
        YEAR.apply(year, "close", actor=actor)


def placement_current(application: Application) -> Placement | None:
    """The candidate's seat now: the supplementary one if they got one, else the main one."""
    placements = {p.round: p for p in application.placements.select_related("school_class__school")}
    supplementary = placements.get(Round.SUPPLEMENTARY)
    if supplementary is not None and supplementary.school_class_id:
        return supplementary
    return placements.get(Round.MAIN)
