"""Benchmark of what a search that finds nothing costs (kierunek.catalogue.search.fallback, issue 14):

    .venv/bin/python -m benchmarks.fallback [--cards N] [--repeat R] [--engine sqlite|postgres] [--json]

It builds the same generated catalogue as benchmarks/search.py (its own temporary database), then:

- **vocabulary**: how long reading the catalogue's vocabulary takes (the first search of a
  process, or of a changed catalogue, that needs it) and how many words it holds;
- **fallback**: for each kind of search that finds nothing (a typo, a word that finds nothing
  next to one that does, filters that exclude everything, nothing at all) the time of the
  relaxed search against the same search not relaxed (``relax=False``), p50 / p95 over R runs;
- **query mix**: the query mix of benchmarks/search.py run relaxed and not, to show that the
  searches that find enough cost the same (how many of the mix the fallback touches is printed).

With ``--json`` the last line is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.search import BATCH, SEED, build_world, configure, generate_cards, percentile, query_mix  # noqa: E402

# Searches that find nothing on the generated catalogue, by the path the fallback takes.
FALLBACK_QUERIES: dict[str, dict[str, Any]] = {
    "typo": {"q": "exel"},
    "typo_two_words": {"q": "jezyk agielski"},
    "missing_word": {"q": "spawanie astrofizyka"},
    "words_apart": {"q": "spawanie excel"},
    "filters_exclude": {"q": "excel", "category": "technical_welding", "price_max": 100},
    "no_text_filters_exclude": {"category": "technical_welding", "price_max": 100, "quality_mark": True},
    "nothing": {"q": "qwertyuiop"},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--queries", type=int, default=400, help="of the mix of benchmarks/search.py")
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    where, cleanup = configure(args.engine)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    try:
        run(args, where)
    finally:
        cleanup()


def run(args: argparse.Namespace, where: str) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    from kierunek.catalogue.models import ServiceCard
    from kierunek.catalogue.search import SearchParams, cards_index_bulk, search_cards
    from kierunek.catalogue.search.cards import search_version
    from kierunek.catalogue.search.reference import reference_data
    from kierunek.catalogue.search.vocabulary import vocabulary, vocabulary_forget

    def say(text: str) -> None:
        print(text, file=sys.stderr if args.json else sys.stdout, flush=True)

    settings.DEBUG = False
    say(f"engine {connection.vendor}, database {where}")
    call_command("migrate", verbosity=0)
    rng = random.Random(SEED)
    with transaction.atomic():
        world = build_world(rng, providers=max(20, args.cards // 200))
        generate_cards(rng, world, args.cards)
        cards = ServiceCard.objects.select_related("category__parent", "provider", "gmina").order_by("pk")
        cards_index_bulk(cards.iterator(chunk_size=BATCH))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    search_cards(SearchParams())  # the first search of the process

    figures: dict[str, Any] = {"engine": connection.vendor, "cards": args.cards}
    builds = []
    for _ in range(5):
        vocabulary_forget()
        started = time.perf_counter()
        words = vocabulary(reference_data()[0], search_version())
        builds.append((time.perf_counter() - started) * 1000)
    figures["vocabulary_ms"] = round(statistics.median(builds), 1)
    figures["vocabulary_words"] = len(words.words)
    say(f"vocabulary: {len(words.words)} words, read in {figures['vocabulary_ms']:.1f} ms (median of 5)")

    def timed(params: dict[str, Any], *, relax: bool) -> tuple[list[float], Any]:
        times, result = [], None
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = search_cards(SearchParams(**params), relax=relax)
            times.append((time.perf_counter() - started) * 1000)
        return times, result

    figures["fallback"] = {}
    for name, params in FALLBACK_QUERIES.items():
        plain, _ = timed(params, relax=False)
        relaxed, result = timed(params, relax=True)
        row = {
            "plain_p50_ms": round(statistics.median(plain), 2),
            "relaxed_p50_ms": round(statistics.median(relaxed), 2),
            "relaxed_p95_ms": round(percentile(relaxed, 0.95), 2),
            "count": result.count,
            "relaxed_q": result.relaxed_q,
            "missing": list(result.missing_words),
            "loosen": [(item.name, item.count) for item in result.loosen],
        }
        figures["fallback"][name] = row
        say(
            f"{name:24} plain p50 {row['plain_p50_ms']:7.2f} ms, relaxed p50 {row['relaxed_p50_ms']:7.2f} "
            f"p95 {row['relaxed_p95_ms']:7.2f} ms -> {result.count} for {result.relaxed_q!r}, "
            f"missing {row['missing']}, loosen {row['loosen']}"
        )

    mix = query_mix(random.Random(SEED + 1), world, args.queries)
    touched = 0
    totals = {True: 0.0, False: 0.0}
    found_enough = {True: 0.0, False: 0.0}
    for _kind, params in mix[:40]:
        search_cards(SearchParams(**params))
    for _kind, params in mix:
        elapsed = {}
        for relax in (False, True):
            started = time.perf_counter()
            result = search_cards(SearchParams(**params), relax=relax)
            elapsed[relax] = (time.perf_counter() - started) * 1000
            totals[relax] += elapsed[relax]
        if result.count < 4:
            touched += 1
        else:
            for relax in (False, True):
                found_enough[relax] += elapsed[relax]
    figures["mix"] = {
        "queries": len(mix),
        "touched_by_fallback": touched,
        "total_plain_ms": round(totals[False], 1),
        "total_relaxed_ms": round(totals[True], 1),
        "found_enough_plain_ms": round(found_enough[False], 1),
        "found_enough_relaxed_ms": round(found_enough[True], 1),
    }
    say(
        f"query mix: {len(mix)} searches, {touched} found fewer than 4 (the fallback ran); total "
        f"{totals[False]:.0f} ms plain, {totals[True]:.0f} ms relaxed; those that found enough "
        f"{found_enough[False]:.0f} ms plain, {found_enough[True]:.0f} ms relaxed"
    )
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
