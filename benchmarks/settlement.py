"""Benchmark of the settlement (issue: pay providers for 100 000 bookings): settle them, build the
payment batch and write its pain.001 bank file.

    .venv/bin/python benchmarks/settlement.py [--bookings N] [--out FILE] [--json] [--engine sqlite|postgres]

It builds its own database and never touches var/kierunek.sqlite3: a temporary SQLite file, or
(``--engine postgres``) a fresh database created on the server of DATABASE_URL and dropped at the
end (the same set-up as benchmarks/search.py, whose providers and cards it reuses).

**Set-up (not measured)**: N completed bookings, confirmed and evaluated, five per voucher account
(N/5 participants, each with one issued general package), of N/200 providers (at least 20) with an
approved bank account. Rows are bulk-inserted, but money goes through the ledger's own tables
under the database's rules: postings first, then the transaction row (the database checks that it
balances), balances kept by the database's trigger; one ISSUE transaction per voucher account
(budget -> vouchers) and one RESERVE transaction per account with a leg per booking.

**Measured**: ``services.settlement_run`` over the whole programme, ``services.batch_build``, and
``pain001.pain001_write`` of the batch to FILE (default: a temporary file, deleted). Wall-clock
time of each phase and in total; ``per_s`` = bookings / total seconds. Memory: the peak resident
set size (VmHWM of /proc/self/status, reset just before the measured part by writing 5 to
/proc/self/clear_refs; where that is not possible, ``resource.getrusage`` ru_maxrss of the whole
process, set-up included), plus the peak of Python allocations is NOT traced (tracemalloc would
slow the run several times over). The ledger's invariants (``ledger_violations``) are checked after
the measured part, outside it.

With ``--json`` the last line is one JSON object:
``{"engine", "bookings", "providers", "seconds", "per_s", "peak_mb", "memory_measure", "settle_s",
"batch_s", "file_s", "file_mb", "violations"}``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
# This folder goes last, not first: a module of it must never hide one of the standard library.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))
sys.path.append(str(HERE))

import search  # noqa: E402 - the search benchmark's database set-up, providers and cards

from kierunek.core.actor import Actor  # noqa: E402

SEED = 20261122
CHUNK = 5000
PER_ACCOUNT = 5
VOUCHERS = 32  # a 16-hour language course at 2 vouchers an hour


def peak_reset() -> str:
    """Reset the kernel's high-water mark of this process's RSS; returns how peaks are measured."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return "VmHWM (peak RSS of the measured part)"
    except OSError:
        return "ru_maxrss (peak RSS of the whole process, set-up included)"


def peak_mb(measure: str) -> float:
    if measure.startswith("VmHWM"):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--out", help="where to write the pain.001 file (default: a temporary file)")
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    engine_run(parser.parse_args(), run)


