"""Benchmark of the recruitment's matching engine (issue 20).

    .venv/bin/python benchmarks/recruitment.py [--candidates N] [--classes M] [--engine sqlite|postgres]
                                               [--matching-limit K] [--no-database] [--json]

Generates a realistic instance, seeded: schools of skewed popularity (a class's weight falls as
1/rank^0.8), 3-10 ranked classes per candidate, results by an ability (exam percentages and
grades; 1 % exempt), points by the regulation at each class's two subjects (so each class orders
its applicants its own way), whole exam percentages and grades that leave many equal scores,
laureates (1 %), health problems (2 %), the seven criteria, and a lottery from a seed. Then:

- **engine alone**: ``kierunek.recruitment.engine.match`` on the instance (best of 3 runs);
- **end to end**: on a database of its own (a temporary SQLite file, or a fresh PostgreSQL
  database on the server of DATABASE_URL, dropped at the end), the same candidates as
  applications with their results and preferences; the main round as the authority runs it
  (``year_match_main``: load the preferences and results, compute the points, match, write every
  placement and each class's list figures, the audit record), one run;
- **matching**: the PyPI ``matching`` library's hospital-resident solver (resident-optimal) on the
  same instance, with each class's strict order built from the same keys, and whether the
  assignments are identical. It runs in a thread with a deep stack, since its copy of the players
  recurses once per player. Skipped above ``--matching-limit`` candidates (default 20 000: its
  time grows much faster than linearly, about 27 s at 20 000 and not within 10 minutes at
  100 000), which is said in the output.

Targets on the 2-core machine: engine ≤ 0.2 s at 20 000 / 750 and ≤ 1.5 s at 100 000 / 3 750; end to
end ≤ 2 s at 20 000 on both engines; ≥ 100x faster than ``matching`` where it finishes.

With ``--json`` the last line is one JSON object: ``{"candidates", "classes", "pairs", "engine",
"engine_s", "end_to_end_s", "load_s", "write_s", "matching_s", "matching_skipped", "identical",
"speedup", "placed"}``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 20260715  # lists of qualified candidates, 2026
SUBJECTS = [
    "biology",
    "chemistry",
    "physics",
    "geography",
    "history",
    "civics",
    "informatics",
    "foreign_language",
]


def generate(rng: random.Random, candidates: int, classes: int) -> dict[str, Any]:
    """Classes (capacity, two subjects, school) and candidates (results, ranked classes, rules)."""
    from kierunek.recruitment import domain

    class_rows = []
    schools = max(1, classes // 8)
    for k in range(classes):
        first, second = rng.sample(SUBJECTS, 2)
        class_rows.append(
            {"capacity": rng.choice([24, 26, 28, 30, 32]), "subjects": (first, second), "school": k % schools}
        )
    order = list(range(classes))
    rng.shuffle(order)
    cumulative = list(_accumulate(1 / math.pow(i + 1, 0.8) for i in range(classes)))
    total = cumulative[-1]
    people = []
    lottery = list(range(candidates))
    rng.shuffle(lottery)
    for c in range(candidates):
        ability = rng.gauss(0, 1)
        exempt = rng.random() < 0.01

        def percent(ability: float = ability) -> int:
            return max(0, min(100, round(62 + 20 * ability + rng.gauss(0, 10))))

        def grade(ability: float = ability) -> int:
            return max(2, min(6, round(4.2 + 0.9 * ability + rng.gauss(0, 0.6))))

        results = domain.Results(
            None if exempt else percent(),
            None if exempt else percent(),
            None if exempt else percent(),
            {s: grade() for s in ("polish", "maths", *SUBJECTS)},
            distinction=ability > 1.2 and rng.random() < 0.7,
            contests=rng.choice([0, 0, 0, 300, 1000]) if ability > 0.8 else 0,
            volunteering=rng.random() < 0.2,
        )
        wanted = rng.randint(3, min(10, classes))
        chosen: list[int] = []
        while len(chosen) < wanted:
            pick = order[_bisect(cumulative, rng.random() * total)]
            if pick not in chosen:
                chosen.append(pick)
        people.append(
            {
                "results": results,
                "preferences": chosen,
                "priority": rng.random() < 0.01,
                "health": rng.random() < 0.02,
                "criteria": rng.choice([0] * 12 + [1, 1, 2]),
                "lottery": lottery[c],
            }
        )
    return {"classes": class_rows, "candidates": people}


def _accumulate(values: Any) -> Any:
    running = 0.0
    for v in values:
        running += v
        yield running


def _bisect(cumulative: list[float], value: float) -> int:
    low, high = 0, len(cumulative) - 1
    while low < high:
        middle = (low + high) // 2
        if cumulative[middle] < value:
            low = middle + 1
        else:
            high = middle
    return low


def engine_instance(world: dict[str, Any]) -> tuple[list[tuple[int, int]], list[Any]]:
    from kierunek.recruitment import domain, engine

    classes = [(k, row["capacity"]) for k, row in enumerate(world["classes"])]
    candidates = []
    for c, person in enumerate(world["candidates"]):
        common, by_subject = domain.points_parts(person["results"])
        points = []
        for k in person["preferences"]:
            first, second = world["classes"][k]["subjects"]
            points.append(common + by_subject[first] + by_subject[second])
        candidates.append(
            engine.Candidate(
                id=c,
                preferences=person["preferences"],
                points=points,
                priority=person["priority"],
                health=person["health"],
                criteria=person["criteria"],
                lottery=person["lottery"],
            )
        )
    return classes, candidates


def with_matching(classes: list[tuple[int, int]], candidates: list[Any]) -> dict[Any, Any]:
    """The same instance through the PyPI ``matching`` library (hospital-resident, resident-optimal)."""
    from matching.games import HospitalResident

    from kierunek.recruitment.engine import candidate_key

    open_classes = {k for k, seats in classes if seats > 0}
    resident_prefs = {
        cand.id: [k for k in cand.preferences if k in open_classes]
        for cand in candidates
        if any(k in open_classes for k in cand.preferences)
    }
    hospital_prefs: dict[Any, list[Any]] = {k: [] for k in open_classes}
    keys: dict[Any, dict[Any, Any]] = {k: {} for k in open_classes}
    for position, cand in enumerate(candidates):
        for k in resident_prefs.get(cand.id, ()):
            hospital_prefs[k].append(cand.id)
            keys[k][cand.id] = candidate_key(cand, class_id=k, position=position)
    for k, people in hospital_prefs.items():
        people.sort(key=keys[k].__getitem__)
    listed = {k for k, people in hospital_prefs.items() if people}
    capacities = dict(classes)
    game = HospitalResident.create_from_dictionaries(
        resident_prefs, {k: hospital_prefs[k] for k in listed}, {k: capacities[k] for k in listed}
    )
    solution = game.solve(optimal="resident")
    assignment: dict[Any, Any] = {cand.id: None for cand in candidates}
    for hospital, residents in solution.items():
        for resident in residents:
            assignment[resident.name] = hospital.name
    return assignment


def with_deep_stack(function: Any, *args: Any) -> Any:
    """``function(*args)`` in a thread with a large stack and recursion limit.

    The library deep-copies its linked players, which recurses once per player: from about 5 000
    candidates on, that passes Python's default limit of 1 000 frames before solving. A thread of
    its own with a 512 MB stack lets the copy finish at 20 000 candidates, so the comparison is made
    at the size of the target and not only where the library happens to fit the default stack.
    """
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = function(*args)
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error

    limit, size = sys.getrecursionlimit(), threading.stack_size(512 * 1024 * 1024)
    sys.setrecursionlimit(1_000_000)
    try:
        thread = threading.Thread(target=run, name="matching")
        thread.start()
        thread.join()
    finally:
        threading.stack_size(size)
        sys.setrecursionlimit(limit)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def configure(engine: str) -> tuple[str, Any]:
    """A database of the run's own (as benchmarks/search.py does)."""
    if engine == "sqlite":
        folder = tempfile.mkdtemp(prefix="kierunek-bench-")
        path = Path(folder) / "recruitment.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"

        def cleanup() -> None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            os.rmdir(folder)

        return str(path), cleanup
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit(
            "--engine postgres needs DATABASE_URL=postgres://... (the server to create a database on)"
        )
    import psycopg

    parts = urlparse(url)
    name = f"kierunek_bench_recruitment_{os.getpid()}"
    admin_url = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = urlunparse(parts._replace(path=f"/{name}"))

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{parts.hostname}/{name}", drop


