"""Demo labour facts: one import of each kind covering every powiat, made up (deterministically,
from each powiat's code) and marked as demo data in its source and its flag, so every powiat's page
has content and says the figures are not real. Imported through the service, as the demo officer;
a second run adds nothing."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from datetime import date

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.core import csvsafe
from kierunek.core.actor import Actor
from kierunek.geo.models import Powiat

from . import services
from .models import FactImport, FactKind

SOURCE = "DANE DEMONSTRACYJNE (nie są prawdziwe): wzór {what}"
REFERENCE_DATE = date(2025, 12, 31)
FIELDS = [
    "informatyka",
    "mechanika i budowa maszyn",
    "ekonomia i administracja",
    "pielęgniarstwo",
    "gastronomia i hotelarstwo",
    "budownictwo",
    "elektryka i elektronika",
    "logistyka i spedycja",
]
SHORTAGE = [
    "kierowcy samochodów ciężarowych",
    "spawacze",
    "elektrycy",
    "pielęgniarki i położne",
    "programiści",
    "operatorzy obrabiarek CNC",
    "opiekunowie osób starszych",
    "murarze i tynkarze",
    "kucharze",
]
SURPLUS = [
    "ekonomiści",
    "pedagodzy",
    "specjaliści administracji publicznej",
    "technicy rolnictwa",
    "politolodzy",
    "fotografowie",
]
BALANCED = ["sprzedawcy", "księgowi", "fryzjerzy", "magazynierzy"]
WHAT = {
    FactKind.POPULATION: "GUS, Bank Danych Lokalnych",
    FactKind.UNEMPLOYMENT: "WUP w Krakowie, bezrobocie rejestrowane",
    FactKind.GRADUATES: "GUS, absolwenci według dziedzin",
    FactKind.BAROMETER: "WUP w Krakowie, Barometr zawodów",
}


def planned(size: str) -> int:
    return len(FactKind)


def _rows(kind: str, powiat: Powiat) -> list[list[object]]:
    rng = random.Random(f"{kind}-{powiat.teryt}")  # noqa: S311 - made-up figures, not secrets
    working_age = (
        rng.randint(45, 140) * 1000 if not powiat.teryt.startswith("126") else rng.randint(60, 480) * 1000
    )
    if powiat.teryt == "1261":
        working_age = 480_000
    if kind == FactKind.POPULATION:
        return [[powiat.teryt, powiat.name, working_age]]
    if kind == FactKind.UNEMPLOYMENT:
        rate = rng.randint(18, 95) / 10
        return [
            [
                powiat.teryt,
                powiat.name,
                round(working_age * rate / 100 * 0.8),
                f"{rate:.1f}".replace(".", ","),
            ]
        ]
    if kind == FactKind.GRADUATES:
        return [[powiat.teryt, powiat.name, field, rng.randint(12, 400)] for field in rng.sample(FIELDS, 5)]
    shortage: list[list[object]] = [
        [powiat.teryt, powiat.name, job, "deficytowy"] for job in rng.sample(SHORTAGE, 4)
    ]
    balanced: list[list[object]] = [
        [powiat.teryt, powiat.name, job, "zrównoważony"] for job in rng.sample(BALANCED, 2)
    ]
    surplus: list[list[object]] = [
        [powiat.teryt, powiat.name, job, "nadwyżkowy"] for job in rng.sample(SURPLUS, 3)
    ]
    return [*shortage, *balanced, *surplus]


def demo_file(kind: str) -> bytes:
    """A CSV file of ``kind`` for every powiat, as the office would upload it."""
    out = io.StringIO()
    writer = csvsafe.SafeWriter(out)
    writer.writerow(services.COLUMNS[kind])
    for powiat in Powiat.objects.order_by("teryt"):
        for row in _rows(kind, powiat):
            writer.writerow(row)
    return out.getvalue().encode("utf-8")


def seed(*, size: str) -> Iterator[str]:
    officer = User.objects.filter(email=demo_email(Role.OFFICER), role=Role.OFFICER).first()
    if officer is None or FactImport.objects.filter(is_demo=True).exists():
        yield from ("skipped",) * planned(size)
        return
    for kind in FactKind:
        services.facts_import(
            actor=Actor.of(officer),
            kind=kind,
            content=demo_file(kind),
            filename=f"demo-{kind}.csv",
            source=SOURCE.format(what=WHAT[kind]),
            reference_date=REFERENCE_DATE,
            is_demo=True,
        )
        yield kind