def engine_run(args: argparse.Namespace, run: Callable[[argparse.Namespace, str], None]) -> None:
    """``run(args, where)`` on the engine asked for (PostgreSQL whenever DATABASE_URL names a
    server) in a database of its own, which is removed afterwards (on PostgreSQL, unless
    ``args.keep``; ``args.database`` names one a previous run kept, which is kept again, as
    benchmarks/search.py keeps it)."""
    if args.engine == "sqlite" and os.environ.get("DATABASE_URL", "").startswith(
        ("postgres://", "postgresql://")
    ):
        args.engine = "postgres"  # DATABASE_URL names a PostgreSQL server: use it
    database = getattr(args, "database", "")
    where, cleanup = search.configure(
        args.engine, database=database, keep=getattr(args, "keep", False) or bool(database)
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    try:
        run(args, where)
    finally:
        cleanup()


def django_start(args: argparse.Namespace, where: str) -> Callable[[str], None]:
    """Django set up and migrated, mail kept in memory; the function that prints progress (to
    stderr under --json, so that stdout's last line is the JSON)."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    def say(text: str) -> None:
        print(text, file=sys.stderr if args.json else sys.stdout, flush=True)

    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    say(f"engine {connection.vendor}, database {where}, load average {os.getloadavg()[0]:.2f}")
    call_command("migrate", verbosity=0)
    return say


def run(args: argparse.Namespace, where: str) -> None:
    say = django_start(args, where)
    from django.db import connection

    started = time.perf_counter()
    world = setup(args.bookings, say)
    elapsed = time.perf_counter() - started
    say(f"set-up: {args.bookings} bookings of {len(world['providers'])} providers in {elapsed:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    from kierunek.vouchers import pain001, services
    from kierunek.vouchers.checks import ledger_violations

    out = Path(args.out) if args.out else Path(tempfile.mkstemp(prefix="kierunek-pain001-", suffix=".xml")[1])
    measure = peak_reset()
    started = time.perf_counter()
    result = services.settlement_run(
        programme_id=world["programme_id"], actor=Actor.of(world["operator"]), idempotency_key="bench-settle"
    )
    settled_at = time.perf_counter()
    batch = services.batch_build(
        programme_id=world["programme_id"], actor=Actor.of(world["operator"]), idempotency_key="bench-batch"
    )
    built_at = time.perf_counter()
    assert batch is not None
    with out.open("wb") as handle:
        size = pain001.pain001_write(batch, handle)
    finished = time.perf_counter()
    peak = peak_mb(measure)

    seconds = finished - started
    per_s = result.settled / seconds if seconds else 0.0
    settle_s = settled_at - started
    say(f"settlement_run: {result.settled} bookings of {result.providers} providers: {settle_s:.2f} s")
    say(f"batch_build: {batch.lines.count()} transfers, {batch.total} gr: {built_at - settled_at:.2f} s")
    say(f"pain.001: {size / 1e6:.1f} MB to {out} in {finished - built_at:.2f} s")
    say(f"total {seconds:.2f} s: {per_s:.0f} bookings/s; peak memory {peak:.0f} MB ({measure})")
    if result.settled != args.bookings:
        say(f"WARNING: {args.bookings - result.settled} bookings were not settled: {result.skipped}")
    violations = ledger_violations()
    say(f"ledger invariants: {'all hold' if not violations else violations[:5]}")
    if not args.out:
        out.unlink(missing_ok=True)
    if args.json:
        print(
            json.dumps(
                {
                    "engine": "postgres" if connection.vendor == "postgresql" else connection.vendor,
                    "bookings": result.settled,
                    "providers": result.providers,
                    "seconds": round(seconds, 3),
                    "per_s": round(per_s, 1),
                    "peak_mb": round(peak, 1),
                    "memory_measure": measure,
                    "settle_s": round(settled_at - started, 3),
                    "batch_s": round(built_at - settled_at, 3),
                    "file_s": round(finished - built_at, 3),
                    "file_mb": round(size / 1e6, 2),
                    "violations": len(violations),
                }
            )
        )


def setup(bookings: int, say: Any) -> dict[str, Any]:
    """Participants with issued vouchers and completed, confirmed, evaluated bookings, written in
    chunks (one database transaction each)."""
    from django.db import transaction
    from django.utils import timezone

    from kierunek.accounts.models import Role, User
    from kierunek.catalogue.models import ServiceCard
    from kierunek.guidance.models import CompetenceBalance, DevelopmentPlan
    from kierunek.programmes import selectors as programme_selectors
    from kierunek.programmes.models import Package, Programme, RuleKey
    from kierunek.providers.models import BankAccount, Provider
    from kierunek.vouchers import ledger
    from kierunek.vouchers.models import AccountKind, LedgerAccount

    rng = random.Random(SEED)
    programme = programme_selectors.programme_current() or Programme.objects.order_by("pk").first()
    assert programme is not None
    today = timezone.localdate()
    with transaction.atomic():
        world = search.build_world(rng, providers=max(20, bookings // 200))
        search.generate_cards(rng, world, len(world.providers))
        operator = User.objects.create_user("operator@bench.example", role=Role.FINANCIAL_OPERATOR)
        advisor = User.objects.create_user("doradca@bench.example", role=Role.ADVISOR)
        owner = User.objects.create_user("plan@bench.example", role=Role.PARTICIPANT)
        Provider.objects.filter(pk__in=world.providers).update(payout_hold_until=None)
        BankAccount.objects.bulk_create(
            BankAccount(
                provider_id=provider_id,
                iban=f"PL{10 + number % 89:02d}1090101400000712{number:08d}",
                holder_name=f"Centrum Kształcenia {number} sp. z o.o.",
                status="active",
                requested_by=world_user(world),
                decided_by=advisor,
                decided_at=timezone.now(),
            )
            for number, provider_id in enumerate(world.providers)
        )
        # One signed plan for every order: the orders' foreign key only (the benchmark does not
        # exercise ordering).
        balance = CompetenceBalance.objects.create(participant=owner, advisor=advisor)
        plan = DevelopmentPlan.objects.create(
            balance=balance, status="signed", signed_at=timezone.now(), signed_by=advisor
        )
        # The budget covers every account the benchmark issues (the demo programme's does not,
        # beyond about 20 000 participants): it is funded when its account first opens.
        package = Package.objects.get(programme=programme, kind="general")
        unit = programme_selectors.voucher_unit_on(programme=programme, day=today)
        needed = -(-bookings // PER_ACCOUNT) * package.vouchers * unit
        if (
            needed > (programme.budget or 0)
            and not LedgerAccount.objects.filter(programme=programme, kind=AccountKind.BUDGET).exists()
        ):
            Programme.objects.filter(pk=programme.pk).update(budget=needed)
        budget = ledger.programme_account(programme_id=programme.pk, kind=AccountKind.BUDGET)
    cards = {c.provider_id: c.pk for c in ServiceCard.objects.filter(provider_id__in=world.providers)}
    missing = [p for p in world.providers if p not in cards]
    for provider_id in missing:  # generate_cards picks providers at random: give every one a card
        card = ServiceCard.objects.filter(pk=next(iter(cards.values()))).get()
        card.pk = None
        card.provider_id = provider_id
        card.dedupe_key = f"bench-{provider_id}"
        card.save()
        cards[provider_id] = card.pk
    rule = programme_selectors.rule_version_on(programme=programme, key=RuleKey.CONSUMPTION, day=today)
    providers = list(world.providers)
    accounts_needed = -(-bookings // PER_ACCOUNT)
    made = 0
    for start in range(0, accounts_needed, CHUNK // PER_ACCOUNT * PER_ACCOUNT):
        count = min(CHUNK, accounts_needed - start)
        with transaction.atomic():
            made += _chunk(
                start=start,
                count=count,
                bookings_left=bookings - made,
                programme=programme,
                package=package,
                plan=plan,
                operator=operator,
                budget=budget,
                unit=unit,
                rule_id=rule.pk,
                providers=providers,
                cards=cards,
                today=today,
            )
        say(f"  {made} bookings")
    return {"programme_id": programme.pk, "operator": operator, "providers": providers}


def world_user(world: Any) -> Any:
    from kierunek.accounts.models import User

    return User.objects.get(pk=world.user_id)


def _chunk(
    *,
    start: int,
    count: int,
    bookings_left: int,
    programme: Any,
    package: Any,
    plan: Any,
    operator: Any,
    budget: Any,
    unit: int,
    rule_id: int,
    providers: list[int],
    cards: dict[int, int],
    today: Any,
) -> int:
    from django.utils import timezone

    from kierunek.accounts.models import Role, User
    from kierunek.vouchers.models import (
        AccountKind,
        Booking,
        LedgerAccount,
        LedgerTransaction,
        OrderStatus,
        Posting,
        TransactionKind,
        VoucherAccount,
        VoucherOrder,
    )

    now = timezone.now()
    users = User.objects.bulk_create(
        User(email=f"uczestnik{start + i:07d}@bench.example", password="!", role=Role.PARTICIPANT)  # noqa: S106 - unusable
        for i in range(count)
    )
    orders = VoucherOrder.objects.bulk_create(
        VoucherOrder(
            participant=user,
            programme=programme,
            package=package,
            plan=plan,
            status=OrderStatus.ISSUED,
            decided_at=now,
            decided_by=operator,
        )
        for user in users
    )
    wallets = LedgerAccount.objects.bulk_create(
        LedgerAccount(kind=AccountKind.VOUCHERS, programme=programme) for _ in users
    )
    reserved = LedgerAccount.objects.bulk_create(
        LedgerAccount(kind=AccountKind.RESERVED, programme=programme) for _ in users
    )
    value = package.vouchers * unit
    accounts = VoucherAccount.objects.bulk_create(
        VoucherAccount(
            order=order,
            participant=user,
            programme=programme,
            package=package,
            vouchers_issued=package.vouchers,
            voucher_unit=unit,
            expires_on=today + timedelta(days=300),
            account=wallet,
            reserved=held,
        )
        for order, user, wallet, held in zip(orders, users, wallets, reserved, strict=True)
    )
    # Issue: budget -> vouchers, one transaction per voucher account (postings first).
    issue_ids = [uuid.uuid4() for _ in accounts]
    Posting.objects.bulk_create(
        [
            leg
            for tid, account in zip(issue_ids, accounts, strict=True)
            for leg in (
                Posting(transaction_id=tid, account=budget, amount=-value),
                Posting(transaction_id=tid, account_id=account.account_id, amount=value),
            )
        ],
        batch_size=2000,
    )
    LedgerTransaction.objects.bulk_create(
        [
            LedgerTransaction(
                id=tid,
                kind=TransactionKind.ISSUE,
                programme=programme,
                idempotency_key=f"bench-issue:{account.pk}",
                voucher_account=account,
                actor=operator,
            )
            for tid, account in zip(issue_ids, accounts, strict=True)
        ],
        batch_size=2000,
    )
    amount = VOUCHERS * unit
    booked_on = today - timedelta(days=40)
    new_bookings = []
    for index, account in enumerate(accounts):
        for slot in range(PER_ACCOUNT):
            number = (start + index) * PER_ACCOUNT + slot
            if len(new_bookings) >= bookings_left:
                break
            provider_id = providers[number % len(providers)]
            new_bookings.append(
                Booking(
                    participant_id=account.participant_id,
                    voucher_account=account,
                    card_id=cards[provider_id],
                    provider_id=provider_id,
                    status="completed",
                    vouchers=VOUCHERS,
                    voucher_unit=unit,
                    amount=amount,
                    top_up=0,
                    rule_version_id=rule_id,
                    booked_on=booked_on,
                    answer_by=booked_on + timedelta(days=5),
                    cancel_until=booked_on + timedelta(days=8),
                    report_by=today + timedelta(days=10),
                    idempotency_key=f"bench-book:{number}",
                    not_me_token_hash=uuid.uuid4().hex,
                    reported_at=now,
                    confirmed_at=now,
                    evaluated_at=now,
                )
            )
    created = Booking.objects.bulk_create(new_bookings, batch_size=2000)
    # Reserve: vouchers -> reserved, one transaction per voucher account, a leg per booking.
    by_account: dict[int, list[Any]] = {}
    for booking in created:
        by_account.setdefault(booking.voucher_account_id, []).append(booking)
    reserve_ids = {account_id: uuid.uuid4() for account_id in by_account}
    wallet_of = {a.pk: (a.account_id, a.reserved_id) for a in accounts}
    Posting.objects.bulk_create(
        [
            leg
            for account_id, items in by_account.items()
            for booking in items
            for leg in (
                Posting(
                    transaction_id=reserve_ids[account_id],
                    account_id=wallet_of[account_id][0],
                    amount=-amount,
                    booking=booking,
                ),
                Posting(
                    transaction_id=reserve_ids[account_id],
                    account_id=wallet_of[account_id][1],
                    amount=amount,
                    booking=booking,
                ),
            )
        ],
        batch_size=2000,
    )
    LedgerTransaction.objects.bulk_create(
        [
            LedgerTransaction(
                id=tid,
                kind=TransactionKind.RESERVE,
                programme=programme,
                idempotency_key=f"bench-reserve:{account_id}",
                voucher_account_id=account_id,
            )
            for account_id, tid in reserve_ids.items()
        ],
        batch_size=2000,
    )
    return len(created)


if __name__ == "__main__":
    main()