def database_load(world: dict[str, Any]) -> Any:
    """The world as a recruitment year: schools, classes, candidates' accounts and applications
    (verified, results in) with their ranked classes."""
    from datetime import date

    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from kierunek.accounts.models import Role, User
    from kierunek.education.models import School, SchoolType
    from kierunek.geo.models import Gmina
    from kierunek.recruitment.models import (
        Application,
        ApplicationStatus,
        Preference,
        RecruitmentYear,
        SchoolClass,
    )

    with transaction.atomic():
        gmina = Gmina.objects.order_by("teryt").first()
        if gmina is None:
            raise SystemExit("no gmina: the geo migrations load them")
        year = RecruitmentYear.objects.create(
            year=2099,
            lottery_seed="benchmark",
            applications_from=date(2099, 5, 1),
            applications_until=date(2099, 6, 1),
            documents_until=date(2099, 6, 2),
            aptitude_until=date(2099, 6, 3),
            results_until=date(2099, 6, 4),
            qualified_on=date(2099, 7, 1),
            confirm_until=date(2099, 7, 5),
            admitted_on=date(2099, 7, 6),
            supplementary_until=date(2099, 7, 20),
            supplementary_admitted_on=date(2099, 8, 1),
        )
        school_count = max(row["school"] for row in world["classes"]) + 1
        schools = School.objects.bulk_create(
            School(
                rspo=990_001 + i, name=f"Szkoła testowa {i}", type=SchoolType.GENERAL_SECONDARY, gmina=gmina
            )
            for i in range(school_count)
        )
        classes = SchoolClass.objects.bulk_create(
            SchoolClass(
                year=year,
                school=schools[row["school"]],
                code=f"K{k}",
                profile="profil",
                capacity=row["capacity"],
                subject_1=row["subjects"][0],
                subject_2=row["subjects"][1],
            )
            for k, row in enumerate(world["classes"])
        )
        password = make_password(None)
        users = User.objects.bulk_create(
            (
                User(email=f"kandydat{c}@benchmark.example", role=Role.CANDIDATE, password=password)
                for c in range(len(world["candidates"]))
            ),
            batch_size=2000,
        )
        applications = Application.objects.bulk_create(
            (
                Application(
                    year=year,
                    candidate=user,
                    first_name="Kandydat",
                    last_name=f"Numer {c}",
                    status=ApplicationStatus.VERIFIED,
                    results_in=True,
                    exam_polish=p["results"].exam_polish,
                    exam_maths=p["results"].exam_maths,
                    exam_language=p["results"].exam_language,
                    grades=dict(p["results"].grades),
                    distinction=p["results"].distinction,
                    contests=p["results"].contests,
                    volunteering=p["results"].volunteering,
                    laureate=p["priority"],
                    health=p["health"],
                    large_family=p["criteria"] >= 1,
                    single_parent=p["criteria"] >= 2,
                )
                for c, (user, p) in enumerate(zip(users, world["candidates"], strict=True))
            ),
            batch_size=2000,
        )
        Preference.objects.bulk_create(
            (
                Preference(application=a, rank=rank, school_class=classes[k])
                for a, p in zip(applications, world["candidates"], strict=True)
                for rank, k in enumerate(p["preferences"], start=1)
            ),
            batch_size=5000,
        )
    return year


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=20_000)
    parser.add_argument("--classes", type=int, default=750)
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--matching-limit", type=int, default=20_000, help="skip the matching library above this"
    )
    parser.add_argument("--no-database", action="store_true", help="the engine and matching only")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    args = parser.parse_args()

    def say(text: str) -> None:
        print(text, file=sys.stderr if args.json else sys.stdout, flush=True)

    cleanup = None
    if not args.no_database:
        _where, cleanup = configure(args.engine)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    try:
        run(args, say)
    finally:
        if cleanup is not None:
            cleanup()


