"""Benchmark of the production web server: requests per second and latency of the demo's pages
served by gunicorn with config/gunicorn.conf.py and the production settings, on loopback, next to
a bare view served the same way in the same run.

    .venv/bin/python benchmarks/http_load.py [--seconds 10] [--clients 8,32,128] [--size small|large]
                                        [--engine sqlite|postgres] [--workers N] [--threads N] [--json]

**Set-up (not measured)**: a database of its own (a temporary SQLite file, or with ``--engine
postgres`` a fresh database on the server of DATABASE_URL, dropped at the end: the set-up of
benchmarks/search.py), migrated and loaded with ``seed_demo --size`` (small: 2 000 published
cards); ``collectstatic`` into a temporary folder; then ``gunicorn -c config/gunicorn.conf.py``
on 127.0.0.1 (a free port) with ``benchmarks.http_settings``: config.settings.prod with
throw-away keys, plus ``/benchmark/hello``, a view that does nothing (benchmarks/http_urls.py;
the real site has no such URL). The access log is on, as in production (to a temporary file).

**Measured**: for each number of clients (8, 32, 128), for each page in turn, that many clients
(one asyncio task and one keep-alive connection each, HTTP/1.1, as a TLS-terminating proxy
forwards them: ``X-Forwarded-Proto: https``) send requests back to back for ``--seconds``:

- ``hello``: ``/benchmark/hello``, the server and the middleware with no page (the stack's own
  limit on this machine, the client included);
- ``home``: ``/``;
- ``search``: ``/uslugi/?q=...``, a text search, the query rotating over a few words;
- ``card``: ``/uslugi/<id>/``, a published service card;
- ``api``: ``GET /api/v1/services`` (the first page, with the total and the facets).

Before the measured runs every page is requested for a second by as many clients as the server
has threads, so that each process has loaded what it loads once (on SQLite the search columns).
Printed per run: requests per second, p50/p95/p99 latency in ms, errors (a status other than
200, a broken connection, no answer within 30 s) and ``hello/page``, the bare view's rate divided
by the page's in the same level (how many bare requests one page costs). The client runs on the
same machine as the server and takes part of its CPU. With ``--json`` the last line is one JSON
object: ``{"engine", "size", "seconds", "workers", "threads", "cpus", "load_average",
"runs": [{"clients", "page", "requests", "per_s", "p50_ms", "p95_ms", "p99_ms", "errors",
"error_kinds", "hello_per_page"}], "target": {"search_p95_ms_at_32", "errors", "met"}}``.
Target: the search page's p95 at 32 clients at most 250 ms, with no errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file has the name of the standard library's http package, and Python puts the folder of
# the script it runs first on the path: take that folder off before anything imports http.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import quote  # noqa: E402

from benchmarks.search import configure  # noqa: E402

REQUEST_TIMEOUT = 30.0  # gunicorn's worker timeout (config/gunicorn.conf.py)
SEARCH_WORDS = [
    "angielski",
    "prawo jazdy",
    "programowanie",
    "cyberbezpieczeństwo",
    "analiza danych",
    "spawanie",
]
PAGES = ["hello", "home", "search", "card", "api"]
TARGET_P95_MS = 250.0
TARGET_CLIENTS = 32


@dataclass
class Run:
    clients: int
    page: str
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    error_kinds: Counter[str] = field(default_factory=Counter)

    def percentile_ms(self, cut: int) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[cut - 1] * 1000

    @property
    def per_s(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        return sum(self.error_kinds.values())


def request_bytes(path: str) -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
        "Accept: text/html,application/json\r\nUser-Agent: kierunek-benchmark\r\n\r\n"
    ).encode("ascii")


async def exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, bool]:
    """Send one request and read the whole response; return its status and whether the server
    closes the connection after it."""
    writer.write(request)
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionResetError("closed before the response")
    status = int(status_line.split()[1])
    length, chunked, close = None, False, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
        elif name == b"connection" and b"close" in value.lower():
            close = True
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        close = True
    return status, close


async def drive(port: int, path_for: Callable[[int], str], clients: int, seconds: float, run: Run) -> Run:
    """``clients`` connections send requests back to back until ``seconds`` have passed; a
    request started before the end is waited for."""
    end = time.perf_counter() + seconds

    async def client(number: int) -> None:
        connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        sent = number
        while time.perf_counter() < end:
            request = request_bytes(path_for(sent))
            sent += clients
            started = time.perf_counter()
            try:
                if connection is None:
                    connection = await asyncio.wait_for(
                        asyncio.open_connection("127.0.0.1", port), REQUEST_TIMEOUT
                    )
                status, close = await asyncio.wait_for(exchange(*connection, request), REQUEST_TIMEOUT)
            except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError, IndexError) as error:
                run.error_kinds[type(error).__name__] += 1
                if connection is not None:
                    connection[1].close()
                connection = None
                continue
            run.latencies.append(time.perf_counter() - started)
            if status != 200:
                run.error_kinds[f"HTTP {status}"] += 1
            if close:
                connection[1].close()
                connection = None
        if connection is not None:
            connection[1].close()

    started = time.perf_counter()
    await asyncio.gather(*(client(number) for number in range(clients)))
    run.seconds = time.perf_counter() - started
    return run


def paths(card_id: int) -> dict[str, Callable[[int], str]]:
    queries = [f"/uslugi/?q={quote(word)}" for word in SEARCH_WORDS]
    return {
        "hello": lambda n: "/benchmark/hello",
        "home": lambda n: "/",
        "search": lambda n: queries[n % len(queries)],
        "card": lambda n: f"/uslugi/{card_id}/",
        "api": lambda n: "/api/v1/services",
    }


def server_environment(static_root: Path) -> dict[str, str]:
    """Production settings with throw-away secrets; the field keys are the development settings'
    ones, with which seed_demo encrypted the demo's personal data."""
    from config.settings import dev

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.http_settings",
        "DJANGO_SECRET_KEY": "benchmark-only-" + os.urandom(24).hex(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_ROOT": str(static_root),
        "KIERUNEK_FIELD_ENCRYPTION_KEYS": ",".join(dev.KIERUNEK_FIELD_ENCRYPTION_KEYS),
        "KIERUNEK_PESEL_HASH_KEY": dev.KIERUNEK_PESEL_HASH_KEY,
        "KIERUNEK_PAYER_NAME": dev.KIERUNEK_PAYER_NAME,
        "KIERUNEK_PAYER_IBAN": dev.KIERUNEK_PAYER_IBAN,
        "KIERUNEK_PAYER_BIC": dev.KIERUNEK_PAYER_BIC,
        "KIERUNEK_BIND": "127.0.0.1:0",
    }


