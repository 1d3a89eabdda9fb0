"""Benchmark of the reports (issue 21): every role's dashboard, the XLSX of the largest table, and
the open-data refresh, over a programme of N participants.

    .venv/bin/python benchmarks/reports.py [--participants N] [--engine sqlite|postgres] [--json]

It builds its own database and never touches var/kierunek.sqlite3: a temporary SQLite file, or
(``--engine postgres``) a fresh database created on the server of DATABASE_URL and dropped at the
end (the set-up of benchmarks/search.py).

**Set-up (not measured)**: the settlement benchmark's programme (benchmarks/settlement.py): N
participants, each with an issued general package (an ISSUE transaction) and five completed,
confirmed, evaluated bookings (one RESERVE transaction with a leg per booking), of N/40 providers
(at least 20); then a submitted application for each (a gmina of residence across Małopolska, an
education level, a labour status) and a profile (sex, date of birth), and the settlement of every
booking (``services.settlement_run``: a SETTLE transaction per provider and booking legs), paid
by one batch confirmed by a bank statement (``pay``: the time to payment has every booking to
measure). That is about 12 postings a participant before the settlement and 14 after: 100 000
participants make about 1.4 million.

**Measured**, each dashboard of :mod:`kierunek.reports.role_dashboards` for this year: every
figure of it built by :func:`kierunek.reports.selectors.indicator_table` (the call of the page, the
files, the API and the open data), *cold* (first, after closing the database connection, so the
connection and the database's plan caches are new; the operating system's file cache is not
emptied) and *warm* (the same again at once). The gmina board is measured for the gmina with the
most residents. Then the XLSX of the largest table (most rows) with ``tracemalloc``'s peak of the
Python allocations of the export alone and of the table and export together, and
``opendata_refresh`` (every public indicator, three periods). Wall-clock seconds.

With ``--json`` the last line is one JSON object:
``{"engine", "participants", "bookings", "postings", "dashboards": {slug: {"cold_s", "warm_s",
"figures", "queries"}}, "xlsx": {"indicator", "breakdown", "rows", "seconds", "bytes", "export_peak_mb",
"table_and_export_peak_mb", "streamed": {rows: {"seconds", "bytes", "peak_mb"}}}, "opendata_s",
"opendata_files"}``: ``streamed`` is the file a download streams, of 1 000 and of 20 000 rows
made one at a time, whose peak shows whether the export's memory grows with the rows.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import tracemalloc
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
# This folder goes last, not first: a module of it must never hide one of the standard library.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))
sys.path.append(str(HERE))

import settlement  # noqa: E402 - the programme, its vouchers, bookings and ledger

SEED = 20261206
CHUNK = 5000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="PostgreSQL: keep the database at the end (to measure it again: --database)",
    )
    parser.add_argument(
        "--database",
        default="",
        help="PostgreSQL: a database a run with --keep left, measured again without its set-up (and kept)",
    )
    settlement.engine_run(parser.parse_args(), run)


def run(args: argparse.Namespace, where: str) -> None:
    say = settlement.django_start(args, where)
    from django.db import connection

    from kierunek.programmes.models import Application
    from kierunek.vouchers.models import Booking, Posting

    if args.database:  # built by an earlier run with --keep
        people, bookings = Application.objects.count(), Booking.objects.count()
        postings = Posting.objects.count()
        say(f"kept database: {people} participants, {bookings} bookings, {postings} postings")
    else:
        people, bookings, postings = setup(args, say)

    result: dict[str, Any] = {
        "engine": "postgres" if connection.vendor == "postgresql" else connection.vendor,
        "participants": people,
        "bookings": bookings,
        "postings": postings,
        "dashboards": dashboards(say),
    }
    result["xlsx"] = largest_xlsx(say)
    from kierunek.reports.models import OpenDataFile
    from kierunek.reports.opendata import opendata_refresh

    began = time.perf_counter()
    opendata_refresh()
    result["opendata_s"] = round(time.perf_counter() - began, 3)
    result["opendata_files"] = OpenDataFile.objects.count()
    say(f"open-data refresh: {result['opendata_files']} files in {result['opendata_s']:.2f} s")
    if args.json:
        print(json.dumps(result))


def setup(args: argparse.Namespace, say: Any) -> tuple[int, int, int]:
    """The programme of ``args.participants`` participants, settled and analysed; their number,
    the bookings' and the postings'."""
    from django.db import connection

    from kierunek.core.actor import Actor
    from kierunek.vouchers import services
    from kierunek.vouchers.models import Posting

    started = time.perf_counter()
    bookings = args.participants * settlement.PER_ACCOUNT
    world = settlement.setup(bookings, say)
    people = applications_and_profiles(world["programme_id"], say)
    settled = services.settlement_run(
        programme_id=world["programme_id"], actor=Actor.of(world["operator"]), idempotency_key="bench-settle"
    )
    paid = pay(world, say)
    postings = Posting.objects.count()
    say(
        f"set-up: {people} participants, {bookings} bookings ({settled.settled} settled, {paid} "
        "providers paid), "
        f"{postings} postings in {time.perf_counter() - started:.1f} s"
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return people, bookings, postings


def pay(world: dict[str, Any], say: Any) -> int:
    """The settled money paid as the operators pay it: a batch built, approved by a second
    operator, sent, and confirmed by the bank's statement (so the time to payment has bookings to
    measure); the number of providers paid."""
    from django.utils import timezone

    from kierunek.accounts.models import Role, User
    from kierunek.core.actor import Actor
    from kierunek.vouchers import pain001, services
    from kierunek.vouchers.statement_samples import batch_debits, camt053

    today = timezone.localdate()
    operator = Actor.of(world["operator"])
    second = Actor.of(User.objects.create_user("operator2@bench.example", role=Role.FINANCIAL_OPERATOR))
    batch = services.batch_build(
        programme_id=world["programme_id"], actor=operator, idempotency_key="bench-pay", execution_date=today
    )
    if batch is None:
        return 0
    services.batch_approve(batch_id=batch.pk, actor=second)
    services.batch_mark_sent(batch_id=batch.pk, actor=operator)
    entries = batch_debits(batch, booked_on=today)
    uploaded = services.statement_upload(
        actor=second,
        content=camt053(
            statement_id=f"BENCH/{today:%Y%m%d}/1", account=pain001.payer().iban, entries=entries, on=today
        ),
        filename="wyciag-bench.xml",
    )
    say(f"  paid: batch {batch.reference}, {len(entries)} transfers, paid now: {uploaded.batches_paid}")
    return len(entries)


def applications_and_profiles(programme_id: int, say: Any) -> int:
    """A submitted application and a profile for every participant, in chunks."""
    from django.db import transaction
    from django.utils import timezone

    from kierunek.accounts.models import ParticipantProfile, Role, User
    from kierunek.geo.models import Gmina
    from kierunek.programmes import selectors as programme_selectors
    from kierunek.programmes.models import Application, EducationLevel, EmploymentStatus, Programme, RuleKey

    rng = random.Random(SEED)
    programme = Programme.objects.get(pk=programme_id)
    rule = programme_selectors.rule_version_on(
        programme=programme, key=RuleKey.ELIGIBILITY, day=timezone.localdate()
    )
    gminas = list(Gmina.objects.values_list("pk", flat=True))
    # A few large gminas hold many residents, as Kraków does; the rest share the others.
    weights = [40 if number < 3 else 1 for number in range(len(gminas))]
    levels = [level for level, _label in EducationLevel.choices]
    statuses = [status for status, _label in EmploymentStatus.choices]
    ids = list(
        User.objects.filter(role=Role.PARTICIPANT, email__startswith="uczestnik").values_list("pk", flat=True)
    )
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with transaction.atomic():
            ParticipantProfile.objects.bulk_create(
                ParticipantProfile(
                    user_id=user_id,
                    pesel="00000000000",
                    pesel_hash=f"bench-{user_id}",
                    birth_date=date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28)),
                    sex=rng.choice("FM"),
                )
                for user_id in chunk
            )
            Application.objects.bulk_create(
                Application(  # submitted on a day of this year up to today, decided within 20 days
                    participant_id=user_id,
                    programme_id=programme_id,
                    status="eligible",
                    rule_version_id=rule.pk,
                    residence_gmina_id=rng.choices(gminas, weights)[0],
                    education_level=rng.choice(levels),
                    employment_status=rng.choice(statuses),
                    submitted_at=submitted,
                    decided_at=submitted + timedelta(days=rng.randint(0, 20)),
                )
                for user_id, submitted in zip(chunk, _days(rng, len(chunk)), strict=True)
            )
        say(f"  {start + len(chunk)} applications")
    return len(ids)


def _days(rng: random.Random, count: int) -> list[datetime]:
    from django.utils import timezone

    today = timezone.localdate()
    first = date(today.year, 1, 1)
    span = (today - first).days
    return [
        timezone.make_aware(datetime.combine(first + timedelta(days=rng.randint(0, span)), clock(10)))
        for _ in range(count)
    ]


def dashboards(say: Any) -> dict[str, dict[str, Any]]:
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from kierunek.core.indicators import figures_reused
    from kierunek.geo.models import Gmina
    from kierunek.programmes.models import Application
    from kierunek.reports.domain import period_parse
    from kierunek.reports.role_dashboards import DASHBOARDS, gmina_lines, items_shown, keys_shown
    from kierunek.reports.selectors import indicator_table

    period = period_parse(str(timezone.localdate().year))
    assert period is not None
    busiest = Application.objects.values("residence_gmina").order_by().annotate(n=Count("pk"))
    top = max(busiest, key=lambda row: row["n"])["residence_gmina"]
    gmina = Gmina.objects.select_related("powiat").get(pk=top)
    figures: dict[str, dict[str, Any]] = {}
    for board in DASHBOARDS.values():
        slowest: list[tuple[float, str]] = []

        def build(board: Any = board, slowest: list[tuple[float, str]] = slowest) -> int:
            with figures_reused(keys_shown(board)):  # as the dashboard's page does
                if board.by_gmina:
                    return len(gmina_lines(board, gmina, period))
                for indicator, breakdown in items_shown(board):
                    began = time.perf_counter()
                    indicator_table(indicator, period, breakdown)
                    slowest.append((time.perf_counter() - began, f"{indicator.key} by {breakdown}"))
                return len(items_shown(board))

        connection.close()
        began = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            count = build()
        cold = time.perf_counter() - began
        slowest_cold = sorted(slowest, reverse=True)[:3]
        began = time.perf_counter()
        build()
        warm = time.perf_counter() - began
        figures[board.slug] = {
            "cold_s": round(cold, 3),
            "warm_s": round(warm, 3),
            "figures": count,
            "queries": len(queries),
        }
        slow = ", ".join(f"{key} {seconds:.2f} s" for seconds, key in slowest_cold)
        say(
            f"dashboard {board.slug}: {count} figures, {len(queries)} queries, cold {cold:.2f} s, "
            f"warm {warm:.2f} s{'; slowest: ' + slow if slow else ''}"
        )
    return figures


def largest_xlsx(say: Any) -> dict[str, Any]:
    from django.utils import timezone

    from kierunek.core.exports import xlsx_bytes, xlsx_file
    from kierunek.core.indicators import Breakdown
    from kierunek.reports.domain import period_parse
    from kierunek.reports.presentation import file_rows
    from kierunek.reports.selectors import indicator_table, public_indicators

    period = period_parse(str(timezone.localdate().year))
    assert period is not None
    largest = None
    for indicator in public_indicators():
        for breakdown in (Breakdown.GMINA, Breakdown.PROVIDER):
            if breakdown in indicator.breakdowns:
                table = indicator_table(indicator, period, breakdown)
                if largest is None or len(table.rows) > len(largest.rows):
                    largest = table
    assert largest is not None
    rows = file_rows(largest)
    xlsx_bytes([["-"]], title="-")  # openpyxl's first use loads and builds what every export shares
    tracemalloc.start()  # the export alone: the rows exist already
    began = time.perf_counter()
    content = xlsx_bytes(rows, title=str(largest.indicator.name))
    seconds = time.perf_counter() - began
    export_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    tracemalloc.start()  # the table computed again and exported, as the download does
    table = indicator_table(largest.indicator, period, largest.breakdown)
    xlsx_bytes(file_rows(table), title=str(largest.indicator.name))
    together_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    say(
        f"xlsx of {largest.indicator.key} by {largest.breakdown}: {len(largest.rows)} rows, "
        f"{len(content)} bytes in {seconds:.3f} s; peak {export_peak / 1e6:.2f} MB for the export, "
        f"{together_peak / 1e6:.1f} MB with the table"
    )
    # Does the export's memory grow with the rows? The file a download streams (xlsx_file), of
    # rows made one at a time, at two sizes a hundred times apart.
    streamed = {}
    for count in (1_000, 20_000):
        tracemalloc.start()
        began = time.perf_counter()
        rows_made = ([f"grupa {n}", f"{n:07d}", n * 15, ""] for n in range(count))
        with xlsx_file([("-", rows_made)]) as out:
            size = out.seek(0, 2)
        streamed[str(count)] = {
            "seconds": round(time.perf_counter() - began, 3),
            "bytes": size,
            "peak_mb": round(tracemalloc.get_traced_memory()[1] / 1e6, 3),
        }
        tracemalloc.stop()
        say(
            f"xlsx streamed, {count} rows: {size} bytes in {streamed[str(count)]['seconds']:.2f} s, "
            f"peak {streamed[str(count)]['peak_mb']:.2f} MB"
        )
    return {
        "streamed": streamed,
        "indicator": largest.indicator.key,
        "breakdown": str(largest.breakdown),
        "rows": len(largest.rows),
        "seconds": round(seconds, 4),
        "bytes": len(content),
        "export_peak_mb": round(export_peak / 1e6, 3),
        "table_and_export_peak_mb": round(together_peak / 1e6, 2),
    }


if __name__ == "__main__":
    main()
