"""Benchmark of the suggestions as one types (issue 14): build N cards, time the suggestions.

    .venv/bin/python -m benchmarks.suggest [--cards N] [--queries Q] [--engine sqlite|postgres]
                                           [--distinct-titles] [--json]

It builds its own database as benchmarks/search.py does (the same generator: every gmina and leaf
category, titles from a few hundred patterns), and gives a third of the cards a market
qualification. ``--distinct-titles`` numbers every title ("… (edycja 4711)"): the worst case,
one suggestion entry per card. Then:

- **build**: reading the catalogue into the structure the suggestions are answered from
  (kierunek.catalogue.search.suggest.suggestion_index), as after a change of the catalogue;
  the median and the worst of three builds, in milliseconds;
- **suggest**: Q typed texts (prefixes of two to eight letters of the titles' and categories'
  words, one or two words, half without diacritics) through ``suggest`` (the function the
  endpoint calls, with the version check of the catalogue), p50 / p95 / p99 in milliseconds;
- **after a booking**: a suggestion right after one card's places changed (the catalogue's
  version moves; the suggestions are not rebuilt), twenty times;
- **endpoint**: the same texts through GET /uslugi/podpowiedzi/ (Django's test client: the
  middleware, the view and the template, no network), p50 / p95 / p99.

With ``--json`` the last line is one JSON object of these figures.
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

from benchmarks.search import SEED, build_world, configure, generate_cards, percentile  # noqa: E402

QUALIFICATIONS = [
    "Prowadzenie księgowości w małej firmie",
    "Obsługa kadrowo-płacowa",
    "Spawanie blach i rur metodą TIG",
    "Obsługa wózków jezdniowych z napędem silnikowym",
    "Opieka nad osobą starszą w domu",
    "Stylizacja paznokci",
    "Przygotowywanie i podawanie kawy",
    "Programowanie aplikacji internetowych",
]


def typed_texts(rng: random.Random, sources: list[str], count: int) -> list[str]:
    """What people type: the start of a word (two to eight letters), sometimes two words, half
    of them without diacritics."""
    from kierunek.catalogue.search.text import fold

    texts = []
    for _ in range(count):
        words = [word for word in rng.choice(sources).split() if len(word) >= 2 and word.isalpha()]
        if not words:
            continue
        start = rng.randrange(len(words))
        chosen = words[start : start + rng.choice([1, 1, 1, 2])]
        chosen[-1] = chosen[-1][: rng.randint(2, 8)]
        text = " ".join(chosen).lower()
        texts.append(fold(text) if rng.random() < 0.5 else text)
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--distinct-titles", action="store_true", help="every card its own title")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
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
    from django.db.models import F
    from django.db.models.functions import Mod
    from django.test import Client

    from kierunek.catalogue.models import Category, ServiceCard
    from kierunek.catalogue.search import suggest
    from kierunek.catalogue.search.suggest import suggestion_index, suggestion_index_forget

    def say(text: str) -> None:
        print(text, file=sys.stderr if args.json else sys.stdout, flush=True)

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    say(f"engine {connection.vendor}, database {where}, load average {os.getloadavg()[0]:.2f}")
    call_command("migrate", verbosity=0)
    rng = random.Random(SEED)
    started = time.perf_counter()
    with transaction.atomic():
        world = build_world(rng, providers=max(20, args.cards // 200))
        generate_cards(rng, world, args.cards)
        ids = list(ServiceCard.objects.values_list("pk", flat=True))
        for number, name in enumerate(QUALIFICATIONS):
            ServiceCard.objects.filter(pk__in=ids[number :: len(QUALIFICATIONS) * 3]).update(
                market_qualification=name
            )
        if args.distinct_titles:
            with connection.cursor() as cursor:
                cursor.execute("UPDATE catalogue_servicecard SET title = title || ' (edycja ' || id || ')'")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    say(f"generated {args.cards} cards in {time.perf_counter() - started:.1f} s")

    builds = []
    for _ in range(3):
        suggestion_index_forget()
        started = time.perf_counter()
        index = suggestion_index()
        builds.append((time.perf_counter() - started) * 1000)
    say(f"entries: {len(index)}; build {statistics.median(builds):.1f} ms (worst {max(builds):.1f} ms)")

    sources = list(ServiceCard.objects.values_list("title", flat=True).distinct()[:5000])
    sources += list(Category.objects.values_list("name", flat=True)) + QUALIFICATIONS
    texts = typed_texts(random.Random(SEED + 2), sources, args.queries)
    for text in texts[:50]:
        suggest(text, language="pl")
    timings, found = [], 0
    for text in texts:
        started = time.perf_counter()
        found += bool(suggest(text, language="pl"))
        timings.append((time.perf_counter() - started) * 1000)
    figures: dict[str, Any] = {
        "engine": connection.vendor,
        "cards": args.cards,
        "distinct_titles": args.distinct_titles,
        "entries": len(index),
        "build_ms": round(statistics.median(builds), 1),
        "build_worst_ms": round(max(builds), 1),
        "queries": len(texts),
        "with_suggestions": found,
    }
    for name, values in (("suggest", timings),):
        for share in (0.5, 0.95, 0.99):
            figures[f"{name}_p{round(share * 100)}_ms"] = round(percentile(values, share), 3)
    say(
        f"suggest: {found}/{len(texts)} texts with suggestions; p50 {figures['suggest_p50_ms']} ms, "
        f"p95 {figures['suggest_p95_ms']} ms, p99 {figures['suggest_p99_ms']} ms"
    )

    # A booking changes a card's places: the version moves, the fingerprint does not.
    after_change = []
    for card_id in random.Random(SEED + 3).sample(ids, 20):
        ServiceCard.objects.filter(pk=card_id).update(
            seats_taken=Mod(F("seats_taken") + 1, F("max_participants") + 1)
        )
        started = time.perf_counter()
        suggest("ksieg", language="pl")
        after_change.append((time.perf_counter() - started) * 1000)
    figures["after_booking_p50_ms"] = round(statistics.median(after_change), 3)
    figures["after_booking_max_ms"] = round(max(after_change), 3)
    figures["rebuilt_after_booking"] = suggestion_index() is not index
    say(
        f"after a booking: p50 {figures['after_booking_p50_ms']} ms, "
        f"worst {figures['after_booking_max_ms']} ms, rebuilt: {figures['rebuilt_after_booking']}"
    )

    client = Client()
    endpoint = []
    for text in texts[: max(200, len(texts) // 4)]:
        started = time.perf_counter()
        response = client.get("/uslugi/podpowiedzi/", {"q": text})
        endpoint.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    for share in (0.5, 0.95, 0.99):
        figures[f"endpoint_p{round(share * 100)}_ms"] = round(percentile(endpoint, share), 3)
    say(
        f"endpoint: p50 {figures['endpoint_p50_ms']} ms, p95 {figures['endpoint_p95_ms']} ms, "
        f"p99 {figures['endpoint_p99_ms']} ms"
    )
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