def run(args: argparse.Namespace, say: Any) -> None:
    import django

    django.setup()
    from kierunek.recruitment import engine

    figures: dict[str, Any] = {"candidates": args.candidates, "classes": args.classes}
    say(
        f"load average {os.getloadavg()[0]:.2f}; "
        f"generating {args.candidates} candidates, {args.classes} classes"
    )
    world = generate(random.Random(SEED), args.candidates, args.classes)
    classes, candidates = engine_instance(world)
    figures["pairs"] = sum(len(c.preferences) for c in candidates)
    times = []
    for _ in range(3):
        started = time.perf_counter()
        result = engine.match(classes, candidates)
        times.append(time.perf_counter() - started)
    figures["engine_s"] = round(min(times), 4)
    figures["placed"] = sum(1 for k in result.assignment.values() if k is not None)
    say(
        f"engine alone: {figures['engine_s']:.3f} s "
        f"({figures['pairs']} ranked pairs, {figures['placed']} placed)"
    )

    if args.candidates > args.matching_limit:
        figures.update(matching_s=None, matching_skipped=True, identical=None, speedup=None)
        say(
            f"matching library: skipped above {args.matching_limit} candidates "
            "(it would not finish in 10 minutes)"
        )
    else:
        started = time.perf_counter()
        try:
            theirs = with_deep_stack(with_matching, classes, candidates)
        except RecursionError:
            figures.update(matching_s=None, matching_skipped="RecursionError", identical=None, speedup=None)
            say("matching library: failed with RecursionError (its deepcopy of the players) at this size")
        else:
            figures["matching_s"] = round(time.perf_counter() - started, 3)
            figures["matching_skipped"] = False
            figures["identical"] = theirs == result.assignment
            figures["speedup"] = round(figures["matching_s"] / figures["engine_s"], 1)
            say(
                f"matching library: {figures['matching_s']:.2f} s, identical: {figures['identical']}, "
                f"engine {figures['speedup']}x faster"
            )

    if args.no_database:
        figures.update(engine=None, end_to_end_s=None)
    else:
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        settings.DEBUG = False
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        year = database_load(world)
        say(
            f"database {connection.vendor}: {args.candidates} applications written "
            f"in {time.perf_counter() - started:.1f} s"
        )
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        from kierunek.core.actor import Actor
        from kierunek.recruitment.models import Placement
        from kierunek.recruitment.services.rounds import year_match_main

        started = time.perf_counter()
        outcome = year_match_main(actor=Actor(), year=year)
        figures["engine"] = connection.vendor
        figures["end_to_end_s"] = round(time.perf_counter() - started, 3)
        figures["end_to_end_engine_s"] = round(outcome.seconds_engine, 4)
        stored = dict(
            Placement.objects.filter(application__year=year).values_list("application_id", "school_class_id")
        )
        say(
            f"end to end on {connection.vendor}: {figures['end_to_end_s']:.2f} s (of which the engine "
            f"{outcome.seconds_engine:.3f} s), {outcome.placed} placed, {len(stored)} placements written"
        )
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
