"""Relevance benchmark of the catalogue search (issue 14): judged queries over a fixed catalogue.

    .venv/bin/python benchmarks/relevance.py [--engine sqlite|postgres|both] [--json]

It builds its own database and never touches var/kierunek.sqlite3: a temporary SQLite file, or
(``--engine postgres``) a fresh database on the server of DATABASE_URL (by default
postgres://postgres@127.0.0.1:5432, as benchmarks/search.py), dropped at the end. Migrations are
applied, the fixed catalogue of benchmarks/relevance_catalogue.py is written (about 140 services of
27 providers, one card per date: about 250 cards) and indexed, and every judged query of
benchmarks/relevance_queries.py is searched through ``search_cards`` (the call the page and the API
make), first page, sorted by relevance.

Judged by service, not by card: a result counts for a service when its card is one of that
service's (same provider and title, any date), so the figures stay comparable whether the search
lists every date of a service or groups them into one result.

- **success@5** of a query: every ``must`` service is among the first 5 results and no ``never``
  service among the first 10. For the class ``nothing`` (the catalogue has no such service):
  no result at all, or results that the search announces as relaxed or corrected (a non-empty
  ``SearchResult.notes``) with no ``never`` service among the first 10.
- **nDCG@10** of a query with ``must`` or ``ok`` services: a result's gain is 1 for a ``must``
  service, 0.5 for an ``ok`` one, 0 otherwise and 0 for a service already shown higher (a second
  date of the same service tells nothing new); discounted by log2(position + 1); divided by the
  ideal: every ``must`` service first, then every ``ok`` one, cut at 10. The ``nothing`` queries
  have no nDCG.

It prints success@5 and nDCG@10 per class and overall, ``once@5`` (success@5 of the same page
with each service kept once, at its first result: an estimate of what grouping the dates gives
the ranking as it is; not a target), whether the targets of issue 14 are met
(overall success@5 ≥ 0.95, no class below 0.9) and every failing query with its first 5 results.
``--engine both`` runs both engines (each in a process of its own) and also says whether they
succeed on the same queries with the same first 5 services. With ``--json`` the last line is one
JSON object: ``{"engine", "services", "cards", "queries", "success_at_5", "ndcg_at_10",
"success_at_5_once", "classes": {class: {"queries", "success_at_5", ...}}, "targets": {..., "met"},
"results": [{"kind", "q", "success", "ndcg", "missing", "wrong", "top5", "notes", ...}]}``; with
``--engine both``: ``{"engines": {"sqlite": ..., "postgres": ...}, "identical_success",
"identical_top5", "success_differs", "top5_differs"}``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.relevance_catalogue import SERVICES, build_catalogue, services_by_key  # noqa: E402
from benchmarks.relevance_queries import CLASSES, QUERIES, Judged  # noqa: E402

TARGET_OVERALL = 0.95
TARGET_CLASS = 0.9
GAIN_MUST = 1.0
GAIN_OK = 0.5
TOP_SUCCESS = 5
TOP_JUDGED = 10
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def judgments_check() -> list[str]:
    """What is wrong with the judgments: unknown classes or services, a service judged both
    wanted and unwanted, more ``must`` services than fit in the first 5. Empty when sound."""
    known = services_by_key()
    problems = []
    for query in QUERIES:
        if query.kind not in CLASSES:
            problems.append(f"{query.text!r}: unknown class {query.kind!r}")
        for key in (*query.must, *query.ok, *query.never):
            if key not in known:
                problems.append(f"{query.text!r}: unknown service {key!r}")
        if set(query.never) & (set(query.must) | set(query.ok)):
            problems.append(f"{query.text!r}: a service both wanted and unwanted")
        if len(query.must) > TOP_SUCCESS:
            problems.append(
                f"{query.text!r}: more than {TOP_SUCCESS} services must be in the top {TOP_SUCCESS}"
            )
        if query.kind == "nothing" and (query.must or query.ok):
            problems.append(f"{query.text!r}: a query that should find nothing wants services")
    return problems


def ndcg(query: Judged, ranked: list[str]) -> float | None:
    """nDCG@10 of ``ranked`` (the service of each result, in order); None without wanted services."""
    gains = dict.fromkeys(query.ok, GAIN_OK) | dict.fromkeys(query.must, GAIN_MUST)
    if not gains:
        return None
    seen: set[str] = set()
    dcg = 0.0
    for position, key in enumerate(ranked[:TOP_JUDGED], 1):
        if key not in seen:
            dcg += gains.get(key, 0.0) / math.log2(position + 1)
            seen.add(key)
    ideal = sorted(gains.values(), reverse=True)[:TOP_JUDGED]
    return dcg / sum(gain / math.log2(position + 1) for position, gain in enumerate(ideal, 1))


def judge(query: Judged, ranked: list[str], announced: bool) -> dict[str, Any]:
    """The verdict on one query: success, nDCG@10, the ``must`` services missing from the first 5
    and the ``never`` services among the first 10."""
    top_success, top_judged = set(ranked[:TOP_SUCCESS]), set(ranked[:TOP_JUDGED])
    missing = [key for key in query.must if key not in top_success]
    wrong = [key for key in query.never if key in top_judged]
    # A query for what the catalogue lacks: nothing found, or results that say what was relaxed.
    nothing_ok = not ranked or (announced and not wrong)
    success = nothing_ok if query.kind == "nothing" else not missing and not wrong
    return {"success": success, "ndcg": ndcg(query, ranked), "missing": missing, "wrong": wrong}


def mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    classes = {}
    for kind in CLASSES:
        mine = [result for result in results if result["kind"] == kind]
        classes[kind] = {
            "queries": len(mine),
            "success_at_5": mean([float(result["success"]) for result in mine]),
            "success_at_5_once": mean([float(result["success_once"]) for result in mine]),
            "ndcg_at_10": mean([result["ndcg"] for result in mine if result["ndcg"] is not None]),
        }
    overall = mean([float(result["success"]) for result in results]) or 0.0
    lowest = min((figures["success_at_5"] or 0.0) for figures in classes.values())
    return {
        "queries": len(results),
        "success_at_5": overall,
        "success_at_5_once": mean([float(result["success_once"]) for result in results]),
        "ndcg_at_10": mean([result["ndcg"] for result in results if result["ndcg"] is not None]),
        "classes": classes,
        "targets": {
            "overall_success_at_5": TARGET_OVERALL,
            "class_success_at_5": TARGET_CLASS,
            "met": overall >= TARGET_OVERALL and lowest >= TARGET_CLASS,
        },
    }


# --- one engine -------------------------------------------------------------------------------


def configure(engine: str) -> tuple[str, Callable[[], None]]:
    """A database of its own for the run (benchmarks/search.py's), on PostgreSQL by default the
    local server."""
    from benchmarks.search import configure as search_configure

    if engine == "postgres" and not os.environ.get("DATABASE_URL", "").startswith(
        ("postgres:", "postgresql:")
    ):
        os.environ["DATABASE_URL"] = DEFAULT_POSTGRES
    return search_configure(engine)


def run(say: Callable[[str], None], where: str) -> dict[str, Any]:
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    from kierunek.catalogue.models import ServiceCard
    from kierunek.catalogue.search import cards_index_bulk, search_cards, search_params_parse

    settings.DEBUG = False
    engine = "postgres" if connection.vendor == "postgresql" else connection.vendor
    say(f"engine {engine}, database {where}")
    call_command("migrate", verbosity=0)
    with transaction.atomic():
        keys = build_catalogue(today=date.today())
        cards = ServiceCard.objects.select_related("category__parent", "provider", "gmina").order_by("pk")
        indexed = cards_index_bulk(cards.iterator(chunk_size=1000))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    say(f"{len(SERVICES)} services, {indexed} cards indexed; {len(QUERIES)} judged queries")

    results = []
    for query in QUERIES:
        found = search_cards(search_params_parse({"q": query.text}))  # as the page and the API
        ranked = [keys.get((hit.card.provider_id, hit.card.title), "?") for hit in found.items]
        verdict = judge(query, ranked, announced=found.relaxed or bool(found.notes))
        # The same page with each service once (its first result): what the ranking gives once
        # dates are grouped, before grouping exists. An estimate: a grouped page holds more services.
        once = judge(query, list(dict.fromkeys(ranked)), announced=found.relaxed or bool(found.notes))
        results.append(
            {
                "kind": query.kind,
                "q": query.text,
                **verdict,
                "success_once": once["success"],
                "ndcg": None if verdict["ndcg"] is None else round(verdict["ndcg"], 3),
                "count": found.count,
                "top5": ranked[:TOP_SUCCESS],
                "notes": [str(note) for note in found.notes],
            }
        )
    return {
        "engine": engine,
        "services": len(SERVICES),
        "cards": indexed,
        "service_keys": sorted(set(keys.values())),  # the services written to the database
        **summarise(results),
        "results": results,
    }


def report(document: dict[str, Any], say: Callable[[str], None]) -> None:
    """The figures of one engine's run, and its failing queries with their first 5 results."""
    known = services_by_key()
    say(f"\n{'class':<15}{'queries':>8}{'success@5':>11}{'nDCG@10':>9}{'once@5':>9}")
    for kind, figures in document["classes"].items():
        ndcg_text = "-" if figures["ndcg_at_10"] is None else f"{figures['ndcg_at_10']:.3f}"
        say(
            f"{kind:<15}{figures['queries']:>8}{figures['success_at_5']:>11.3f}{ndcg_text:>9}"
            f"{figures['success_at_5_once']:>9.3f}"
        )
    say(
        f"{'overall':<15}{document['queries']:>8}{document['success_at_5']:>11.3f}"
        f"{document['ndcg_at_10']:>9.3f}{document['success_at_5_once']:>9.3f}"
    )
    say("(once@5: success@5 of the same page with each service once, an estimate of grouping's effect)")
    met = document["targets"]["met"]
    say(
        f"targets (overall success@5 ≥ {TARGET_OVERALL}, every class ≥ {TARGET_CLASS}): "
        f"{'met' if met else 'NOT met'}"
    )
    failing = [result for result in document["results"] if not result["success"]]
    if failing:
        say(f"\nfailing queries ({len(failing)}): first 5 results, + must, ~ ok, ! never, . other")
    by_text = {query.text: query for query in QUERIES}
    for result in failing:
        query = by_text[result["q"]]
        reasons = []
        if result["missing"]:
            reasons.append("missing " + ", ".join(result["missing"]))
        if result["wrong"]:
            reasons.append("unwanted " + ", ".join(result["wrong"]))
        if query.kind == "nothing" and result["top5"] and not result["notes"]:
            reasons.append(f"{result['count']} results, not announced as relaxed")
        say(f"- [{result['kind']}] {result['q']!r} ({result['count']} found): {'; '.join(reasons)}")
        for position, key in enumerate(result["top5"], 1):
            mark = (
                "+" if key in query.must else "~" if key in query.ok else "!" if key in query.never else "."
            )
            title = known[key].title if key in known else "?"
            say(f"    {position}. {mark} {key}: {title}")
        for note in result["notes"]:
            say(f"    note: {note}")


# --- both engines -----------------------------------------------------------------------------


def compare(documents: dict[str, dict[str, Any]], say: Callable[[str], None]) -> dict[str, Any]:
    """Whether the engines succeed on the same queries with the same first 5 services."""
    first, second = (documents[name]["results"] for name in ("sqlite", "postgres"))
    success_differs = [a["q"] for a, b in zip(first, second, strict=True) if a["success"] != b["success"]]
    top_differs = [a["q"] for a, b in zip(first, second, strict=True) if a["top5"] != b["top5"]]
    say(
        f"\nsqlite and postgres: success differs on {len(success_differs)} queries, "
        f"the first 5 services on {len(top_differs)}"
    )
    by_text = {name: {result["q"]: result for result in documents[name]["results"]} for name in documents}
    for text in dict.fromkeys(success_differs + top_differs):
        what = "success differs" if text in success_differs else "first 5 differ"
        say(f"- {what}: {text!r}")
        for name in ("sqlite", "postgres"):
            result = by_text[name][text]
            verdict = "success" if result["success"] else "failure"
            say(f"    {name:<9}{verdict}: {' '.join(result['top5']) or '(nothing)'}")
    return {
        "identical_success": not success_differs,
        "identical_top5": not top_differs,
        "success_differs": success_differs,
        "top5_differs": top_differs,
    }


def run_both(args: argparse.Namespace, say: Callable[[str], None]) -> None:
    documents = {}
    for engine in ("sqlite", "postgres"):
        done = subprocess.run(  # noqa: S603 - this interpreter and this script
            [sys.executable, str(Path(__file__).resolve()), "--engine", engine, "--json"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"the {engine} run failed:\n{done.stderr[-3000:]}")
        documents[engine] = json.loads(done.stdout.strip().splitlines()[-1])
        say(f"\n=== {engine}")
        report(documents[engine], say)
    comparison = compare(documents, say)
    if args.json:
        print(json.dumps({"engines": documents, **comparison}, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    args = parser.parse_args()

    def say(text: str) -> None:
        print(text, file=sys.stderr if args.json else sys.stdout, flush=True)

    problems = judgments_check()
    if problems:
        raise SystemExit("the judgments are unsound:\n" + "\n".join(problems))
    if args.engine == "both":
        run_both(args, say)
        return
    where, cleanup = configure(args.engine)
    try:
        document = run(say, where)
    finally:
        cleanup()
    report(document, say)
    if args.json:
        print(json.dumps(document, ensure_ascii=False))


if __name__ == "__main__":
    main()
