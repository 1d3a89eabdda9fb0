"""Benchmark of events: registration throughput with 1, 16 and 64 concurrent clients, and the
check-in of 2 000 tickets at the door.

    .venv/bin/python benchmarks/events.py [--engine sqlite|postgres|both] [--clients 1,16,64]
                                          [--people 600] [--tickets 2000] [--doors 1,4] [--json]

It builds its own database and never touches var/kierunek.sqlite3: a temporary SQLite file (WAL,
``BEGIN IMMEDIATE``, as deployed), or (``--engine postgres``) a fresh database created on the
server of DATABASE_URL and dropped at the end (the set-up of benchmarks/search.py). ``both`` runs
the two one after the other, each in a process of its own (Django is set up once per process);
PostgreSQL is left out, with a note, when DATABASE_URL names no PostgreSQL server.

**Registration** (per level): an event of ``0.6 x --people`` seats and ``--people`` fresh people
(set-up, not measured); the clients, each a thread with its own connection, start together and
register everyone through ``services.registration_create`` (the function the page and the API
call): every call locks the event's row, so the clients queue on it. ``registrations_per_s`` =
registrations / wall-clock seconds; the run checks that the seats were never overbooked
(confirmed = seats, the rest waiting). A call that waited past the database's lock timeout (SQLite's
20 s busy timeout, with dozens of writers queued on a loaded machine) is counted as ``busy``: the
page answers it 503 "try again" (kierunek/core/busy.py), and nothing of it is written.

**Check-in**: an event with ``--tickets`` confirmed registrations (inserted in bulk: set-up), then
every ticket checked in through ``services.attendee_check_in`` by ``--doors`` door phones at once
(one thread each); ``checkins_per_s``, and each check-in's p50 / p95 / p99 in milliseconds (what a
person at the door waits for, before the network).

With ``--json``, one JSON object per measurement per line:
``{"engine", "measure": "registration", "clients", "registrations_per_s", "confirmed", "waiting",
"busy"}``
and ``{"engine", "measure": "check_in", "doors", "tickets", "checkins_per_s", "p50_ms", ...}``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import search  # noqa: E402 - the search benchmark's database set-up


def in_clients(clients: int, work: list[Any], do) -> tuple[float, list[float], list[str]]:
    """Deal ``work`` to ``clients`` threads (one connection each), start them together; return
    the wall-clock seconds, each call's seconds, and the errors."""
    from django.db import connection

    shares = [work[i::clients] for i in range(clients)]
    start = threading.Barrier(clients + 1)
    errors: list[str] = []
    timings: list[float] = []
    lock = threading.Lock()

    def client(share: list[Any]) -> None:
        mine: list[float] = []
        try:
            connection.ensure_connection()
            start.wait()
            for item in share:
                began = time.perf_counter()
                do(item)
                mine.append(time.perf_counter() - began)
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            with lock:
                timings.extend(mine)
            connection.close()

    threads = [threading.Thread(target=client, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, timings, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--clients", default="1,16,64")
    parser.add_argument("--people", type=int, default=600)
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--doors", default="1,4")
    parser.add_argument("--json", action="store_true", help="one JSON object per measurement per line")
    args = parser.parse_args()
    if args.engine == "both":
        both(args)
        return
    where, cleanup = search.configure(args.engine)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    try:
        run(args, where)
    finally:
        cleanup()


def both(args: argparse.Namespace) -> None:
    engines = ["sqlite"]
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        engines.append("postgres")
    else:
        print("postgres left out: set DATABASE_URL=postgres://... to measure it too", file=sys.stderr)
    passed = [f"--clients={args.clients}", f"--people={args.people}", f"--tickets={args.tickets}"]
    passed += [f"--doors={args.doors}", *(["--json"] if args.json else [])]
    for engine in engines:
        done = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, __file__, "--engine", engine, *passed], cwd=ROOT, check=False
        )
        if done.returncode:
            raise SystemExit(done.returncode)