def manage(*args: str, env: dict[str, str]) -> None:
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")


def start_server(env: dict[str, str], folder: Path) -> tuple[subprocess.Popen[bytes], int, int]:
    """gunicorn as `make serve` starts it; returns the process, its port and its worker count."""
    errors = folder / "error.log"
    with (folder / "access.log").open("wb") as stdout, errors.open("wb") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        log = errors.read_text()
        found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", log)
        if found and "Booting worker" in log:
            time.sleep(1)
            return server, int(found.group(1)), errors.read_text().count("Booting worker")
        time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"The server did not start:\n{errors.read_text()[-3000:]}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


async def first_card_id(port: int) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request_bytes("/api/v1/services"))
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))  # type: ignore[union-attr]
        body = json.loads(await reader.readexactly(length))
    finally:
        writer.close()
    return int(body["items"][0]["id"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per page and number of clients")
    parser.add_argument("--clients", default="8,32,128")
    parser.add_argument("--size", choices=["small", "large"], default="small")
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn processes (default: the configuration's)"
    )
    parser.add_argument(
        "--threads", type=int, default=0, help="threads per process (default: the configuration's)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    args = parser.parse_args()
    levels = [int(level) for level in args.clients.split(",")]

    where, cleanup = configure(args.engine)
    # The clean-up of --engine postgres closes Django's connections, which needs settings.
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    folder = Path(tempfile.mkdtemp(prefix="kierunek-http-bench-"))
    try:
        run(args, levels, where, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        cleanup()


def run(args: argparse.Namespace, levels: list[int], where: str, folder: Path) -> None:
    setup_env = dict(os.environ)
    print(f"Setting up {where}: migrate, seed_demo --size {args.size}, collectstatic ...", file=sys.stderr)
    manage("migrate", "--noinput", env=setup_env)
    manage("seed_demo", "--size", args.size, "--no-progress", env=setup_env)
    env = server_environment(folder / "static")
    if args.workers:
        env["KIERUNEK_WEB_WORKERS"] = str(args.workers)
    if args.threads:
        env["KIERUNEK_WEB_THREADS"] = str(args.threads)
    threads = int(env.get("KIERUNEK_WEB_THREADS", "4"))
    manage("collectstatic", "--noinput", env=env)

    server, port, workers = start_server(env, folder)
    try:
        runs = asyncio.run(measure(port, levels, args.seconds, warm_clients=workers * threads))
    finally:
        stop_server(server)
    load = os.getloadavg()
    report(args, runs, workers=workers, threads=threads, load=load)


async def measure(port: int, levels: list[int], seconds: float, *, warm_clients: int) -> list[Run]:
    page_paths = paths(await first_card_id(port))
    for page in PAGES:
        await drive(port, page_paths[page], warm_clients, 1.0, Run(warm_clients, page))
    runs = []
    for clients in levels:
        for page in PAGES:
            print(f"  {clients} clients, {page} ...", file=sys.stderr)
            runs.append(await drive(port, page_paths[page], clients, seconds, Run(clients, page)))
    return runs


def report(args: argparse.Namespace, runs: list[Run], *, workers: int, threads: int, load: Any) -> None:
    hello = {run.clients: run.per_s for run in runs if run.page == "hello"}
    rows = []
    for run in runs:
        rows.append(
            {
                "clients": run.clients,
                "page": run.page,
                "requests": len(run.latencies),
                "per_s": round(run.per_s, 1),
                "p50_ms": round(run.percentile_ms(50), 1),
                "p95_ms": round(run.percentile_ms(95), 1),
                "p99_ms": round(run.percentile_ms(99), 1),
                "errors": run.errors,
                "error_kinds": dict(run.error_kinds),
                "hello_per_page": round(hello[run.clients] / run.per_s, 2) if run.per_s else None,
            }
        )
    print(
        f"gunicorn (config/gunicorn.conf.py): {workers} processes x {threads} threads, production settings, "
        f"{args.engine} demo ({args.size}), {args.seconds:g} s per run, {os.cpu_count()} CPUs, "
        f"load average after {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    columns = ("req/s", "p50 ms", "p95 ms", "p99 ms")
    print(f"{'clients':>7} {'page':<7} " + " ".join(f"{name:>8}" for name in columns) + " errors hello/page")
    for row in rows:
        figures = " ".join(f"{row[name]:>8.1f}" for name in ("per_s", "p50_ms", "p95_ms", "p99_ms"))
        ratio = row["hello_per_page"] or 0
        print(
            f"{row['clients']:>7} {row['page']:<7} {figures} {row['errors']:>6} {ratio:>9.2f}"
            + (f"  {row['error_kinds']}" if row["errors"] else "")
        )
    search = next((row for row in rows if row["page"] == "search" and row["clients"] == TARGET_CLIENTS), None)
    target = None
    if search is not None:
        met = search["p95_ms"] <= TARGET_P95_MS and search["errors"] == 0
        target = {"search_p95_ms_at_32": search["p95_ms"], "errors": search["errors"], "met": met}
        print(
            f"Target (search p95 <= {TARGET_P95_MS:g} ms at {TARGET_CLIENTS} clients, no errors): "
            f"{search['p95_ms']} ms, {search['errors']} errors: {'met' if met else 'NOT met'}"
        )
    if args.json:
        print(
            json.dumps(
                {
                    "engine": args.engine,
                    "size": args.size,
                    "seconds": args.seconds,
                    "workers": workers,
                    "threads": threads,
                    "cpus": os.cpu_count(),
                    "load_average": [round(value, 2) for value in load],
                    "runs": rows,
                    "target": target,
                }
            )
        )


if __name__ == "__main__":
    main()
