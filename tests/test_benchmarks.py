"""The benchmark scripts start: each one, run as the README says (``python benchmarks/<name>.py``),
imports what it needs and answers ``--help``. They are not tests and nothing else runs them, so
an import moved in the code would otherwise break them unnoticed.

The relevance benchmark is also run once, on SQLite, because its judgments must keep naming the
services its catalogue writes; its figures and targets are never asserted (they are what the
search is measured by, not what a test can pin)."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(
    path for path in (ROOT / "benchmarks").glob("*.py") if "__main__" in path.read_text(encoding="utf-8")
)


def test_the_benchmarks_are_found():
    assert {path.stem for path in SCRIPTS} >= {"search", "ledger", "settlement", "http_load"}


@pytest.mark.parametrize("script", SCRIPTS, ids=[path.stem for path in SCRIPTS])
def test_a_benchmark_script_starts(script):
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(script), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usage:" in done.stdout


# --- the relevance benchmark (benchmarks/relevance.py) ----------------------------------------


def test_the_relevance_judgments_are_sound():
    from benchmarks.relevance import judgments_check
    from benchmarks.relevance_queries import CLASSES, QUERIES

    assert judgments_check() == []
    assert len(QUERIES) >= 80
    assert {query.kind for query in QUERIES} == set(CLASSES)
    assert len({query.text for query in QUERIES}) == len(QUERIES), "a query judged twice"
    for query in QUERIES:
        assert query.kind == "nothing" or query.must, f"{query.text!r} requires no service"


@pytest.mark.parametrize(
    ("kind", "ranked", "announced", "success", "ndcg"),
    [
        # every must service in the first 5, in the ideal order
        ("inflection", ["a", "b", "x"], False, True, 1.0),
        # a must service 6th: a failure; its gain is discounted
        (
            "inflection",
            ["a", "x", "x", "x", "x", "b"],
            False,
            False,
            (1 + 1 / math.log2(7)) / (1 + 1 / math.log2(3)),
        ),
        # a second date of the same service adds nothing and takes a place
        ("inflection", ["a", "a", "b"], False, True, (1 + 1 / math.log2(4)) / (1 + 1 / math.log2(3))),
        # a never service 10th: a failure
        ("inflection", ["a", "b", "x", "x", "x", "x", "x", "x", "x", "n"], False, False, 1.0),
        # ... but 11th is not judged
        ("inflection", ["a", "b", "x", "x", "x", "x", "x", "x", "x", "x", "n"], False, True, 1.0),
        # nothing to find: nothing found, or results that say they were relaxed
        ("nothing", [], False, True, None),
        ("nothing", ["x"], False, False, None),
        ("nothing", ["x"], True, True, None),
        ("nothing", ["n"], True, False, None),
    ],
)
def test_the_relevance_benchmark_judges_by_service(kind, ranked, announced, success, ndcg):
    from benchmarks.relevance import judge
    from benchmarks.relevance_queries import Judged

    must = ("a", "b") if kind != "nothing" else ()
    verdict = judge(Judged(kind, "q", must=must, never=("n",)), ranked, announced)
    assert verdict["success"] is success
    assert verdict["ndcg"] == (None if ndcg is None else pytest.approx(ndcg))


def test_the_relevance_benchmark_runs_on_sqlite():
    from benchmarks.relevance_catalogue import SERVICES
    from benchmarks.relevance_queries import CLASSES, QUERIES

    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(ROOT / "benchmarks" / "relevance.py"), "--engine", "sqlite", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    document = json.loads(done.stdout.strip().splitlines()[-1])
    assert document["engine"] == "sqlite"
    assert document["cards"] == sum(service.dates for service in SERVICES)
    written = set(document["service_keys"])
    judged = {key for query in QUERIES for key in (*query.must, *query.ok, *query.never)}
    assert judged <= written
    assert set(document["classes"]) == set(CLASSES)
    assert all(figures["queries"] > 0 for figures in document["classes"].values())
    assert document["queries"] == len(QUERIES) >= 80
    assert 0 <= document["success_at_5"] <= 1
    assert 0 <= document["ndcg_at_10"] <= 1
    assert [result["q"] for result in document["results"]] == [query.text for query in QUERIES]
    for result in document["results"]:
        assert set(result["top5"]) <= written  # every result is a card of a known service
    assert "success@5" in done.stderr  # the table, for people
