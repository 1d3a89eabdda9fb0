"""Benchmark of bookings: how many ``services.booking_create`` calls a database takes per second
with 1, 4 and 16 concurrent clients, next to the same database's bare insert rate.

    .venv/bin/python benchmarks/ledger.py [--clients 1,4,16] [--cards 40] [--accounts 8] [--json]
                                          [--engine sqlite|postgres]

It builds its own database and never touches var/kierunek.sqlite3: a temporary SQLite file (WAL,
``BEGIN IMMEDIATE``, as deployed), or (``--engine postgres``) a fresh database created on the
server of DATABASE_URL and dropped at the end (the set-up of benchmarks/search.py).

**Set-up (not measured)**: a quality provider with ``--cards`` one-hour language courses (2
vouchers each) and, for each concurrency level, ``--accounts`` fresh participants with an issued
general package (180 vouchers), all through the real services. A level books every (account,
card) pair once: accounts x cards bookings, with distinct idempotency keys.

**Measured**, per level, each client a thread with its own database connection, all started
together: the pairs, shuffled with a fixed seed, are dealt to the clients in turn, so every
client books on every account. With one client there is no contention; with 4 and 16 clients on 8
accounts, clients often book on the same voucher account at the same moment and queue on its row
lock (SQLite: on the database's single write lock, whatever the account). ``bookings_per_s`` =
bookings / wall-clock seconds. ``bare_inserts_per_s``: the same number of transactions, same
clients, each one plain INSERT of a comparable row (account, amount, a unique key, a timestamp)
into a table of its own, in the same run on the same database; ``ratio`` = bare / bookings (how
many bare inserts a booking costs). A booking is a dozen statements: locks, checks, the booking,
two postings, the transaction row with its trigger, the event, the audit entry, the e-mails after
commit (to Django's in-memory mail backend).

With ``--json``, one JSON object per level per line:
``{"engine", "clients", "bookings_per_s", "bare_inserts_per_s", "ratio"}``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import search  # noqa: E402 - the search benchmark's database set-up

from kierunek.core.actor import Actor  # noqa: E402

SEED = 20260706

BARE_TABLE = """CREATE TABLE bench_bare_insert (
    id {pk},
    account_id integer NOT NULL,
    amount bigint NOT NULL,
    idempotency_key varchar(200) NOT NULL UNIQUE,
    created_at varchar(40) NOT NULL
)"""


def in_clients(clients: int, work: list[Any], do) -> tuple[float, list[str]]:
    """Deal ``work`` to ``clients`` threads (one connection each), start them together and return
    the wall-clock seconds until the last one finished, and the errors."""
    from django.db import connection

    shares = [work[i::clients] for i in range(clients)]
    start = threading.Barrier(clients + 1)
    errors: list[str] = []

    def client(share: list[Any]) -> None:
        try:
            connection.ensure_connection()
            start.wait()
            for item in share:
                do(item)
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="1,4,16")
    parser.add_argument("--cards", type=int, default=40)
    parser.add_argument("--accounts", type=int, default=8)
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--json", action="store_true", help="one JSON object per level per line")
    args = parser.parse_args()
    if args.cards * 2 > 180:
        raise SystemExit("--cards: at most 90 (two vouchers each, 180 per account)")

    where, cleanup = search.configure(args.engine)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    try:
        run(args, where)
    finally:
        cleanup()


def run(args: argparse.Namespace, where: str) -> None:
    import django

    django.setup()
    from decimal import Decimal

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from kierunek.vouchers import services
    from kierunek.vouchers.checks import ledger_violations
    from tests.vouchers import builders as b

    def say(text: str) -> None:
        print(text, file=sys.stderr if args.json else sys.stdout, flush=True)

    settings.DEBUG = False  # no query log: measure what production runs
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    engine = "postgres" if connection.vendor == "postgresql" else connection.vendor
    say(f"engine {connection.vendor}, database {where}, load average {os.getloadavg()[0]:.2f}")
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        pk = "bigserial PRIMARY KEY" if engine == "postgres" else "integer PRIMARY KEY AUTOINCREMENT"
        cursor.execute(BARE_TABLE.format(pk=pk))

    started = time.perf_counter()
    provider = b.quality_provider()
    course = {"hours": Decimal(1), "price_net": 2500, "price_gross": 3000, "max_participants": 10_000}
    cards = [b.card(provider, **course) for _ in range(args.cards)]
    levels = [int(n) for n in args.clients.split(",")]
    accounts = {level: [b.issued_account() for _ in range(args.accounts)] for level in levels}
    connection.close()
    seconds = time.perf_counter() - started
    say(f"set-up: {args.cards} cards, {args.accounts} accounts per level in {seconds:.1f} s")

    rng = random.Random(SEED)
    for level in levels:
        pairs = [(account, card) for account in accounts[level] for card in cards]
        rng.shuffle(pairs)

        def book(pair: tuple[Any, Any]) -> None:
            account, card = pair
            created = services.booking_create(
                actor=Actor.of(account.participant),
                card_id=card.pk,
                voucher_account_id=account.pk,
                idempotency_key=f"bench-{account.pk}-{card.pk}",
            )
            if not created.created:
                raise RuntimeError("a booking was not created")

        def bare(item: tuple[str, int]) -> None:
            key, account_id = item
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO bench_bare_insert (account_id, amount, idempotency_key, created_at)"
                    " VALUES (%s, %s, %s, %s)",
                    [account_id, -3000, key, timezone.now().isoformat()],
                )

        booking_seconds, booking_errors = in_clients(level, pairs, book)
        bare_work = [(f"bare-{level}-{n}", account.pk) for n, (account, _card) in enumerate(pairs)]
        bare_seconds, bare_errors = in_clients(level, bare_work, bare)
        if booking_errors or bare_errors:
            raise SystemExit(f"errors: {(booking_errors + bare_errors)[:5]}")
        bookings_per_s = len(pairs) / booking_seconds
        bare_per_s = len(bare_work) / bare_seconds
        ratio = bare_per_s / bookings_per_s
        say(
            f"{level:>2} clients: {len(pairs)} bookings in {booking_seconds:.2f} s = {bookings_per_s:.0f}/s;"
            f" bare inserts {bare_per_s:.0f}/s; ratio {ratio:.1f}"
        )
        if args.json:
            print(
                json.dumps(
                    {
                        "engine": engine,
                        "clients": level,
                        "bookings_per_s": round(bookings_per_s, 1),
                        "bare_inserts_per_s": round(bare_per_s, 1),
                        "ratio": round(ratio, 2),
                    }
                ),
                flush=True,
            )
    problems = ledger_violations()
    say(f"ledger: {len(problems)} violation(s); load average at the end: {os.getloadavg()[0]:.2f}")
    if problems:
        raise SystemExit("\n".join(problems[:10]))


if __name__ == "__main__":
    main()