def run(args: argparse.Namespace, where: str) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import OperationalError, connection
    from django.utils import timezone

    from kierunek.accounts.models import Role, User
    from kierunek.core.actor import Actor
    from kierunek.core.busy import database_busy
    from kierunek.events import domain, services
    from kierunek.events.models import Event, Registration

    def say(text: str) -> None:
        print(text, file=sys.stderr if args.json else sys.stdout, flush=True)

    settings.DEBUG = False  # no query log: measure what production runs
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    logging.getLogger("django_tasks").setLevel(logging.WARNING)  # a line per e-mail otherwise
    engine = "postgres" if connection.vendor == "postgresql" else connection.vendor
    say(f"engine {connection.vendor}, database {where}, load average {os.getloadavg()[0]:.2f}")
    call_command("migrate", verbosity=0)
    organiser = User.objects.create(email="organizator@bench.example", role=Role.OFFICER, first_name="Olga")
    door = Actor.of(organiser)

    def event(capacity: int, title: str) -> Event:
        starts = timezone.now() + timedelta(hours=2)
        return services.event_create(
            actor=door,
            data=services.EventData(
                title=title,
                kind="conference",
                starts_at=starts,
                ends_at=starts + timedelta(hours=6),
                capacity=capacity,
                gmina_teryt="1261011",
                address="ul. Konopnickiej 17",
            ),
        )

    def people(count: int, prefix: str) -> list[User]:
        User.objects.bulk_create(
            User(
                email=f"{prefix}{n}@bench.example",
                role=Role.PARTICIPANT,
                first_name="Anna",
                last_name=f"B{n}",
            )
            for n in range(count)
        )
        return list(User.objects.filter(email__startswith=prefix).order_by("pk"))

    for clients in [int(n) for n in args.clients.split(",")]:
        seats = int(args.people * 0.6)
        conference = event(seats, f"Konferencja {clients}")
        crowd = people(args.people, f"c{clients}-")
        connection.close()

        busy: list[int] = []

        def register(user: User, event_id: int = conference.pk, busy: list[int] = busy) -> None:
            try:
                services.registration_create(actor=Actor.of(user), event_id=event_id)
            except OperationalError as error:  # the page answers 503 "busy, try again" (core/busy.py)
                if not database_busy(error):
                    raise
                busy.append(user.pk)

        seconds, _timings, errors = in_clients(clients, crowd, register)
        if errors:
            raise SystemExit(f"errors: {errors[:5]}")
        registrations = Registration.objects.filter(event=conference)
        confirmed = registrations.filter(status=domain.CONFIRMED).count()
        waiting = registrations.filter(status=domain.WAITING).count()
        conference.refresh_from_db()
        registered = args.people - len(busy)
        if (
            confirmed != min(seats, registered)
            or conference.seats_taken != confirmed
            or confirmed + waiting != registered
        ):
            raise SystemExit(f"overbooked or lost: {confirmed} confirmed, {waiting} waiting, {seats} seats")
        rate = registered / seconds
        say(
            f"{clients:>2} clients: {registered} registrations in {seconds:.2f} s = {rate:.0f}/s "
            f"({confirmed} confirmed, {waiting} waiting; {len(busy)} answered busy)"
        )
        if args.json:
            print(
                json.dumps(
                    {
                        "engine": engine,
                        "measure": "registration",
                        "clients": clients,
                        "registrations_per_s": round(rate, 1),
                        "confirmed": confirmed,
                        "waiting": waiting,
                        "busy": len(busy),
                    }
                ),
                flush=True,
            )

    for doors in [int(n) for n in args.doors.split(",")]:
        hall = event(args.tickets, f"Sala {doors}")
        holders = people(args.tickets, f"t{doors}-")
        Registration.objects.bulk_create(
            Registration(
                event=hall,
                person=p,
                status=domain.CONFIRMED,
                ticket_code=domain.random_code(domain.TICKET_LENGTH),
            )
            for p in holders
        )
        Event.objects.filter(pk=hall.pk).update(seats_taken=args.tickets)
        codes = [
            domain.code_grouped(c)
            for c in Registration.objects.filter(event=hall).values_list("ticket_code", flat=True)
        ]
        connection.close()

        def check_in(code: str, event_id: int = hall.pk) -> None:
            services.attendee_check_in(actor=door, event_id=event_id, code=code)

        seconds, timings, errors = in_clients(doors, codes, check_in)
        if errors:
            raise SystemExit(f"errors: {errors[:5]}")
        present = Registration.objects.filter(event=hall, attendance=domain.CHECKED_IN).count()
        if present != args.tickets:
            raise SystemExit(f"{present} of {args.tickets} checked in")
        rate = args.tickets / seconds
        figures = {
            "p50_ms": percentile(timings, 0.5),
            "p95_ms": percentile(timings, 0.95),
            "p99_ms": percentile(timings, 0.99),
        }
        say(
            f"{doors} door(s): {args.tickets} check-ins in {seconds:.2f} s = {rate:.0f}/s; "
            f"p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, "
            f"p99 {figures['p99_ms']:.1f} ms, mean {statistics.mean(timings) * 1000:.1f} ms"
        )
        if args.json:
            print(
                json.dumps(
                    {
                        "engine": engine,
                        "measure": "check_in",
                        "doors": doors,
                        "tickets": args.tickets,
                        "checkins_per_s": round(rate, 1),
                        **{k: round(v, 2) for k, v in figures.items()},
                    }
                ),
                flush=True,
            )
    say(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
