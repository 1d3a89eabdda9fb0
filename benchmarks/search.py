"""Benchmark of the catalogue search (issue 4): index N cards, run a fixed mix of queries.

    .venv/bin/python -m benchmarks.search [--cards N] [--queries Q] [--json] [--engine sqlite|postgres]
                                          [--search columns|statement|both] [--keep] [--database NAME]
                                          [--kept-counts] [--page-read] [--boost-ways]

(As a module: run as a file, the folder comes first on the path and benchmarks/http.py hides the
standard library's ``http``.)

It builds its own database and never touches var/kierunek.sqlite3: a temporary SQLite file, or
(``--engine postgres``) a fresh database created on the server of DATABASE_URL, removed at the
end (``--keep``: left in place, to profile its statements; ``--database NAME``, on SQLite the
file's path: such a database measured again, its pending migrations applied, its cards not
generated again). Migrations are
applied, N realistic Polish service cards are generated across every gmina and every leaf
category (published, with providers of whom some hold the quality mark), then:

- **indexing**: every card is analysed and its SearchDocument written (the engine's index
  follows by itself: FTS5 triggers / PostgreSQL generated column); cards per second.
- **queries**: a fixed, seeded mix of 1 000 searches through ``search_cards`` (the function the
  page and the API call), in four kinds: ``text`` (relevance), ``text_distance`` (a gmina, a
  radius, sorted by distance), ``filters`` (category, form, price, dates, quality mark; no text)
  and ``facets`` (no text and at most one broad filter: the facets count most of the catalogue).
  p50 / p95 / p99 per kind, in milliseconds.
- **ratio to bare**: for every query with a text, the same text as a bare engine query (the
  first page of ids by the engine's rank, one SQL statement, no filters, counts or facets);
  ``ratio_to_bare`` = total time of the full search calls / total time of the bare queries, in
  the same run, on the same data, each text's calls run in a random (seeded) order after the
  timed mix. ``ratio_to_bare_ranked``: the same against a bare query that
  matches and ranks as the search does (the published cards, the typed words boosted among their
  families, issue 14), which on PostgreSQL ranks a match twice where a word has a family. Also
  ``ratio_to_own_statements``: the full calls against the SQL statements each of them sends, run
  again straight on the driver (what Python adds).
- **first search** of the process (on SQLite it loads the search columns, see
  kierunek.catalogue.search.columns) and searches **right after a card changed** (which bring them up
  to date).

``--search`` chooses how SQLite runs the searches (decision 0004): ``columns`` (the default, the
search columns kept in the process), ``statement`` (one SQL statement, as on PostgreSQL:
``search_cards(columnar=False)``) or ``both`` (the same database and query mix, measured one
way after the other). PostgreSQL has only the statement.

With ``--json`` the last line (one per way with ``--search both``) is one JSON object:
``{"engine", "search", "cards", "index_per_s", "p50_ms", "p95_ms", "p99_ms", "ratio_to_bare", ...}``.

``--page-read``: then every search of the mix again by the statement engine, with the page's cards
read in the search's own statement and in a second one, one after the other in random order, the
bare query after each with a text, their results compared (decision 0007).

``--boost-ways`` (SQLite): then every search of the mix with a text again, with the typed words'
boost ranked as the search chooses and always by one match of copies, one after the other in
random order, their results compared (decision 0007).

``--kept-counts`` (PostgreSQL): then every search of the mix without a text again, with the counts
the database keeps (and the quality mark's holders' cards read by provider) and counting every
card, one after the other in random order, their results compared (decision 0007).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 20240608  # Learning Day
BATCH = 2000

# --- realistic content ------------------------------------------------------------------------

LEVELS = ["A1", "A2", "B1", "B2", "C1"]
AUDIENCES = [
    "początkujących",
    "średniozaawansowanych",
    "zaawansowanych",
    "seniorów",
    "osób pracujących",
    "osób powracających na rynek pracy",
    "kadry kierowniczej",
    "pracowników administracji",
]
TITLES: dict[str, list[str]] = {
    "languages_english": [
        "Język angielski - poziom {level}",
        "Kurs języka angielskiego dla {audience}",
        "Angielski w biznesie - poziom {level}",
        "Konwersacje w języku angielskim",
        "Język angielski w pracy biurowej",
    ],
    "languages_german": [
        "Język niemiecki - poziom {level}",
        "Kurs języka niemieckiego dla {audience}",
        "Niemiecki zawodowy dla opiekunów",
    ],
    "languages_other": [
        "Język hiszpański - poziom {level}",
        "Język włoski dla {audience}",
        "Język francuski - poziom {level}",
        "Język ukraiński w pracy",
    ],
    "languages_polish": ["Język polski dla cudzoziemców - poziom {level}", "Polski w pracy dla cudzoziemców"],
    "it_programming": [
        "Kurs programowania w Pythonie",
        "Programowanie w języku Java dla {audience}",
        "Tworzenie stron internetowych - HTML, CSS i JavaScript",
        "Programowanie w C++ od podstaw",
        "Tester oprogramowania - ISTQB",
    ],
    "it_office": [
        "Excel w pracy biurowej - poziom {level}",
        "Obsługa pakietu MS Office dla {audience}",
        "Arkusze kalkulacyjne i tabele przestawne",
    ],
    "it_graphics": [
        "Grafika komputerowa - Photoshop i Illustrator",
        "Projektowanie graficzne w programie Canva",
    ],
    "it_data": ["Analiza danych w Power BI", "Bazy danych i język SQL", "Analiza danych w Pythonie"],
    "it_security": ["Cyberbezpieczeństwo w firmie", "Bezpieczeństwo sieci komputerowych"],
    "driving_a": ["Kurs prawa jazdy kategorii A", "Prawo jazdy kat. A dla {audience}"],
    "driving_b": ["Kurs prawa jazdy kategorii B", "Prawo jazdy kat. B - kurs przyspieszony"],
    "driving_c": ["Kurs prawa jazdy kategorii C", "Prawo jazdy kat. C z kwalifikacją wstępną"],
    "driving_ce": ["Kurs prawa jazdy kategorii C+E", "Prawo jazdy kat. C+E dla kierowców zawodowych"],
    "driving_d": ["Kurs prawa jazdy kategorii D", "Prawo jazdy kat. D - kierowca autobusu"],
    "management_projects": ["Zarządzanie projektami - PRINCE2", "Zarządzanie projektami metodą Scrum"],
    "management_hr": ["Kadry i płace w praktyce", "Rekrutacja i selekcja pracowników"],
    "management_leadership": [
        "Przywództwo i zarządzanie zespołem",
        "Skuteczny lider - warsztaty dla kierowników",
    ],
    "finance_accounting": [
        "Księgowość dla początkujących",
        "Samodzielny księgowy - kurs zawodowy",
        "Rachunkowość małych firm",
    ],
    "finance_payroll": ["Płace i ubezpieczenia społeczne", "Naliczanie wynagrodzeń w programie Płatnik"],
    "finance_tax": ["Podatek VAT w praktyce", "Podatki dochodowe w małej firmie"],
    "technical_welding": ["Spawanie metodą MAG", "Spawanie metodą TIG - kurs podstawowy"],
    "technical_electrical": ["Uprawnienia elektryczne SEP do 1 kV", "Elektryk - instalacje fotowoltaiczne"],
    "technical_forklift": ["Operator wózków widłowych", "Wózki jezdniowe z wymianą butli gazowej"],
    "technical_machines": ["Operator koparko-ładowarki", "Obsługa obrabiarek CNC"],
    "technical_construction": ["Technologia robót wykończeniowych", "Montaż suchej zabudowy"],
    "care_elderly": ["Opiekun osób starszych", "Opieka nad osobą zależną w domu"],
    "care_first_aid": ["Pierwsza pomoc przedmedyczna", "Kwalifikowana pierwsza pomoc"],
    "care_beauty": ["Stylizacja paznokci", "Kosmetyka i pielęgnacja twarzy"],
    "soft_communication": ["Komunikacja interpersonalna w zespole", "Wystąpienia publiczne bez stresu"],
    "soft_negotiation": ["Negocjacje w biznesie", "Techniki sprzedaży i negocjacji"],
    "soft_self_management": ["Zarządzanie czasem i stresem", "Planowanie kariery i rozwój osobisty"],
    "general_secondary": ["Przygotowanie do matury z matematyki", "Matura z języka polskiego"],
    "general_digital_basics": [
        "Podstawy obsługi komputera i internetu dla {audience}",
        "Bankowość elektroniczna",
    ],
    "exams_language": ["Egzamin TOEIC", "Egzamin Goethe-Zertifikat B1"],
    "exams_it": ["Egzamin ECDL Base", "Certyfikat ISTQB Foundation"],
    "exams_professional": ["Egzamin na uprawnienia SEP", "Egzamin UDT - operator wózków"],
    "other": ["Florystyka i bukieciarstwo", "Barista - sztuka parzenia kawy"],
}
SKILLS = [
    "samodzielnie planować pracę",
    "stosować przepisy w praktyce",
    "korzystać z nowoczesnych narzędzi",
    "rozwiązywać typowe problemy",
    "współpracować w zespole",
    "przygotować dokumentację",
    "posługiwać się słownictwem branżowym",
    "przygotować się do egzaminu zewnętrznego",
]
MODULES = [
    "wprowadzenie i cele",
    "podstawy teoretyczne",
    "ćwiczenia praktyczne",
    "studium przypadku",
    "praca w grupach",
    "test wiedzy",
    "omówienie wyników",
    "zajęcia praktyczne w pracowni",
    "przepisy prawa i bezpieczeństwo pracy",
]
GROUPS = [
    "Osoby dorosłe mieszkające, pracujące lub uczące się w Małopolsce",
    "Pracownicy małych i średnich przedsiębiorstw",
    "Osoby bezrobotne i poszukujące pracy",
    "Osoby po 50. roku życia",
    "Absolwenci szkół średnich",
]
FORM_WEIGHTS = {
    "in_person": 55,
    "remote_live": 20,
    "remote_self_paced": 5,
    "blended_live": 15,
    "blended_self_paced": 5,
}
TEXT_QUERIES = [
    "ksiegowosc",
    "księgowość dla początkujących",
    "szkolenia z programowania",
    "prawo jazdy kat. C",
    "prawo jazdy kategorii B",
    "język angielski",
    "angielski B2",
    "kurs niemieckiego",
    "excel",
    "python",
    "analiza danych",
    "spawanie",
    "spawacz MAG",
    "wózki widłowe",
    "opiekun osób starszych",
    "pierwsza pomoc",
    "zarządzanie projektami",
    "kadry i płace",
    "podatek VAT",
    "negocjacje",
    "stylizacja paznokci",
    "matura matematyka",
    "uprawnienia SEP",
    "cyberbezpieczenstwo",
    "grafika komputerowa",
    "komunikacja w zespole",
    "barista",
    "obsługa komputera dla seniorów",
    "programowanie java",
    "egzamin ISTQB",
]


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class World:
    user_id: int
    providers: list[int]
    gminas: list[Any]
    gmina_weights: list[float]
    leaf_categories: list[Any]
    top_codes: list[str]


def build_world(rng: random.Random, *, providers: int) -> World:
    from kierunek.accounts.models import Role, User
    from kierunek.catalogue.models import Category
    from kierunek.geo.models import Gmina
    from kierunek.providers.models import Provider, ProviderStatus
    from kierunek.quality.models import QualityMarkCase

    user = User.objects.create_user("benchmark@kierunek.example", role=Role.PROVIDER_STAFF)
    gminas = list(Gmina.objects.select_related("powiat").order_by("teryt"))
    # Cities offer more: Kraków most, then the other towns with powiat rights, then the rest.
    weights = [40.0 if g.teryt == "1261011" else 6.0 if g.powiat.is_city else 1.0 for g in gminas]
    made = Provider.objects.bulk_create(
        Provider(
            legal_name=f"Centrum Kształcenia {number} sp. z o.o.",
            short_name=f"CK {number}",
            nip=f"{5260000000 + number}",
            regon=f"{120000000 + number}",
            gmina=rng.choices(gminas, weights=weights)[0],
            street=f"ul. Szkolna {number % 90 + 1}",
            postal_code="31-000",
            city="Kraków",
            email=f"biuro{number}@ck.example",
            phone="+48 12 000 00 00",
            status=ProviderStatus.APPROVED,
            created_by=user,
        )
        for number in range(providers)
    )
    today = date.today()
    QualityMarkCase.objects.bulk_create(
        QualityMarkCase(
            provider=provider,
            state="granted",
            created_by=user,
            valid_from=today - timedelta(days=200),
            valid_until=today + timedelta(days=500),
            mark_number=f"MSUES/{provider.pk}",
        )
        for provider in made
        if rng.random() < 0.4
    )
    categories = list(Category.objects.all())
    parents = {c.parent_id for c in categories}
    leaves = [c for c in categories if c.pk not in parents]
    return World(
        user_id=user.pk,
        providers=[p.pk for p in made],
        gminas=gminas,
        gmina_weights=weights,
        leaf_categories=leaves,
        top_codes=[c.code for c in categories if c.parent_id is None],
    )


def world_read() -> World:
    """The world of a kept database, as build_world made it (the query mix needs its gminas,
    weights and categories, which do not depend on the generated cards)."""
    from kierunek.accounts.models import User
    from kierunek.catalogue.models import Category
    from kierunek.geo.models import Gmina
    from kierunek.providers.models import Provider

    gminas = list(Gmina.objects.select_related("powiat").order_by("teryt"))
    weights = [40.0 if g.teryt == "1261011" else 6.0 if g.powiat.is_city else 1.0 for g in gminas]
    categories = list(Category.objects.all())
    parents = {c.parent_id for c in categories}
    return World(
        user_id=User.objects.get(email="benchmark@kierunek.example").pk,
        providers=list(Provider.objects.order_by("pk").values_list("pk", flat=True)),
        gminas=gminas,
        gmina_weights=weights,
        leaf_categories=[c for c in categories if c.pk not in parents],
        top_codes=[c.code for c in categories if c.parent_id is None],
    )


def generate_cards(rng: random.Random, world: World, count: int) -> None:
    from kierunek.catalogue.models import CardStatus, ServiceCard, ServiceSession

    today = date.today()
    for start in range(0, count, BATCH):
        cards = []
        sessions_per_card = []
        for number in range(start, min(count, start + BATCH)):
            category = rng.choice(world.leaf_categories)
            title = rng.choice(TITLES.get(category.code, [category.name])).format(
                level=rng.choice(LEVELS), audience=rng.choice(AUDIENCES)
            )
            form = _weighted(rng, FORM_WEIGHTS)
            gmina = (
                None
                if form in ("remote_live", "remote_self_paced")
                else rng.choices(world.gminas, weights=world.gmina_weights)[0]
            )
            starts = today + timedelta(days=rng.randint(-20, 330))
            session_count = rng.randint(1, 4)
            ends = starts + timedelta(days=7 * (session_count - 1))
            hours = Decimal(rng.choice([8, 16, 24, 30, 40, 60, 80, 120]))
            net = rng.randrange(30_000, 900_000, 500)
            gross = net if rng.random() < 0.7 else int(net * 1.23)
            maximum = rng.choice([8, 10, 12, 15, 20, 25])
            skills = rng.sample(SKILLS, 3)
            modules = rng.sample(MODULES, 5)
            cards.append(
                ServiceCard(
                    provider_id=rng.choice(world.providers),
                    title=title,
                    category=category,
                    service_type="exam" if category.code.startswith("exams") else "training",
                    delivery_form=form,
                    goal=f"Celem usługi „{title}” jest zdobycie wiedzy i umiejętności z zakresu: "
                    f"{category.name.lower()}. Uczestnik nauczy się {skills[0]} oraz {skills[1]}.",
                    learning_outcomes="Po ukończeniu uczestnik potrafi: " + "; ".join(skills) + ".",
                    programme="\n".join(f"{i}. {m.capitalize()}" for i, m in enumerate(modules, 1)),
                    target_group=rng.choice(GROUPS),
                    participation_conditions="Ukończone 18 lat.",
                    technical_requirements="Komputer z dostępem do internetu, kamera i mikrofon."
                    if gmina is None
                    else "",
                    hours=hours,
                    gmina=gmina,
                    street=f"ul. Długa {number % 150 + 1}" if gmina else "",
                    price_net=net,
                    price_gross=gross,
                    min_participants=min(5, maximum),
                    max_participants=maximum,
                    seats_taken=rng.randint(0, maximum),
                    enrolment_deadline=starts - timedelta(days=rng.randint(0, 7)),
                    starts_on=starts,
                    ends_on=ends,
                    status=CardStatus.PUBLISHED,
                    rating_average=round(rng.uniform(2.5, 5.0), 2) if rng.random() < 0.6 else None,
                    rating_count=rng.randint(1, 40),
                    dedupe_key=f"bench-{number}",
                    created_by_id=world.user_id,
                )
            )
            sessions_per_card.append(
                [
                    (starts + timedelta(days=7 * i), gmina.name if gmina else "https://spotkanie.example/k")
                    for i in range(session_count)
                ]
            )
        made = ServiceCard.objects.bulk_create(cards)
        ServiceSession.objects.bulk_create(
            ServiceSession(card=card, date=day, start_time=clock(9), end_time=clock(15), place=place)
            for card, sessions in zip(made, sessions_per_card, strict=True)
            for day, place in sessions
        )


# --- queries ----------------------------------------------------------------------------------

KINDS = ("text", "text_distance", "filters", "facets")


def query_mix(rng: random.Random, world: World, total: int) -> list[tuple[str, dict[str, Any]]]:
    from kierunek.catalogue.models import DeliveryForm

    today = date.today()
    mix: list[tuple[str, dict[str, Any]]] = []
    for number in range(total):
        kind = KINDS[number % len(KINDS)]
        params: dict[str, Any] = {}
        if kind in ("text", "text_distance"):
            params["q"] = rng.choice(TEXT_QUERIES)
        if kind == "text":
            params["page"] = rng.choice([1, 1, 1, 2])
        elif kind == "text_distance":
            params.update(
                gmina=rng.choices(world.gminas, weights=world.gmina_weights)[0].teryt,
                radius_km=rng.choice([10, 20, 30, 50]),
                include_remote=rng.random() < 0.3,
                sort="distance",
            )
        elif kind == "filters":
            category = rng.choice(world.leaf_categories + world.leaf_categories[:8])
            params["category"] = rng.choice([category.code, *world.top_codes])
            if rng.random() < 0.5:
                params["forms"] = tuple(rng.sample(list(DeliveryForm.values), rng.randint(1, 2)))
            if rng.random() < 0.5:
                params["price_max"] = rng.choice([100_000, 200_000, 500_000])
            if rng.random() < 0.5:
                params["starts_after"] = today + timedelta(days=rng.randint(0, 60))
                params["starts_before"] = params["starts_after"] + timedelta(days=rng.choice([30, 90]))
            params["quality_mark"] = rng.random() < 0.3
            params["sort"] = rng.choice(["start", "price"])
        else:
            broad = rng.choice(["none", "starts_after", "quality_mark", "free_places"])
            if broad == "starts_after":
                params["starts_after"] = today + timedelta(days=rng.randint(0, 90))
            elif broad == "quality_mark":
                params["quality_mark"] = True
            elif broad == "free_places":
                params["free_places_only"] = True
            params["sort"] = rng.choice(["start", "price"])
        mix.append((kind, params))
    return mix


def bare_engine_query(q: str, page_size: int = 20) -> list[int]:
    """The engine alone: the first page of ids by rank for the analysed text."""
    from django.db import connection

    from kierunek.catalogue.search import fts5_match_expression, tsquery_expression
    from kierunek.catalogue.search.text import analyse_query
    from kierunek.catalogue.search.weights import ts_rank_weights

    groups = analyse_query(q)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT card_id FROM catalogue_searchdocument, to_tsquery('simple', %s) query "
                "WHERE search_vector @@ query "
                "ORDER BY ts_rank(%s::float4[], search_vector, query) DESC LIMIT %s",
                [tsquery_expression(groups), ts_rank_weights(), page_size],
            )
        else:
            cursor.execute(
                "SELECT rowid FROM catalogue_search_fts WHERE catalogue_search_fts MATCH %s "
                "ORDER BY rank LIMIT %s",
                [fts5_match_expression(groups), page_size],
            )
        return [row[0] for row in cursor.fetchall()]


def bare_ranked_query(q: str, page_size: int = 20) -> list[int]:
    """The engine's match and rank as the search computes them (the published cards, the words as
    typed boosted among their families: ``text.core_alternatives``), the first page of ids and
    nothing else: what the search adds to ranking the way it ranks."""
    from django.db import connection

    from kierunek.catalogue.search.engine import engine_for
    from kierunek.catalogue.search.text import analyse_query

    engine = engine_for(connection.vendor, columnar=False)
    sql = engine.dialect.text_filter(analyse_query(q))  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.id FROM {sql.sources} WHERE {' AND '.join(sql.where)} ORDER BY {sql.rank} LIMIT %s",  # noqa: S608
            [*sql.params, page_size],
        )
        return [row[0] for row in cursor.fetchall()]


# How search_cards runs on SQLite (None: its default, the columns); set by run() per measured way.
COLUMNAR: bool | None = None


def search(params: dict[str, Any]) -> Any:
    from kierunek.catalogue.search import SearchParams, search_cards

    return search_cards(SearchParams(**params), columnar=COLUMNAR)


def search_statement_time(params: dict[str, Any]) -> float:
    """Milliseconds the database takes for the statements a search sends, sent again straight to
    the driver: the engine's share of a full search call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        search(params)
    raw = connection.connection.cursor()
    started = time.perf_counter()
    for query in captured.captured_queries:
        raw.execute(query["sql"])  # as logged: parameters already interpolated by the backend
        raw.fetchall()
    return (time.perf_counter() - started) * 1000


def after_change_times(changes: int = 20) -> list[float]:
    """Milliseconds of a search (no text, facets of the whole catalogue) right after one card's
    places changed: on SQLite this includes bringing the process's search columns up to date."""
    from django.db.models import F

    from kierunek.catalogue.models import ServiceCard

    ids = list(ServiceCard.objects.order_by("pk").values_list("pk", flat=True)[:changes])
    timings = []
    for card_id in ids:
        ServiceCard.objects.filter(pk=card_id, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)
        started = time.perf_counter()
        search({"sort": "start"})
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


# --- database set-up --------------------------------------------------------------------------


def configure(engine: str, *, database: str = "", keep: bool = False) -> tuple[str, Any]:
    """Point Django at a database of its own; return a description and a clean-up function.
    ``database`` names one a previous run kept (on SQLite, its file; ``keep``: not removed at the
    end)."""
    if engine == "sqlite":
        if database:
            path = Path(database).resolve()
            folder = ""
        else:
            folder = tempfile.mkdtemp(prefix="kierunek-bench-")
            path = Path(folder) / "search.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"

        def cleanup() -> None:
            if keep:
                print(f"kept {path}", file=sys.stderr)
                return
            for suffix in ("", "-wal", "-shm"):
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
    name = database or f"kierunek_bench_{os.getpid()}"
    admin_url = urlunparse(parts._replace(path="/postgres"))
    if not database:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = urlunparse(parts._replace(path=f"/{name}"))

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        if keep:
            return
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{parts.hostname}/{name}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--providers", type=int, default=0, help="default: one per 200 cards, at least 20")
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument(
        "--search",
        choices=["columns", "statement", "both"],
        default="columns",
        help="on SQLite: the search columns in the process, one SQL statement, or both (decision 0004)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database at the end (to profile it, or measure it again: --database)",
    )
    parser.add_argument(
        "--kept-counts",
        action="store_true",
        help="PostgreSQL: also run every search without a text both with the kept counts and counting "
        "the cards, in random order, and compare (decision 0007)",
    )
    parser.add_argument(
        "--page-read",
        action="store_true",
        help="also run every search of the mix with the page's cards read in the search's statement and "
        "in a statement of their own, in random order, with the bare query, and compare (decision 0007)",
    )
    parser.add_argument(
        "--boost-ways",
        action="store_true",
        help="SQLite: also run every search of the mix with a text with the typed words' boost ranked as "
        "chosen and always by copies, in random order, and compare (decision 0007)",
    )
    parser.add_argument(
        "--database",
        default="",
        help="a database a run with --keep left (same --cards; on SQLite its file's path): migrated, "
        "not generated again",
    )
    args = parser.parse_args()
    if args.database and args.engine == "sqlite" and not Path(args.database).is_file():
        parser.error(f"--database: no SQLite file {args.database}")
    where, cleanup = configure(args.engine, database=args.database, keep=args.keep or bool(args.database))
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
    from kierunek.catalogue.search import cards_index_bulk

    def say(text: str) -> None:
        print(text, file=sys.stderr if args.json else sys.stdout, flush=True)

    settings.DEBUG = False  # no query log: measure what production runs
    say(f"engine {connection.vendor}, database {where}, load average {os.getloadavg()[0]:.2f}")
    call_command("migrate", verbosity=0)
    rng = random.Random(SEED)
    started = time.perf_counter()
    if args.database:  # kept by an earlier run: the same seeded world, read back
        world = world_read()
        index_per_s = 0.0
        say(f"reusing {ServiceCard.objects.count()} cards of {args.database}")
    else:
        with transaction.atomic():
            world = build_world(rng, providers=args.providers or max(20, args.cards // 200))
            generate_cards(rng, world, args.cards)
        say(f"generated {args.cards} cards in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        with transaction.atomic():
            cards = ServiceCard.objects.select_related("category__parent", "provider", "gmina").order_by("pk")
            indexed = cards_index_bulk(cards.iterator(chunk_size=BATCH))
        index_seconds = time.perf_counter() - started
        index_per_s = indexed / index_seconds
        say(f"indexed {indexed} cards in {index_seconds:.1f} s: {index_per_s:.0f} cards/s")
    with connection.cursor() as cursor:
        # Planner statistics, as a maintained production database has them.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    mix = query_mix(random.Random(SEED + 1), world, args.queries)
    if connection.vendor != "sqlite":
        ways = ["statement"]
    else:
        ways = ["columns", "statement"] if args.search == "both" else [args.search]
    for way in ways:
        measure(args, way, mix, index_per_s, say)
    if args.kept_counts and connection.vendor == "postgresql":
        compare_kept_counts(mix, say)
    if args.page_read:
        compare_page_read(mix, say)
    if args.boost_ways and connection.vendor == "sqlite":
        compare_boost_ways(mix, say)


def compare_page_read(mix: list[tuple[str, dict[str, Any]]], say: Any) -> None:
    """Each search of the mix run by the statement engine with the page's cards read in its own
    statement and in a second one (as before), in random order, the bare query after each search
    with a text; p50 / p95 per kind, the ratio to the bare query each way, the results compared."""
    global COLUMNAR
    from django.db import connection

    from kierunek.catalogue.search.engine import engine_for

    COLUMNAR = False
    engine = engine_for(connection.vendor, columnar=False)
    rng = random.Random(SEED + 3)
    timings: dict[tuple[str, bool], list[float]] = {}
    totals = {True: 0.0, False: 0.0}
    bare_total = 0.0
    say(
        "--- the page's cards in the search's statement or in their own, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    for kind, params in mix:
        ways = [True, False]
        rng.shuffle(ways)
        found = {}
        for one in ways:
            engine.reads_page = one  # type: ignore[misc]
            started = time.perf_counter()
            result = search(params)
            elapsed = (time.perf_counter() - started) * 1000
            timings.setdefault((kind, one), []).append(elapsed)
            if params.get("q"):
                totals[one] += elapsed
            found[one] = (
                result.count,
                result.facets,
                [(h.card.pk, [d.pk for d in h.dates]) for h in result.items],
            )
        if params.get("q"):
            started = time.perf_counter()
            bare_engine_query(params["q"])
            bare_total += (time.perf_counter() - started) * 1000
        if found[True] != found[False]:
            raise SystemExit(f"the two ways of reading the page differ for {params}")
    del engine.reads_page  # type: ignore[misc]
    say(f"{'kind':<15}{'n':>6}{'own statement p50/p95':>26}{'one statement p50/p95':>26}")
    for kind in KINDS:
        apart, one = timings[kind, False], timings[kind, True]
        say(
            f"{kind:<15}{len(one):>6}{statistics.median(apart):>17.1f} /{percentile(apart, 0.95):>6.1f}"
            f"{statistics.median(one):>19.1f} /{percentile(one, 0.95):>6.1f}"
        )
    say(
        f"full search / bare engine query: {totals[False] / bare_total:.2f} with a statement of their own, "
        f"{totals[True] / bare_total:.2f} in one statement"
    )
    say(f"load average at the end: {os.getloadavg()[0]:.2f}")


def compare_boost_ways(mix: list[tuple[str, dict[str, Any]]], say: Any) -> None:
    """SQLite: each search of the mix with a text run with the typed words' boost ranked as the
    search chooses (copies, or two matches from TWO_MATCHES_FROM_TYPED typed alternatives on)
    and always by the copies (as before decision 0007's last step), one after the other in random
    order; p50 / p95 per kind and per text, the results compared (the ranks to 1e-9)."""
    global COLUMNAR
    from kierunek.catalogue.search import sqlite

    COLUMNAR = True
    chosen_from = sqlite.TWO_MATCHES_FROM_TYPED
    rng = random.Random(SEED + 4)
    timings: dict[tuple[str, str], list[float]] = {}
    say(f"--- the boost ranked as chosen or always by copies, load average {os.getloadavg()[0]:.2f}")
    try:
        for kind, params in mix:
            if not params.get("q"):
                continue
            ways = ["chosen", "copies"]
            rng.shuffle(ways)
            found = {}
            for way in ways:
                sqlite.TWO_MATCHES_FROM_TYPED = chosen_from if way == "chosen" else sys.maxsize
                started = time.perf_counter()
                result = search(params)
                elapsed = (time.perf_counter() - started) * 1000
                timings.setdefault((kind, way), []).append(elapsed)
                timings.setdefault((params["q"], way), []).append(elapsed)
                found[way] = (result.count, [h.card.pk for h in result.items], [h.rank for h in result.items])
            # The ranks are equal to the last bits of a double: a near tie may change places.
            (count, _page, ranks), (other_count, _other_page, other_ranks) = found["chosen"], found["copies"]
            close = len(ranks) == len(other_ranks) and all(
                math.isclose(a, b, rel_tol=1e-9) for a, b in zip(ranks, other_ranks, strict=True)
            )
            if count != other_count or not close:
                raise SystemExit(f"the two ways of ranking the boost differ for {params}")
    finally:
        sqlite.TWO_MATCHES_FROM_TYPED = chosen_from
    say(f"{'kind or text':<32}{'n':>5}{'copies p50/p95':>18}{'chosen p50/p95':>18}")
    texts = sorted({key for key, _way in timings if key not in KINDS})
    for key in [kind for kind in KINDS if (kind, "chosen") in timings] + texts:
        copies, chosen = timings[key, "copies"], timings[key, "chosen"]
        say(
            f"{key[:31]:<32}{len(chosen):>5}"
            f"{statistics.median(copies):>10.1f} /{percentile(copies, 0.95):>6.1f}"
            f"{statistics.median(chosen):>11.1f} /{percentile(chosen, 0.95):>6.1f}"
        )
    say(f"load average at the end: {os.getloadavg()[0]:.2f}")


def compare_kept_counts(mix: list[tuple[str, dict[str, Any]]], say: Any) -> None:
    """Each search of the mix without a text run with the counts PostgreSQL keeps (and the holders'
    cards by provider) and counting every card, in random order (so that both share the machine's
    load), the results compared; p50 / p95 per kind and per broad filter."""
    from kierunek.catalogue.search import SearchParams, search_cards
    from kierunek.catalogue.search.postgres import POSTGRES_ENGINE

    def label(kind: str, params: dict[str, Any]) -> str:
        if kind != "facets":
            return kind
        broad = [name for name in ("starts_after", "quality_mark", "free_places_only") if name in params]
        return f"facets {broad[0] if broad else 'none'}"

    rng = random.Random(SEED + 2)
    timings: dict[tuple[str, bool], list[float]] = {}
    say(f"--- kept counts against counting the cards, load average {os.getloadavg()[0]:.2f}")
    for kind, params in mix:
        if params.get("q"):
            continue
        ways = [True, False]
        rng.shuffle(ways)
        found = {}
        for with_kept in ways:
            POSTGRES_ENGINE.kept_counts = POSTGRES_ENGINE.by_provider = with_kept
            started = time.perf_counter()
            result = search_cards(SearchParams(**params))
            elapsed = (time.perf_counter() - started) * 1000
            for name in {label(kind, params), kind}:
                timings.setdefault((name, with_kept), []).append(elapsed)
            found[with_kept] = (result.count, result.facets, [hit.card.pk for hit in result.items])
        if found[True] != found[False]:
            raise SystemExit(f"the kept counts and counting the cards differ for {params}")
    POSTGRES_ENGINE.kept_counts = POSTGRES_ENGINE.by_provider = True
    say(f"{'kind':<30}{'n':>6}{'counted p50/p95':>20}{'kept p50/p95':>18}")
    for name in sorted({name for name, _kept in timings}):
        counted, kept = timings[name, False], timings[name, True]
        say(
            f"{name:<30}{len(kept):>6}{statistics.median(counted):>11.1f} /{percentile(counted, 0.95):>6.1f}"
            f"{statistics.median(kept):>10.1f} /{percentile(kept, 0.95):>6.1f}"
        )
    say(f"load average at the end: {os.getloadavg()[0]:.2f}")


def ratios_to_bare(mix: list[tuple[str, dict[str, Any]]]) -> tuple[float, float]:
    """The full search calls of the mix's texts against the bare engine query and the bare query
    ranked as the search ranks: each text's three calls in an order drawn at random (seeded), so
    that none of them always finds the pages the one before it read (run right after the full
    call, the bare query did, and its ratio came out higher by about 0.3)."""
    rng = random.Random(SEED + 1)
    totals = {"full": 0.0, "bare": 0.0, "ranked": 0.0}
    calls = {"full": search, "bare": bare_engine_query, "ranked": bare_ranked_query}
    for _kind, params in mix:
        if not params.get("q"):
            continue
        order = list(calls)
        rng.shuffle(order)
        for name in order:
            started = time.perf_counter()
            calls[name](params if name == "full" else params["q"])
            totals[name] += (time.perf_counter() - started) * 1000
    if not totals["bare"] or not totals["ranked"]:
        return 0.0, 0.0
    return totals["full"] / totals["bare"], totals["full"] / totals["ranked"]


def measure(
    args: argparse.Namespace, way: str, mix: list[tuple[str, dict[str, Any]]], index_per_s: float, say: Any
) -> None:
    """Run the query mix one ``way`` (on SQLite: "columns" or "statement") and print the figures."""
    global COLUMNAR
    from django.db import connection

    COLUMNAR = None if connection.vendor != "sqlite" else way == "columns"
    say(f"--- search by {way}")
    started = time.perf_counter()
    search({})  # the first search of a process (SQLite: loads the search columns)
    first_ms = (time.perf_counter() - started) * 1000
    say(f"first search of the process: {first_ms:.0f} ms")
    for _kind, params in mix[:40]:  # warm-up: caches of the analyser, the database and Python
        search(params)
    timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
    cpu: dict[str, list[float]] = {kind: [] for kind in KINDS}
    full_total = statement_total = 0.0
    for kind, params in mix:
        started, started_cpu = time.perf_counter(), time.process_time()
        search(params)
        elapsed = (time.perf_counter() - started) * 1000
        timings[kind].append(elapsed)
        cpu[kind].append((time.process_time() - started_cpu) * 1000)
        full_total += elapsed
        statement_total += search_statement_time(params)
    ratio, ratio_ranked = ratios_to_bare(mix)
    ratio_statement = full_total / statement_total if statement_total else 0.0

    # CPU time of this process besides wall-clock time: on a shared machine the difference is
    # time spent waiting for the CPU (and, on PostgreSQL, the server's own work).
    say(f"{'kind':<15}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'cpu p95 ms':>12}")
    for kind in KINDS:
        values = timings[kind]
        say(
            f"{kind:<15}{len(values):>6}{statistics.median(values):>10.1f}"
            f"{percentile(values, 0.95):>10.1f}{percentile(values, 0.99):>10.1f}"
            f"{percentile(cpu[kind], 0.95):>12.1f}"
        )
    say(f"full search / bare engine query (queries with a text): {ratio:.2f}")
    say(f"full search / bare query ranked as the search ranks: {ratio_ranked:.2f}")
    say(f"full search / its SQL statements on the driver (all queries): {ratio_statement:.2f}")
    changed = after_change_times()
    say(
        f"search right after a card changed: p50 {statistics.median(changed):.1f} ms, "
        f"max {max(changed):.1f} ms"
    )
    say(f"load average at the end: {os.getloadavg()[0]:.2f}")
    if args.json:
        print(
            json.dumps(
                {
                    "engine": "postgres" if connection.vendor == "postgresql" else connection.vendor,
                    "search": way,
                    "cards": args.cards,
                    "queries": len(mix),
                    "index_per_s": round(index_per_s, 1),
                    "p50_ms": {kind: round(statistics.median(timings[kind]), 2) for kind in KINDS},
                    "p95_ms": {kind: round(percentile(timings[kind], 0.95), 2) for kind in KINDS},
                    "p99_ms": {kind: round(percentile(timings[kind], 0.99), 2) for kind in KINDS},
                    "cpu_p95_ms": {kind: round(percentile(cpu[kind], 0.95), 2) for kind in KINDS},
                    "ratio_to_bare": round(ratio, 2),
                    "ratio_to_bare_ranked": round(ratio_ranked, 2),
                    "ratio_to_own_statements": round(ratio_statement, 2),
                    "first_search_ms": round(first_ms, 1),
                    "after_change_p50_ms": round(statistics.median(changed), 2),
                }
            )
        )


if __name__ == "__main__":
    main()
